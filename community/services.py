"""Every write in the forums goes through these functions."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from knowledge.markup import render_markdown
from profiles.permissions import has_verified_email

from .constants import FlagReason, GroupPrivacy, MembershipRole, MembershipStatus, ModerationAction, PostStatus
from .managers import is_forum_editor as _is_editor
from .models import Answer, Flag, Group, Membership, ModerationLogEntry, Question, Sanction, Vote

LINK_PATTERN = re.compile(r"https?://|www\.", re.IGNORECASE)


class ForumError(Exception):
    """A forum action that breaks a rule; the message is for the member.
    `status` is the HTTP status the view answers with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def active_sanction(user) -> "Sanction | None":
    now = timezone.now()
    return (
        Sanction.objects.filter(user=user, lifted_at=None)
        .filter(Q(until=None) | Q(until__gt=now))
        .order_by("-created_at")
        .first()
    )


def _require_member(user) -> None:
    """Every way of posting, voting or flagging starts here: form, htmx
    endpoint, and later email replies."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if not has_verified_email(user):
        raise ForumError(_("Confirm your email address before posting."), status=403)
    sanction = active_sanction(user)
    if sanction is not None:
        if sanction.until:
            message = _("You cannot post until %(date)s: %(reason)s") % {
                "date": date_format(timezone.localtime(sanction.until), "DATETIME_FORMAT"),
                "reason": sanction.reason,
            }
        else:
            message = _("You cannot post for now: %(reason)s") % {"reason": sanction.reason}
        raise ForumError(message, status=403)


@transaction.atomic
def sanction_member(editor, member, *, kind: str, days: int | None, reason: str) -> "Sanction":
    """Silence or suspend a member for some days (None: until lifted); logged, and the member is told."""
    if not _is_editor(editor):
        raise PermissionDenied
    if not reason.strip():
        raise ForumError(_("Give the reason; the member reads it."))
    if member.pk == editor.pk:
        raise ForumError(_("You cannot sanction yourself."), status=403)
    until = timezone.now() + timedelta(days=days) if days else None
    sanction = Sanction.objects.create(user=member, kind=kind, until=until, reason=reason.strip(), decided_by=editor)
    action = ModerationAction.SILENCE if kind == "silence" else ModerationAction.SUSPEND
    ModerationLogEntry.objects.create(action=action, moderator=editor, member=member, reason=reason.strip())
    from notifications.signals import notify

    transaction.on_commit(
        lambda: notify.send(
            editor, recipient=member, verb=f"moderation.{action}", description=f"{action.label}: {reason.strip()}"
        )
    )
    return sanction


def _check_rate(user, action: str) -> None:
    """At most FORUM_RATE_LIMITS[action] per member per hour (in the shared cache)."""
    limit = settings.FORUM_RATE_LIMITS[action]
    key = f"forum-rate:{action}:{user.pk}:{int(timezone.now().timestamp() // 3600)}"
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > limit:
        raise ForumError(
            _("You have reached the limit of %(limit)d per hour. Please try again later.") % {"limit": limit},
            status=429,
        )


def _initial_status(user, body: str) -> str:
    """New members' first posts, and any post of theirs with links, wait for
    the secretariat: the trust rule of mature forums."""
    if _is_editor(user):
        return PostStatus.VISIBLE
    published = (
        Question.objects.filter(author=user, status=PostStatus.VISIBLE).count()
        + Answer.objects.filter(author=user, status=PostStatus.VISIBLE).count()
    )
    if published < settings.FORUM_NEW_MEMBER_HELD_POSTS:
        return PostStatus.HELD
    if LINK_PATTERN.search(body) and published < settings.FORUM_TRUSTED_AFTER_POSTS:
        return PostStatus.HELD
    return PostStatus.VISIBLE


def is_active_member(user, group: Group | None) -> bool:
    return bool(
        group
        and user.is_authenticated
        and Membership.objects.filter(group=group, user=user, status=MembershipStatus.ACTIVE).exists()
    )


def is_group_moderator(user, group: Group) -> bool:
    return _is_editor(user) or (
        user.is_authenticated
        and Membership.objects.filter(
            group=group, user=user, status=MembershipStatus.ACTIVE, role=MembershipRole.MODERATOR
        ).exists()
    )


def _require_group_member(user, group: Group | None) -> None:
    if group is not None and not is_active_member(user, group) and not _is_editor(user):
        raise ForumError(_("Only members of this group can post in it."), status=403)


@transaction.atomic
def join_group(user, group: Group) -> Membership:
    """Open groups: member at once. Closed: a request a moderator approves.
    Private: only by invitation (accepting one is joining)."""
    _require_member(user)
    membership = Membership.objects.filter(group=group, user=user).first()
    if membership and membership.status == MembershipStatus.ACTIVE:
        return membership
    if membership and membership.status == MembershipStatus.INVITED:
        membership.status = MembershipStatus.ACTIVE
        membership.save(update_fields=["status"])
        return membership
    if group.privacy == GroupPrivacy.PRIVATE:
        raise ForumError(_("This group is by invitation only."), status=403)
    status = MembershipStatus.ACTIVE if group.privacy == GroupPrivacy.OPEN else MembershipStatus.REQUESTED
    membership, _created = Membership.objects.update_or_create(group=group, user=user, defaults={"status": status})
    return membership


@transaction.atomic
def leave_group(user, group: Group) -> None:
    Membership.objects.filter(group=group, user=user).delete()


@transaction.atomic
def decide_membership(moderator, membership: Membership, *, approve: bool) -> None:
    """A group moderator accepts or refuses a request to join; or removes a member."""
    if not is_group_moderator(moderator, membership.group):
        raise ForumError(_("Only the group's moderators can do this."), status=403)
    if approve:
        membership.status = MembershipStatus.ACTIVE
        membership.save(update_fields=["status"])
    else:
        membership.delete()


@transaction.atomic
def invite_to_group(moderator, group: Group, *, handle_or_email: str) -> Membership:
    from profiles.models import User

    if not is_group_moderator(moderator, group):
        raise ForumError(_("Only the group's moderators can invite."), status=403)
    value = handle_or_email.strip().lstrip("@")
    invitee = User.objects.filter(Q(handle=value) | Q(email__iexact=value), is_active=True).first()
    if invitee is None:
        raise ForumError(_("No member has this handle or email address."), status=404)
    membership, created = Membership.objects.get_or_create(
        group=group, user=invitee, defaults={"status": MembershipStatus.INVITED}
    )
    if not created and membership.status == MembershipStatus.REQUESTED:
        membership.status = MembershipStatus.ACTIVE
        membership.save(update_fields=["status"])
    return membership


@transaction.atomic
def ask_question(user, *, title: str, body: str, thematic_areas=(), conventions=(), group=None) -> Question:
    """Publish a question; its body is Markdown, stored as safe HTML too."""
    _require_member(user)
    _require_group_member(user, group)
    _check_rate(user, "question")
    question = Question.objects.create(
        title=title.strip(),
        body_markdown=body,
        body_html=render_markdown(body),
        author=user,
        status=_initial_status(user, body),
        group=group,
    )
    question.thematic_areas.set(thematic_areas)
    question.conventions.set(conventions)
    return question


@transaction.atomic
def post_answer(user, question: Question, *, body: str) -> Answer:
    _require_member(user)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.is_locked:
        raise ForumError(_("This question is locked; no new answers can be posted."), status=403)
    _require_group_member(user, question.group)
    _check_rate(user, "answer")
    answer = Answer.objects.create(
        question=question,
        author=user,
        body_markdown=body,
        body_html=render_markdown(body),
        status=_initial_status(user, body),
    )
    if answer.status == PostStatus.VISIBLE:
        _count_answer(question.pk, +1)
    return answer


def _count_answer(question_id: int, change: int) -> None:
    """answer_count counts visible answers only (what lists show)."""
    Question.objects.filter(pk=question_id).update(
        answer_count=F("answer_count") + change, last_activity_at=timezone.now()
    )


@transaction.atomic
def flag_post(user, target: Question | Answer, *, reason: str, text: str = "") -> int:
    """Report a post; FORUM_FLAGS_TO_HIDE flags from distinct members hide it
    until an editor decides. Returns the post's number of flags."""
    _require_member(user)
    if reason not in FlagReason.values:
        raise ForumError(_("Choose why you are flagging this post."))
    if reason == FlagReason.OTHER and not text.strip():
        raise ForumError(_("Say what is wrong with this post."))
    if target.author_id == user.pk:
        raise ForumError(_("You cannot flag your own post."), status=403)
    kind = "question" if isinstance(target, Question) else "answer"
    if Flag.objects.filter(**{kind: target, "flagger": user}).exists():
        raise ForumError(_("You have already flagged this post."), status=409)
    _check_rate(user, "flag")
    Flag.objects.create(**{kind: target}, flagger=user, reason=reason, text=text.strip()[:500])
    count = Flag.objects.filter(**{kind: target}).count()
    model = type(target)
    if count >= settings.FORUM_FLAGS_TO_HIDE and model.objects.filter(pk=target.pk, status=PostStatus.VISIBLE).update(
        status=PostStatus.HIDDEN
    ):
        if kind == "answer":
            _count_answer(target.question_id, -1)
        ModerationLogEntry.objects.create(
            **{kind: target}, action=ModerationAction.HIDE, reason=_("Flagged by members")
        )
    return count


MODERATION_RESULT = {
    ModerationAction.APPROVE: PostStatus.VISIBLE,
    ModerationAction.RESTORE: PostStatus.VISIBLE,
    ModerationAction.DELETE: PostStatus.DELETED,
}


@transaction.atomic
def moderate(editor, target: Question | Answer, *, action: str, reason: str = "") -> None:
    """An editor approves a held or hidden post, deletes one (softly, with a
    reason the author reads), or restores a deleted one. Logged."""
    if not _is_editor(editor):
        raise PermissionDenied
    if action == ModerationAction.DELETE and not reason.strip():
        raise ForumError(_("Give the reason for deleting; the author reads it."))
    if action not in MODERATION_RESULT:
        raise ForumError(_("Unknown moderation action."))
    model = type(target)
    target = model.objects.select_for_update().get(pk=target.pk)
    was_visible = target.status == PostStatus.VISIBLE
    target.status = MODERATION_RESULT[action]
    target.save(update_fields=["status"])
    kind = "question" if model is Question else "answer"
    if kind == "answer" and was_visible != (target.status == PostStatus.VISIBLE):
        _count_answer(target.question_id, +1 if target.status == PostStatus.VISIBLE else -1)
    if target.status == PostStatus.VISIBLE:
        Flag.objects.filter(**{kind: target}).delete()  # settled
    ModerationLogEntry.objects.create(**{kind: target}, action=action, moderator=editor, reason=reason.strip())
    _tell_author(target, action, reason.strip())


def _tell_author(target, action: str, reason: str) -> None:
    from notifications.signals import notify

    label = ModerationAction(action).label
    transaction.on_commit(
        lambda: notify.send(
            target.author,
            recipient=target.author,
            verb=f"moderation.{action}",
            target=target,
            description=f"{label}: {reason}" if reason else str(label),
        )
    )


@transaction.atomic
def toggle_vote(user, answer: Answer) -> bool:
    """Up-vote an answer, or withdraw the vote; returns whether it is now voted."""
    _require_member(user)
    if answer.author_id == user.pk:
        raise ForumError(_("You cannot vote on your own answer."), status=403)
    if answer.status != PostStatus.VISIBLE:
        raise ForumError(_("This answer cannot be voted on."), status=404)
    deleted, _rows = Vote.objects.filter(answer=answer, voter=user).delete()
    if deleted:
        Answer.objects.filter(pk=answer.pk).update(vote_count=F("vote_count") - 1)
        return False
    Vote.objects.create(answer=answer, voter=user)
    Answer.objects.filter(pk=answer.pk).update(vote_count=F("vote_count") + 1)
    return True


@transaction.atomic
def accept_answer(user, answer: Answer) -> Question:
    """The asker (or an editor) marks the answer that solved the question."""
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if user.pk != question.author_id and not _is_editor(user):
        raise ForumError(_("Only the person who asked can accept an answer."), status=403)
    if answer.status != PostStatus.VISIBLE:
        raise ForumError(_("This answer cannot be accepted."), status=404)
    question.accepted_answer = None if question.accepted_answer_id == answer.pk else answer
    question.last_activity_at = timezone.now()
    question.save(update_fields=["accepted_answer", "last_activity_at"])
    return question
