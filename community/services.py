"""Every write in the forums goes through these functions."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import audit
from core.counters import count as count_in_cache
from core.events import FollowKind, follow_quietly
from core.language_detection import detect_language
from core.markup import render_markdown
from core.models import AuditKind
from core.signals import content_changed
from profiles.constants import Role, VerificationStatus
from profiles.models import FormerHandle, User, Verification
from profiles.permissions import has_verified_email

from . import events
from .constants import (
    CloseReason,
    FlagReason,
    GroupPrivacy,
    MembershipRole,
    MembershipStatus,
    ModerationAction,
    PostStatus,
)
from .managers import is_forum_editor as _is_editor
from .models import (
    Answer,
    Flag,
    Group,
    Membership,
    ModerationLogEntry,
    Notice,
    Question,
    Revision,
    Sanction,
    Vote,
)

LINK_PATTERN = re.compile(r"https?://|www\.", re.IGNORECASE)
# @handle, not inside an email address or a URL path.
MENTION_PATTERN = re.compile(r"(?<![\w@/.])@([A-Za-z0-9][A-Za-z0-9_-]{1,49})")
MAX_MENTIONS = 10


def render_post(body: str) -> tuple[str, list]:
    """A post's Markdown as safe HTML, with each @handle of a member linked
    to their profile; returns the HTML and the members mentioned."""
    handles = list(dict.fromkeys(MENTION_PATTERN.findall(body)))[:MAX_MENTIONS]
    # A mention names the member: a former handle leads to them as they are called now.
    members = (
        {user.handle: user for user in User.objects.filter(handle__in=handles, is_active=True)} if handles else {}
    )
    for former in FormerHandle.objects.filter(
        handle__in=set(handles) - set(members), user__is_active=True
    ).select_related("user"):
        members[former.handle] = former.user
    mentioned = list({user.pk: user for user in members.values()}.values())

    def link(match):
        member = members.get(match.group(1))
        # Language-neutral path: the locale middleware sends readers to their language.
        return f"[@{member.handle}](/people/{member.handle}/)" if member else match.group(0)

    return render_markdown(MENTION_PATTERN.sub(link, body)), mentioned


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


def sanction_notice(user) -> str:
    """What a silenced or suspended member reads, before writing and when a
    post is refused: until when (or "for now") and why. Empty when the
    person is under no sanction."""
    if not user.is_authenticated:
        return ""
    sanction = active_sanction(user)
    if sanction is None:
        return ""
    if sanction.until:
        return _("You cannot post until %(date)s: %(reason)s") % {
            "date": date_format(timezone.localtime(sanction.until), "DATETIME_FORMAT"),
            "reason": sanction.reason,
        }
    return _("You cannot post for now: %(reason)s") % {"reason": sanction.reason}


def _require_member(user) -> None:
    """Every way of posting, voting or flagging starts here: form, htmx
    endpoint, and later email replies."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if not has_verified_email(user):
        raise ForumError(_("Confirm your email address before posting."), status=403)
    message = sanction_notice(user)
    if message:
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
    entry = ModerationLogEntry.objects.create(action=action, moderator=editor, member=member, reason=reason.strip())
    events.moderated(entry, target=None, recipient=member, reason=reason.strip(), until=until)
    audit.record(
        AuditKind.SANCTIONED,
        subject=member,
        actor=editor,
        detail=f"{kind}, {f'{days} days' if days else 'until lifted'}: {reason.strip()}",
    )
    return sanction


def _check_rate(user, action: str) -> None:
    """At most FORUM_RATE_LIMITS[action] per member per hour (in the shared cache)."""
    limit = settings.FORUM_RATE_LIMITS[action]
    key = f"forum-rate:{action}:{user.pk}:{int(timezone.now().timestamp() // 3600)}"
    if count_in_cache(key, timeout=3600) > limit:
        raise ForumError(
            _("You have reached the limit of %(limit)d per hour. Please try again later.") % {"limit": limit},
            status=429,
        )


def _published_posts(user) -> int:
    return (
        Question.objects.filter(author=user, status=PostStatus.VISIBLE).count()
        + Answer.objects.filter(author=user, status=PostStatus.VISIBLE).count()
    )


def _vouched_for(user) -> bool:
    """Editors, and members whose role (focal point, expert, regional-centre
    staff) the secretariat verified: the secretariat already knows who they
    are, which is what the holds for new members wait to learn. A pending,
    declined or revoked request vouches for nothing."""
    return _is_editor(user) or Verification.objects.approved().filter(user=user, role__in=Role.values).exists()


def _initial_status(user, body: str) -> str:
    """New members' first posts, and any post of theirs with links, wait for
    the secretariat: the trust rule of mature forums. Members the
    secretariat vouched for skip both holds."""
    if _vouched_for(user):
        return PostStatus.VISIBLE
    published = _published_posts(user)
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
    if status == MembershipStatus.REQUESTED:
        events.membership_changed(membership, "requested", actor=user)
    return membership


@transaction.atomic
def leave_group(user, group: Group) -> None:
    Membership.objects.filter(group=group, user=user).delete()


@transaction.atomic
def decide_membership(moderator, membership: Membership, *, approve: bool) -> None:
    """A group moderator accepts or refuses a request to join, or removes a
    member (a removal is logged)."""
    if not is_group_moderator(moderator, membership.group):
        raise ForumError(_("Only the group's moderators can do this."), status=403)
    if approve:
        if membership.status != MembershipStatus.REQUESTED:
            raise ForumError(_("There is no request to approve."), status=409)
        membership.status = MembershipStatus.ACTIVE
        membership.save(update_fields=["status"])
        events.membership_changed(membership, "approved", actor=moderator)
        return
    if membership.user_id == moderator.pk:
        raise ForumError(_("To leave the group, use Leave."), status=400)
    if membership.status == MembershipStatus.ACTIVE:
        ModerationLogEntry.objects.create(
            action=ModerationAction.REMOVE_MEMBER,
            moderator=moderator,
            member=membership.user,
            reason=membership.group.name,
        )
    membership.delete()


@transaction.atomic
def invite_to_group(moderator, group: Group, *, handle_or_email: str) -> Membership:
    if not is_group_moderator(moderator, group):
        raise ForumError(_("Only the group's moderators can invite."), status=403)
    invitee = _find_member(handle_or_email)
    membership, created = Membership.objects.get_or_create(
        group=group, user=invitee, defaults={"status": MembershipStatus.INVITED}
    )
    if created:
        events.membership_changed(membership, "invited", actor=moderator)
    elif membership.status == MembershipStatus.REQUESTED:
        membership.status = MembershipStatus.ACTIVE
        membership.save(update_fields=["status"])
        events.membership_changed(membership, "approved", actor=moderator)
    return membership


def _find_member(handle_or_email: str):
    value = handle_or_email.strip().lstrip("@")
    member = User.objects.filter(Q(handle=value) | Q(email__iexact=value), is_active=True).first() if value else None
    if member is None:
        raise ForumError(_("No member has this handle or email address."), status=404)
    return member


@transaction.atomic
def add_centre_staff(editor, group: Group, *, handle_or_email: str) -> Membership:
    """The secretariat records a member as staff of a regional centre: a
    verified role on their profile, and a moderator of the centre's group."""
    _require_editor(editor)
    if group.regional_centre_id is None:
        raise ForumError(_("Only a regional centre's group has staff."))
    member = _find_member(handle_or_email)
    Verification.objects.get_or_create(
        user=member,
        role=Role.CENTRE_STAFF,
        regional_centre_id=group.regional_centre_id,
        status=VerificationStatus.APPROVED,
        defaults={
            "justification": _("Named by the secretariat."),
            "decided_by": editor,
            "decided_at": timezone.now(),
            "notified_at": timezone.now(),
            "emailed_at": timezone.now(),
        },
    )
    membership, _created = Membership.objects.update_or_create(
        group=group, user=member, defaults={"status": MembershipStatus.ACTIVE, "role": MembershipRole.MODERATOR}
    )
    events.membership_changed(membership, "staff", actor=editor)
    return membership


def regional_group_to_join(user) -> Group | None:
    """The UN regional group of the member's country, if they are not in it yet."""
    if not user.is_authenticated:
        return None
    country_id = getattr(getattr(user, "profile", None), "country_id", None)
    if country_id is None:
        return None
    return (
        Group.objects.visible_to(user)
        .exclude(privacy=GroupPrivacy.PRIVATE)
        .filter(regional_group__memberships__country=country_id, regional_group__memberships__is_electoral=True)
        .exclude(memberships__user=user)
        .first()
    )


@transaction.atomic
def post_notice(user, group: Group, *, title: str, body: str) -> Notice:
    """Group moderators post on the members-only notice board."""
    _require_member(user)
    if not is_group_moderator(user, group):
        raise ForumError(_("Only the group's moderators post notices."), status=403)
    if not title.strip() or not body.strip():
        raise ForumError(_("A notice needs a title and a text."))
    return Notice.objects.create(
        group=group, title=title.strip()[:200], body_markdown=body, body_html=render_markdown(body), author=user
    )


@transaction.atomic
def remove_notice(user, notice: Notice) -> None:
    if not is_group_moderator(user, notice.group):
        raise ForumError(_("Only the group's moderators remove notices."), status=403)
    notice.delete()


@transaction.atomic
def ask_question(
    user,
    *,
    title: str,
    body: str,
    thematic_areas=(),
    conventions=(),
    countries=(),
    tags=(),
    group=None,
    language: str = "",
) -> Question:
    """Publish a question; its body is Markdown, stored as safe HTML too.
    Experts on its topics and the members it mentions are told once it is
    visible (at once, or when the secretariat approves it)."""
    _require_member(user)
    _require_group_member(user, group)
    _check_rate(user, "question")
    html, mentioned = render_post(body)
    question = Question.objects.create(
        title=title.strip(),
        body_markdown=body,
        body_html=html,
        language=language or detect_language(f"{title}\n{body}"),
        author=user,
        status=_initial_status(user, body),
        group=group,
    )
    question.thematic_areas.set(thematic_areas)
    question.conventions.set(conventions)
    question.countries.set(countries)
    question.tags.set(list(tags))
    _follow_question(user, question)
    if question.status == PostStatus.VISIBLE:
        events.post_published(question, mentioned)
    else:
        events.post_held(question)
    return question


@transaction.atomic
def post_answer(user, question: Question, *, body: str, language: str = "") -> Answer:
    _require_member(user)
    question = Question.objects.select_for_update(of=("self",)).select_related("group").get(pk=question.pk)
    _require_open(question)
    _require_group_member(user, question.group)
    _check_rate(user, "answer")
    html, mentioned = render_post(body)
    answer = Answer.objects.create(
        question=question,
        author=user,
        body_markdown=body,
        body_html=html,
        language=language or detect_language(body, fallback=question.language or None),
        status=_initial_status(user, body),
    )
    _follow_question(user, question)
    if answer.status == PostStatus.VISIBLE:
        _recount(question.pk)
        events.post_published(answer, mentioned)
    else:
        events.post_held(answer)
    return answer


def _follow_question(user, question) -> None:
    """Asking or answering follows the question: the member hears of new answers."""
    follow_quietly(user, FollowKind.QUESTION, str(question.pk))


def _require_open(question: Question) -> None:
    if question.status != PostStatus.VISIBLE:
        raise ForumError(_("Answers open once the question is published."), status=409)
    if question.is_locked:
        raise ForumError(_("This question is locked; no new answers can be posted."), status=403)
    if question.is_closed:
        raise ForumError(_("This question is closed; no new answers can be posted."), status=403)


def _recount(question_id: int, *, activity: bool = True) -> None:
    """answer_count and vote_count count visible answers only (what lists show)."""
    visible = Answer.objects.filter(question=OuterRef("pk"), status=PostStatus.VISIBLE).order_by()
    changes = {
        "answer_count": Coalesce(Subquery(visible.values("question").annotate(n=Count("pk")).values("n")), 0),
        "vote_count": Coalesce(Subquery(visible.values("question").annotate(n=Sum("vote_count")).values("n")), 0),
    }
    if activity:
        changes["last_activity_at"] = timezone.now()
    Question.objects.filter(pk=question_id).update(**changes)


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
            _recount(target.question_id, activity=False)
        entry = ModerationLogEntry.objects.create(
            **{kind: target}, action=ModerationAction.HIDE, reason=_("Flagged by members")
        )
        target.status = PostStatus.HIDDEN
        events.moderated(entry, target=target, recipient=target.author_id)
        # update() sends no signal: take the hidden text out of search now.
        content_changed.send(Question, pk=target.question_id if kind == "answer" else target.pk)
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
    was_held = target.status == PostStatus.HELD
    target.status = MODERATION_RESULT[action]
    target.save(update_fields=["status"])
    kind = "question" if model is Question else "answer"
    if kind == "answer":
        _recount(target.question_id, activity=False)
    if target.status == PostStatus.VISIBLE:
        Flag.objects.filter(**{kind: target}).delete()  # settled
    reason = reason.strip()
    entry = ModerationLogEntry.objects.create(**{kind: target}, action=action, moderator=editor, reason=reason)
    events.moderated(entry, target=target, recipient=target.author_id, reason=reason)
    if was_held and target.status == PostStatus.VISIBLE:
        events.post_published(target, render_post(target.body_markdown)[1])


@transaction.atomic
def toggle_vote(user, answer: Answer) -> bool:
    """Up-vote an answer, or withdraw the vote; returns whether it is now voted."""
    _require_member(user)
    if answer.author_id == user.pk:
        raise ForumError(_("You cannot vote on your own answer."), status=403)
    if answer.status != PostStatus.VISIBLE:
        raise ForumError(_("This answer cannot be voted on."), status=404)
    deleted, _rows = Vote.objects.filter(answer=answer, voter=user).delete()
    if not deleted:
        Vote.objects.create(answer=answer, voter=user)
    change = -1 if deleted else +1
    Answer.objects.filter(pk=answer.pk).update(vote_count=F("vote_count") + change)
    Question.objects.filter(pk=answer.question_id).update(vote_count=F("vote_count") + change)
    return not deleted


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
    if question.accepted_answer_id:
        events.answer_accepted(answer)
    return question


def can_edit(user, post, question: Question | None = None) -> bool:
    """The author (while the thread is not locked) and editors edit a post."""
    if _is_editor(user):
        return True
    question = question or getattr(post, "question", post)
    return user.is_authenticated and post.author_id == user.pk and not question.is_locked


@transaction.atomic
def edit_post(
    user,
    post: Question | Answer,
    *,
    body: str,
    title: str | None = None,
    summary: str = "",
    language: str | None = None,
) -> None:
    """Change a post's text, keeping every version: the first edit also
    records the original. A member's edit that adds links, before they are
    trusted, waits for review again. Newly mentioned members are told."""
    model = type(post)
    post = model.objects.select_for_update().get(pk=post.pk)
    if not _is_editor(user):
        _require_member(user)
    if not can_edit(user, post) or post.status == PostStatus.DELETED:
        raise ForumError(_("You cannot edit this post."), status=403)
    kind = "question" if model is Question else "answer"
    old_body = post.body_markdown
    new_title = (title if title is not None else getattr(post, "title", "")).strip()
    new_language = language if language else post.language
    if body == post.body_markdown and new_title == getattr(post, "title", "") and new_language == post.language:
        raise ForumError(_("Nothing was changed."))
    if not post.revisions.exists():
        Revision.objects.create(
            **{kind: post},
            title=getattr(post, "title", ""),
            body_markdown=post.body_markdown,
            body_html=post.body_html,
            editor=post.author,
            created_at=post.created_at,
        )
    html, mentioned = render_post(body)
    now = timezone.now()
    Revision.objects.create(
        **{kind: post},
        title=new_title if kind == "question" else "",
        body_markdown=body,
        body_html=html,
        editor=user,
        summary=summary.strip()[:200],
        created_at=now,
    )
    post.body_markdown, post.body_html, post.edited_at = body, html, now
    # The author (or an editor) corrects a wrongly detected language here.
    post.language = new_language or detect_language(f"{new_title}\n{body}")
    fields = ["body_markdown", "body_html", "edited_at", "language"]
    if kind == "question":
        post.title = new_title
        fields.append("title")
    adds_links = len(LINK_PATTERN.findall(body)) > len(LINK_PATTERN.findall(old_body))
    if (
        post.status == PostStatus.VISIBLE
        and user.pk == post.author_id
        and not _vouched_for(user)
        and adds_links
        and _published_posts(user) < settings.FORUM_TRUSTED_AFTER_POSTS
    ):
        post.status = PostStatus.HELD
        fields.append("status")
        events.post_held(post, occasion=f"edited-{now.timestamp():.0f}")
    post.save(update_fields=fields)
    if kind == "answer" and "status" in fields:
        _recount(post.question_id, activity=False)
    if user.pk != post.author_id:
        ModerationLogEntry.objects.create(
            **{kind: post}, action=ModerationAction.EDIT, moderator=user, reason=summary.strip()
        )
    if post.status == PostStatus.VISIBLE:
        events.post_mentions(post, mentioned)


def _require_editor(user) -> None:
    if not _is_editor(user):
        raise ForumError(_("Only the secretariat's editors can do this."), status=403)


def _log(editor, question, action, reason="") -> None:
    ModerationLogEntry.objects.create(question=question, action=action, moderator=editor, reason=reason)


@transaction.atomic
def set_pinned(editor, question: Question, pinned: bool) -> None:
    """Pinned questions head their lists."""
    _require_editor(editor)
    Question.objects.filter(pk=question.pk).update(is_pinned=pinned)
    _log(editor, question, ModerationAction.PIN if pinned else ModerationAction.UNPIN)


@transaction.atomic
def set_locked(editor, question: Question, locked: bool, reason: str = "") -> None:
    """A locked question stays readable; nobody answers or edits it."""
    _require_editor(editor)
    Question.objects.filter(pk=question.pk).update(is_locked=locked)
    _log(editor, question, ModerationAction.LOCK if locked else ModerationAction.UNLOCK, reason.strip())


@transaction.atomic
def close_question(editor, question: Question, *, reason: str, duplicate_of: Question | None = None, note="") -> None:
    """Close with a reason; a duplicate links to the original."""
    _require_editor(editor)
    if reason not in CloseReason.values:
        raise ForumError(_("Choose why the question is closed."))
    if reason == CloseReason.DUPLICATE:
        if duplicate_of is None:
            raise ForumError(_("Give the original question this one duplicates."))
        if duplicate_of.pk == question.pk:
            raise ForumError(_("A question cannot duplicate itself."))
    else:
        duplicate_of = None
    Question.objects.filter(pk=question.pk).update(
        closed_reason=reason, duplicate_of=duplicate_of, updated_at=timezone.now()
    )
    _log(editor, question, ModerationAction.CLOSE, f"{CloseReason(reason).label}. {note}".strip())


@transaction.atomic
def reopen_question(editor, question: Question) -> None:
    _require_editor(editor)
    Question.objects.filter(pk=question.pk).update(closed_reason="", duplicate_of=None, updated_at=timezone.now())
    _log(editor, question, ModerationAction.REOPEN)


@transaction.atomic
def move_question(editor, question: Question, *, group: Group | None, thematic_areas) -> None:
    """Move a question to another group (or the open forum) and topics."""
    _require_editor(editor)
    before = question.group.name if question.group_id else _("the forum")
    Question.objects.filter(pk=question.pk).update(group=group)
    question.thematic_areas.set(thematic_areas)
    after = group.name if group else _("the forum")
    _log(editor, question, ModerationAction.MOVE, f"{before} → {after}")
    content_changed.send(Question, pk=question.pk)  # into a private group: out of others' search at once


@transaction.atomic
def merge_questions(editor, source: Question, target: Question) -> None:
    """Move every answer of `source` under `target`, and close `source` as
    its duplicate: one thread keeps the whole discussion."""
    _require_editor(editor)
    if source.pk == target.pk:
        raise ForumError(_("A question cannot be merged into itself."))
    if target.status == PostStatus.DELETED:
        raise ForumError(_("The question to merge into does not exist."), status=404)
    Answer.objects.filter(question=source).update(question=target)
    Question.objects.filter(pk=source.pk).update(
        accepted_answer=None, closed_reason=CloseReason.DUPLICATE, duplicate_of=target
    )
    _recount(source.pk, activity=False)
    _recount(target.pk)
    _log(editor, source, ModerationAction.MERGE, f"→ #{target.pk} {target.title}")
    _log(editor, target, ModerationAction.MERGE, f"← #{source.pk} {source.title}")
    content_changed.send(Question, pk=source.pk)
    content_changed.send(Question, pk=target.pk)


def readable_question(user, *, question_id=None, answer_id=None) -> Question | None:
    """The question (by its id, or an answer's) if `user` may read it now
    (QuestionQuerySet.visible_to): replies by email come back to it."""
    if answer_id is not None:
        question_id = Answer.objects.filter(pk=answer_id).values_list("question_id", flat=True).first()
    if question_id is None:
        return None
    return Question.objects.visible_to(user).filter(pk=question_id).first()


# A question's page, as the visit counters record it (without its language).
QUESTION_PAGE = re.compile(r"^/forum/questions/(?P<pk>\d+)/")


def add_question_views(views_by_path: dict[str, int]) -> int:
    """Add the counted views of question pages to their questions' view
    counts (the visits flush calls it every few minutes: the page itself
    writes nothing); returns how many views were added."""
    by_question: dict[int, int] = {}
    for path, count in views_by_path.items():
        match = QUESTION_PAGE.match(path)
        if match:
            pk = int(match["pk"])
            by_question[pk] = by_question.get(pk, 0) + count
    for pk, count in by_question.items():
        Question.objects.filter(pk=pk).update(view_count=F("view_count") + count)
    return sum(by_question.values())
