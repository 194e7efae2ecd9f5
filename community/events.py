"""Events of the forums and groups, each raised by one call from the service
that owns the change. Recipients are limited here to people who may see the
post; `subscriptions.events` delivers them once each, after commit."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from knowledge.markup import plain_text
from profiles.constants import Role
from subscriptions.constants import FollowKind
from subscriptions.events import EventKind, raise_event

from .constants import GroupPrivacy, MembershipRole, MembershipStatus
from .managers import readers_of


def _question_of(post):
    return getattr(post, "question", None) or post


def _readers(question, user_ids) -> list[int]:
    """Of `user_ids`, those who may read the question (one rule: community.managers.readers_of)."""
    ids = [each for each in user_ids if each]
    if not ids:
        return []
    return list(get_user_model().objects.filter(pk__in=ids).filter(readers_of(question)).values_list("pk", flat=True))


def matching_experts(question):
    """Active members verified as experts on one of the question's thematic areas."""
    topics = list(question.thematic_areas.values_list("pk", flat=True))
    if not topics:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            verifications__role=Role.EXPERT,
            verifications__status="approved",
            verifications__thematic_areas__in=topics,
        )
        .filter(readers_of(question))
        .exclude(pk=question.author_id)
        .distinct()
    )


def post_published(post, mentioned=()) -> None:
    """A question or answer became visible to others: tell matching experts
    (questions), the asker (answers) and the members it mentions."""
    question = _question_of(post)
    private_group_id = _private_group_id(question)
    if post is question:
        raise_event(
            EventKind.QUESTION_PUBLISHED,
            key=f"question:{question.pk}:published",
            actor=question.author,
            target=question,
            recipients=matching_experts(question),
            follows=question_follows(question),
            private_group_id=private_group_id,
            description=_("New question: %(title)s") % {"title": question.title},
            summary=plain_text(question.body_html),
        )
    else:
        raise_event(
            EventKind.ANSWER_POSTED,
            key=f"answer:{post.pk}:posted",
            actor=post.author,
            target=post,
            recipients=_readers(question, [question.author_id] if post.author_id != question.author_id else []),
            follows=[(FollowKind.QUESTION, str(question.pk))],
            private_group_id=private_group_id,
            description=_("New answer to “%(title)s”") % {"title": question.title},
            summary=plain_text(post.body_html),
        )
    post_mentions(post, mentioned)


def _private_group_id(question) -> int | None:
    if question.group_id and question.group.privacy == GroupPrivacy.PRIVATE:
        return question.group_id
    return None


def question_follows(question) -> list[tuple[str, str]]:
    """The things whose followers hear of a new question."""
    follows = [(FollowKind.TOPIC, topic.slug) for topic in question.thematic_areas.all()]
    follows += [(FollowKind.TAG, tag.slug) for tag in question.tags.all()]
    follows += [(FollowKind.COUNTRY, country.iso3) for country in question.countries.all()]
    follows += [(FollowKind.CONVENTION, convention.code) for convention in question.conventions.all()]
    follows.append((FollowKind.MEMBER, question.author.handle))
    if question.group_id:
        follows.append((FollowKind.GROUP, question.group.slug))
    return follows


def post_mentions(post, mentioned) -> None:
    """Tell each member named with @handle in a visible post, once per post."""
    question = _question_of(post)
    recipients = _readers(question, [user.pk for user in mentioned if user.pk != post.author_id])
    if not recipients:
        return
    kind = "question" if post is question else "answer"
    raise_event(
        EventKind.MENTION,
        key=f"{kind}:{post.pk}:mention",
        actor=post.author,
        target=post,
        recipients=recipients,
        description=_("%(name)s mentioned you in “%(title)s”") % {"name": post.author, "title": question.title},
    )


def answer_accepted(answer) -> None:
    if answer.author_id == answer.question.author_id:
        return
    raise_event(
        EventKind.ANSWER_ACCEPTED,
        key=f"answer:{answer.pk}:accepted",
        actor=answer.question.author,
        target=answer,
        recipients=_readers(answer.question, [answer.author_id]),
        description=_("Your answer was accepted: %(title)s") % {"title": answer.question.title},
    )


def moderated(entry, *, target, recipient, description: str) -> None:
    """A moderation decision (post approved, deleted, restored; member
    silenced or suspended): the member concerned is told."""
    raise_event(
        f"{EventKind.MODERATION}.{entry.action}",
        key=f"moderation:{entry.pk}",
        actor=entry.moderator,
        target=target,
        recipients=[recipient],
        description=description,
    )


def membership_changed(membership, what: str, *, actor) -> None:
    """A request to join (to the group's moderators), an approval or an
    invitation (to the member)."""
    group = membership.group
    if what == "requested":
        recipients = list(
            group.memberships.filter(status=MembershipStatus.ACTIVE, role=MembershipRole.MODERATOR).values_list(
                "user_id", flat=True
            )
        )
        description = _("%(name)s asks to join %(group)s") % {"name": membership.user, "group": group.name}
    else:
        recipients = [membership.user_id]
        description = {
            "approved": _("You are now a member of %(group)s"),
            "invited": _("You are invited to join %(group)s"),
            "staff": _("You are listed as staff of %(group)s and moderate its group"),
        }[what] % {"group": group.name}
    raise_event(
        f"{EventKind.MEMBERSHIP}.{what}",
        key=f"membership:{membership.pk}:{what}:{membership.created_at.timestamp():.0f}",
        actor=actor,
        target=group,
        recipients=recipients,
        description=description,
    )


def post_held(post, *, occasion: str = "posted") -> None:
    """The author hears that their post waits for the secretariat."""
    kind = "question" if post is _question_of(post) else "answer"
    raise_event(
        f"{EventKind.MODERATION}.held",
        key=f"{kind}:{post.pk}:held:{occasion}",
        actor=None,
        target=None,
        recipients=[post.author_id],
        description=_("Your post is awaiting review by the secretariat; others will see it once it is approved."),
    )
