"""The secretariat's moderation queue for forum posts, in the Wagtail admin."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from profiles.models import User

from .constants import ModerationAction, PostStatus
from .models import Answer, Flag, ModerationLogEntry, Question, post_model
from .services import ForumError, moderate, sanction_member

QUEUES = {
    "waiting": [PostStatus.HELD, PostStatus.HIDDEN],
    "deleted": [PostStatus.DELETED],
}


@permission_required("community.change_question", raise_exception=True)
def moderation_queue(request):
    queue = request.GET.get("queue", "waiting")
    if queue == "unanswered":
        return unanswered_queue(request)
    if queue not in QUEUES:
        queue = "waiting"

    def waiting(kind):
        condition = Q(status__in=QUEUES[queue])
        if queue == "waiting":
            # Flagged by fewer members than hide a post: still visible, still for the secretariat to look at.
            flagged = Exists(Flag.objects.filter(**{kind: OuterRef("pk")}))
            condition |= Q(flagged, status=PostStatus.VISIBLE)
        return condition

    # What each member who flagged a post said, for the secretariat to weigh.
    flags = Prefetch("flags", queryset=Flag.objects.select_related("flagger__profile").order_by("created_at"))
    questions = (
        Question.objects.filter(waiting("question"))
        .select_related("author__profile")
        .annotate(flag_count=Count("flags"))
        .prefetch_related(flags)
        .order_by("created_at")
    )
    answers = (
        Answer.objects.filter(waiting("answer"))
        .select_related("author__profile", "question")
        .annotate(flag_count=Count("flags"))
        .prefetch_related(flags)
        .order_by("created_at")
    )
    return render(
        request,
        "community/admin/moderation_queue.html",
        {
            "queue": queue,
            "questions": questions,
            "answers": answers,
            "log": ModerationLogEntry.objects.select_related("moderator", "member", "question", "answer")[:20],
        },
    )


def unanswered_queue(request):
    """Visible, open questions nobody has answered for FORUM_UNANSWERED_AFTER_DAYS:
    the secretariat finds them an expert, oldest first."""
    cutoff = timezone.now() - timedelta(days=settings.FORUM_UNANSWERED_AFTER_DAYS)
    questions = (
        Question.objects.filter(
            status=PostStatus.VISIBLE, answer_count=0, closed_reason="", is_locked=False, created_at__lte=cutoff
        )
        .select_related("author__profile", "group")
        .prefetch_related("thematic_areas")
        .order_by("created_at")
    )
    return render(
        request,
        "community/admin/unanswered_queue.html",
        {"queue": "unanswered", "questions": questions, "days": settings.FORUM_UNANSWERED_AFTER_DAYS},
    )


@permission_required("community.change_question", raise_exception=True)
@require_POST
def moderation_action(request, kind, pk):
    model = post_model(kind)
    target = get_object_or_404(model, pk=pk) if model else None
    if target is None:
        return redirect("community_admin:queue")
    action = request.POST.get("action", "")
    try:
        moderate(request.user, target, action=action, reason=request.POST.get("reason", ""))
    except ForumError as error:
        messages.error(request, str(error))
        return redirect("community_admin:queue")
    messages.success(request, _("%(action)s; the author is told.") % {"action": ModerationAction(action).label})
    return redirect("community_admin:queue")


@permission_required("community.change_question", raise_exception=True)
@require_POST
def sanction(request, user_id):
    """Silence or suspend a post's author, from the same screen."""
    member = get_object_or_404(User, pk=user_id)
    kind = request.POST.get("kind", "")
    days = request.POST.get("days", "")
    if kind not in ("silence", "suspend") or (days and not days.isdigit()):
        messages.error(request, _("Choose silence or suspend, and a number of days."))
        return redirect("community_admin:queue")
    try:
        sanction_member(
            request.user, member, kind=kind, days=int(days) if days else None, reason=request.POST.get("reason", "")
        )
    except ForumError as error:
        messages.error(request, str(error))
        return redirect("community_admin:queue")
    messages.success(request, _("%(member)s can no longer post; they are told why.") % {"member": member})
    return redirect("community_admin:queue")
