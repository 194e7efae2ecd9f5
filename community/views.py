import operator
import re
from functools import reduce

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from profiles.models import Verification
from profiles.permissions import secretariat_exists

from .constants import QUESTIONS_PER_PAGE, FlagReason
from .forms import AnswerForm, QuestionForm
from .models import Answer, Question, Vote
from .services import ForumError, accept_answer, ask_question, flag_post, post_answer, toggle_vote


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
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                question = ask_question(request.user, **form.cleaned_data)
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
    return render(request, "pages/forum_ask.html", {"form": form}, status=status)


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
        .select_related("author__profile")
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
    model = {"question": Question, "answer": Answer}.get(kind)
    if model is None:
        raise Http404
    target = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    try:
        flag_post(request.user, target, reason=request.POST.get("reason", ""), text=request.POST.get("text", ""))
    except ForumError as error:
        return HttpResponse(str(error), status=error.status)
    messages.success(request, _("Thank you. The secretariat will look at this post."))
    return redirect(target)
