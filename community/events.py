"""Events of the forums and groups, each raised by one call from the service
that owns the change. Recipients are limited here to people who may see the
post; `subscriptions.events` delivers them once each, after commit."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from profiles.constants import Role
from subscriptions.events import EventKind, raise_event

from .constants import GroupPrivacy, MembershipRole, MembershipStatus


def _question_of(post):
    return getattr(post, "question", None) or post


def may_see(question) -> Q:
    """The members who may read `question` (a Q on users): everyone, except
    for a private group's discussions, which only its members read."""
    if question.group_id and question.group.privacy == GroupPrivacy.PRIVATE:
        return Q(group_memberships__group=question.group_id, group_memberships__status=MembershipStatus.ACTIVE)
    return Q()


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
        .filter(may_see(question))
        .exclude(pk=question.author_id)
        .distinct()
    )


def post_published(post, mentioned=()) -> None:
    """A question or answer became visible to others: tell matching experts
    (questions), the asker (answers) and the members it mentions."""
    question = _question_of(post)
    if post is question:
        raise_event(
            EventKind.QUESTION_PUBLISHED,
            key=f"question:{question.pk}:published",
            actor=question.author,
            target=question,
            recipients=matching_experts(question),
            description=_("A question on your area of expertise: %(title)s") % {"title": question.title},
        )
    elif post.author_id != question.author_id:
        raise_event(
            EventKind.ANSWER_POSTED,
            key=f"answer:{post.pk}:posted",
            actor=post.author,
            target=post,
            recipients=[question.author_id],
            description=_("New answer to your question: %(title)s") % {"title": question.title},
        )
    post_mentions(post, mentioned)


def post_mentions(post, mentioned) -> None:
    """Tell each member named with @handle in a visible post, once per post."""
    question = _question_of(post)
    ids = [user.pk for user in mentioned if user.pk != post.author_id]
    if not ids:
        return
    recipients = get_user_model().objects.filter(pk__in=ids).filter(may_see(question)).values_list("pk", flat=True)
    kind = "question" if post is question else "answer"
    raise_event(
        EventKind.MENTION,
        key=f"{kind}:{post.pk}:mention",
        actor=post.author,
        target=post,
        recipients=list(recipients),
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
        recipients=[answer.author_id],
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
