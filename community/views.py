import operator
import re
from functools import reduce

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from profiles.models import Verification
from profiles.permissions import secretariat_exists

from .constants import QUESTIONS_PER_PAGE, FlagReason, MembershipStatus
from .forms import AnswerForm, QuestionForm
from .models import Answer, Group, Membership, Question, Vote, post_model
from .services import (
    ForumError,
    accept_answer,
    ask_question,
    decide_membership,
    flag_post,
    invite_to_group,
    is_active_member,
    is_group_moderator,
    join_group,
    leave_group,
    post_answer,
    toggle_vote,
)


def forum_index(request):
    """Latest questions, or the unanswered ones, or one topic's."""
    questions = Question.objects.visible_to(request.user).for_list()
    view = request.GET.get("view", "latest")
    if view == "unanswered":
        questions = questions.unanswered()
    elif view == "mine" and request.user.is_authenticated:
        questions = questions.filter(author=request.user)
    topic = request.GET.get("topic", "")
    if topic:
        questions = questions.filter(thematic_areas__slug=topic)
    page = Paginator(questions.order_by("-last_activity_at"), QUESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "pages/forum_index.html", {"page_obj": page, "view": view, "topic": topic})


@login_required
@require_http_methods(["GET", "POST"])
def ask(request):
    status = 200
    group = None
    if request.GET.get("group"):
        group = get_object_or_404(Group.objects.visible_to(request.user), slug=request.GET["group"])
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                question = ask_question(request.user, group=group, **form.cleaned_data)
            except ForumError as error:
                form.add_error(None, str(error))
                status = error.status
            else:
                messages.success(request, _("Your question is published."))
                return redirect(question)
        else:
            status = 400
    else:
        form = QuestionForm()
    return render(request, "pages/forum_ask.html", {"form": form, "group": group}, status=status)


SIMILAR_LIMIT = 5
MIN_WORD_LENGTH = 4


def similar_questions(request):
    """Questions like the one being typed on the ask page (htmx), so members
    find an existing answer before asking again."""
    words = [word for word in re.findall(r"\w+", request.GET.get("title", "")) if len(word) >= MIN_WORD_LENGTH][:8]
    questions = []
    if words:
        matches = sum((Case(When(title__icontains=word, then=1), default=0) for word in words), Value(0))
        questions = (
            Question.objects.visible_to(request.user)
            .filter(reduce(operator.or_, (Q(title__icontains=word) for word in words)))
            .annotate(matches=matches)
            .order_by("-matches", "-answer_count", "-last_activity_at")[:SIMILAR_LIMIT]
        )
    return render(request, "components/similar_questions.html", {"questions": questions})


def _question_for(request, pk):
    return get_object_or_404(Question.objects.visible_to(request.user), pk=pk)


def question_detail(request, pk, slug=None, answer_form=None, status=200):
    question = get_object_or_404(
        Question.objects.visible_to(request.user)
        .select_related("author__profile", "group")
        .prefetch_related("thematic_areas", "conventions"),
        pk=pk,
    )
    if request.method == "GET" and request.path != question.get_absolute_url():
        return redirect(question, permanent=True)
    if request.method == "GET":
        Question.objects.filter(pk=question.pk).update(view_count=F("view_count") + 1)
        question.view_count += 1  # this view counts too
    answers = (
        Answer.objects.visible_to(request.user)
        .filter(question=question)
        .select_related("author__profile")
        .prefetch_related(
            Prefetch(
                "author__verifications",
                queryset=Verification.objects.approved().select_related("country"),
                to_attr="approved_verifications",
            ),
        )
    )
    answers = answers.annotate(author_in_secretariat=secretariat_exists("author_id"))
    if request.user.is_authenticated:
        answers = answers.annotate(voted=Exists(Vote.objects.filter(answer=OuterRef("pk"), voter=request.user)))
    for each in answers:
        each.author.in_secretariat = each.author_in_secretariat
    # The accepted answer first, then by votes, then oldest first.
    answers = sorted(
        answers, key=lambda answer: (answer.pk != question.accepted_answer_id, -answer.vote_count, answer.pk)
    )
    return render(
        request,
        "pages/forum_question.html",
        {
            "question": question,
            "answers": answers,
            "answer_form": answer_form or AnswerForm(),
            "flag_reasons": FlagReason.choices,
        },
        status=status,
    )


@login_required
@require_POST
def answer(request, pk):
    question = _question_for(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            created = post_answer(request.user, question, body=form.cleaned_data["body"])
        except ForumError as error:
            form.add_error(None, str(error))
            return question_detail(request, pk, answer_form=form, status=error.status)
        messages.success(request, _("Your answer is published."))
        return redirect(created)
    return question_detail(request, pk, answer_form=form, status=400)


@login_required
@require_POST
def vote(request, pk):
    target = get_object_or_404(Answer.objects.visible_to(request.user).select_related("question"), pk=pk)
    try:
        voted = toggle_vote(request.user, target)
    except ForumError as error:
        return HttpResponse(str(error), status=error.status)
    target.refresh_from_db(fields=["vote_count"])
    if request.headers.get("HX-Request"):
        return render(request, "components/vote_button.html", {"answer": target, "voted": voted})
    return redirect(target)


@login_required
@require_POST
def accept(request, pk):
    target = get_object_or_404(Answer.objects.visible_to(request.user), pk=pk)
    try:
        accept_answer(request.user, target)
    except ForumError as error:
        return HttpResponse(str(error), status=error.status)
    return redirect(target)


@login_required
@require_POST
def flag(request, kind, pk):
    """Report a question or an answer (spam, off-topic, offensive, other)."""
    model = post_model(kind)
    if model is None:
        raise Http404
    target = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    try:
        flag_post(request.user, target, reason=request.POST.get("reason", ""), text=request.POST.get("text", ""))
    except ForumError as error:
        return HttpResponse(str(error), status=error.status)
    messages.success(request, _("Thank you. The secretariat will look at this post."))
    return redirect(target)


def groups_index(request):
    groups = Group.objects.visible_to(request.user).annotate(
        member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
    )
    mine = set()
    if request.user.is_authenticated:
        mine = set(
            Membership.objects.filter(user=request.user, status=MembershipStatus.ACTIVE).values_list(
                "group_id", flat=True
            )
        )
    return render(request, "pages/groups_index.html", {"groups": groups, "mine": mine})


def group_detail(request, slug):
    group = get_object_or_404(Group.objects.visible_to(request.user), slug=slug)
    members = (
        Membership.objects.filter(group=group, status=MembershipStatus.ACTIVE)
        .select_related("user__profile")
        .prefetch_related(
            Prefetch(
                "user__verifications",
                queryset=Verification.objects.approved().select_related("country"),
                to_attr="approved_verifications",
            )
        )
        .annotate(in_secretariat=secretariat_exists("user_id"))
        .order_by("-role", "user__profile__display_name")
    )
    for membership in members:
        membership.user.in_secretariat = membership.in_secretariat
    membership = (
        Membership.objects.filter(group=group, user=request.user).first() if request.user.is_authenticated else None
    )
    moderator = is_group_moderator(request.user, group)
    questions = Question.objects.visible_to(request.user).filter(group=group).for_list().order_by("-last_activity_at")
    return render(
        request,
        "pages/group_detail.html",
        {
            "group": group,
            "members": members,
            "membership": membership,
            "is_member": is_active_member(request.user, group),
            "is_moderator": moderator,
            "requests": Membership.objects.filter(group=group, status=MembershipStatus.REQUESTED).select_related(
                "user__profile"
            )
            if moderator
            else [],
            "questions": questions[:QUESTIONS_PER_PAGE],
        },
    )


@login_required
@require_POST
def group_membership(request, slug):
    """Join, leave, or (moderators) approve, refuse, remove, invite."""
    group = get_object_or_404(Group.objects.visible_to(request.user), slug=slug)
    action = request.POST.get("action", "")
    try:
        if action == "join":
            joined = join_group(request.user, group)
            if joined.status == MembershipStatus.ACTIVE:
                messages.success(request, _("You joined the group."))
            else:
                messages.success(request, _("Your request was sent to the group's moderators."))
        elif action == "leave":
            leave_group(request.user, group)
            messages.success(request, _("You left the group."))
        elif action in ("approve", "refuse", "remove"):
            target = get_object_or_404(Membership, group=group, pk=request.POST.get("membership"))
            decide_membership(request.user, target, approve=action == "approve")
        elif action == "invite":
            invite_to_group(request.user, group, handle_or_email=request.POST.get("invitee", ""))
            messages.success(request, _("The invitation was sent."))
        else:
            return HttpResponse(_("Unknown action."), status=400)
    except ForumError as error:
        return HttpResponse(str(error), status=error.status)
    return redirect(group)
