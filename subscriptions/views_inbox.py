"""The in-app inbox: a member's own notifications, unread first, and marking
them read. A notification's target is linked only while the member may still
see it (they may have left a private group, or the post may be gone since)."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe
from notifications.models import Notification
from wagtail.models import Page

from core.events import EventKind, page_fallbacks, target_finder

from . import unread

NOTIFICATIONS_PER_PAGE = 25


@dataclass(frozen=True)
class Target:
    title: str
    url: str


@dataclass(frozen=True)
class InboxItem:
    notification: Notification
    actor_name: str  # "" when the member told themselves, or the actor is not a member
    target: Target | None  # None when there is none, or the member may no longer see it
    target_unavailable: bool
    description: str  # what the notification says, or "" when that would name what is gone


# News of other people's posts and pages: once the post is hidden, deleted or
# out of the member's reach, what the notification said (its title) is not
# shown either. Notices about the member's own post (a moderation decision, a
# submission's outcome) keep theirs: it is their own post.
NEWS = (
    EventKind.QUESTION_PUBLISHED,
    EventKind.ANSWER_POSTED,
    EventKind.ANSWER_ACCEPTED,
    EventKind.MENTION,
    EventKind.KNOWLEDGE_PUBLISHED,
    EventKind.DOCUMENT_PUBLISHED,
)


def _number(value) -> int | None:
    """A posted or queried number; anything else is None."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


def _actor_names(notifications, member) -> dict[str, str]:
    """Public names of the members who acted, by id, in one query. Never an
    email: get_short_name is the display name or the handle."""
    user_model = get_user_model()
    member_type = ContentType.objects.get_for_model(user_model)
    ids = {
        each.actor_object_id
        for each in notifications
        if each.actor_content_type_id == member_type.pk and each.actor_object_id != str(member.pk)
    }
    if not ids:
        return {}
    numbers = [number for number in map(_number, ids) if number is not None]
    actors = user_model.objects.filter(pk__in=numbers).select_related("profile")
    return {str(actor.pk): actor.get_short_name() for actor in actors}


def _pages(member, ids, request):
    """Published pages anyone may read; then the pages an app lets the
    member open though they are not (their own submissions)."""
    found = set()
    for page in Page.objects.filter(pk__in=ids).live().public():
        url = page.get_url(request)
        if url:  # None when no site serves it
            found.add(page.pk)
            yield page.pk, page.title, url
    for fallback in page_fallbacks():
        rest = [pk for pk in ids if pk not in found]
        if not rest:
            break
        for pk, title, url in fallback(member, rest, request):
            found.add(pk)
            yield pk, title, url


def _visible_targets(notifications, member, request) -> dict[tuple[int, str], Target]:
    """The targets the member may see now, by (content type id, object id):
    one query per kind of target, however many notifications there are."""
    wanted = defaultdict(set)
    for each in notifications:
        object_id = _number(each.target_object_id)
        if each.target_content_type_id and object_id is not None:
            wanted[each.target_content_type_id].add(object_id)
    by_finder = defaultdict(dict)  # finder → {object id: content type id}; pages of every type go together
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        # Each kind of target with the one rule, its app's, that says whether
        # the member may see it (core.events); any other kind is never linked.
        finder = _pages if issubclass(model, Page) else target_finder(model)
        if finder is not None:
            by_finder[finder].update(dict.fromkeys(ids, type_id))
    visible = {}
    for finder, type_ids in by_finder.items():
        for pk, title, url in finder(member, list(type_ids), request):
            visible[(type_ids[pk], str(pk))] = Target(title, url)
    return visible


def _inbox_items(notifications, member, request) -> list[InboxItem]:
    actor_names = _actor_names(notifications, member)
    targets = _visible_targets(notifications, member, request)
    items = []
    for each in notifications:
        target = targets.get((each.target_content_type_id, str(each.target_object_id)))
        unavailable = target is None and bool(each.target_object_id)
        withheld = unavailable and each.verb.startswith(NEWS)
        items.append(
            InboxItem(
                notification=each,
                actor_name=actor_names.get(each.actor_object_id, ""),
                target=target,
                target_unavailable=unavailable,
                description="" if withheld else (each.description or ""),
            )
        )
    return items


def _render_inbox(request, *, status: int = 200):
    member = request.user
    notifications = member.notifications.order_by("-unread", "-timestamp", "-pk")
    page = Paginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "items": _inbox_items(list(page.object_list), member, request),
        # The header's cached count: no second count query on this page.
        "unread_total": unread.unread_count(member),
    }
    return render(request, "pages/notifications.html", context, status=status)


@login_required
@require_safe
def inbox(request):
    """The member's notifications: unread first, then read, newest first in each."""
    return _render_inbox(request)


@login_required
@require_POST
def mark_read(request):
    """Mark one notification (`notification`=id) or all of them (`all`) as
    read, then back to the inbox page the member was on."""
    if request.POST.get("all"):
        changed = unread.mark_all_read(request.user)
        messages.success(
            request,
            ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", changed)
            % {"count": changed},
        )
    else:
        notification_id = _number(request.POST.get("notification"))
        if notification_id is None:
            messages.error(request, _("Choose a notification to mark as read."))
            return _render_inbox(request, status=400)
        try:
            unread.mark_read(request.user, notification_id)
        except Notification.DoesNotExist:
            # Someone else's notification looks exactly like one that never was.
            raise Http404 from None
        messages.success(request, _("Notification marked as read."))
    back = reverse("subscriptions:inbox")
    page = _number(request.POST.get("page"))
    return redirect(f"{back}?page={page}" if page and page > 1 else back)
