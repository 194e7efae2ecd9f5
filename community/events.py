"""Events of the forums and groups, each raised by one call from the service
that owns the change. Recipients are limited here to people who may see the
post; `subscriptions.events` delivers them once each, after commit."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_noop

from core.events import EventKind, FollowKind, raise_event
from core.markup import plain_text
from core.messages import message, moment
from profiles.constants import Role

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
            description=message(gettext_noop("New question: %(title)s"), title=question.title),
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
            description=message(gettext_noop("New answer to “%(title)s”"), title=question.title),
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
    follows.append((FollowKind.MEMBER, str(question.author_id)))
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
        description=message(
            gettext_noop("%(name)s mentioned you in “%(title)s”"), name=str(post.author), title=question.title
        ),
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
        description=message(gettext_noop("Your answer was accepted: %(title)s"), title=answer.question.title),
    )


def _post_phrase(post) -> str:
    """The post, named so its author knows which one: “your question
    ‘Title’” or “your answer to ‘Title’”."""
    question = _question_of(post)
    if post is question:
        return message(gettext_noop("Your question “%(title)s”"), title=question.title)
    return message(gettext_noop("Your answer to “%(title)s”"), title=question.title)


def moderation_outcome(action: str, post=None, *, reason: str = "", until=None) -> dict:
    """One sentence with the thing, the outcome and the next step, for the
    inbox and the subject of the email: a message (core.messages), read in
    the member's language and time zone."""
    from .constants import ModerationAction

    if post is None:  # a sanction on the member
        if action == ModerationAction.SILENCE:
            if until:
                return message(
                    gettext_noop("You cannot post until %(date)s: %(reason)s"), date=moment(until), reason=reason
                )
            return message(gettext_noop("You cannot post until the secretariat lifts this: %(reason)s"), reason=reason)
        if until:
            return message(
                gettext_noop("Your account is suspended until %(date)s: %(reason)s"), date=moment(until), reason=reason
            )
        return message(
            gettext_noop("Your account is suspended until the secretariat lifts this: %(reason)s"), reason=reason
        )
    sentences = {
        ModerationAction.APPROVE: gettext_noop("%(thing)s was approved and everyone can read it now."),
        ModerationAction.RESTORE: gettext_noop("%(thing)s was restored and everyone can read it again."),
        ModerationAction.DELETE: gettext_noop("%(thing)s was removed by the secretariat. Reason: %(reason)s"),
        ModerationAction.HIDE: gettext_noop(
            "%(thing)s was hidden after members flagged it; the secretariat will review it. "
            "Until then only you and the secretariat can read it."
        ),
    }
    sentence = sentences.get(action, gettext_noop("%(thing)s was changed by the secretariat."))
    params = {"thing": _post_phrase(post)}
    if "%(reason)s" in sentence:
        params["reason"] = reason
    return message(sentence, **params)


def moderated(entry, *, target, recipient, reason: str = "", until=None) -> None:
    """A moderation decision (post approved, deleted, restored or hidden;
    member silenced or suspended): the member concerned is told what
    happened to which post, with its first lines, and what they can do."""
    raise_event(
        f"{EventKind.MODERATION}.{entry.action}",
        key=f"moderation:{entry.pk}",
        actor=entry.moderator,
        target=target,
        recipients=[recipient],
        description=moderation_outcome(entry.action, target, reason=reason, until=until),
        summary=plain_text(target.body_html) if target is not None else "",
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
        description = message(
            gettext_noop("%(name)s asks to join %(group)s"), name=str(membership.user), group=group.name
        )
    else:
        recipients = [membership.user_id]
        description = message(
            {
                "approved": gettext_noop("You are now a member of %(group)s"),
                "invited": gettext_noop("You are invited to join %(group)s"),
                "staff": gettext_noop("You are listed as staff of %(group)s and moderate its group"),
            }[what],
            group=group.name,
        )
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
        description=message(
            gettext_noop(
                "%(thing)s is awaiting review by the secretariat; others will see it once it is approved. "
                "You will hear when it is."
            ),
            thing=_post_phrase(post),
        ),
        summary=plain_text(post.body_html),
    )
