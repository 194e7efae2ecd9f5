import operator
import re
import time
from functools import reduce

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from conventions.names import reader_language
from conventions.vocabulary import topics
from core import machine_translation
from core.events import FollowKind, follow_quietly
from core.markup import sanitize_html
from profiles.models import Verification
from profiles.permissions import secretariat_exists

from . import services
from .constants import (
    ANSWERS_PER_PAGE,
    GROUPS_PER_PAGE,
    QUESTIONS_PER_PAGE,
    FlagReason,
    GroupKind,
    MembershipStatus,
    ModerationAction,
    PostStatus,
)
from .filters import forum_filters
from .forms import AnswerForm, CloseForm, EditForm, QuestionForm
from .managers import is_forum_editor, shows_text_to
from .models import Answer, Flag, Group, Membership, Question, Revision, Vote, post_model
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

FORUM_VIEWS = ("latest", "unanswered", "mine")


def _number(value) -> int:
    """A posted id as a number; anything else matches nothing (a 404)."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else 0


def forum_index(request):
    """Latest, unanswered or one's own questions, narrowed by topic, tag,
    group or country; pinned questions first in the latest list."""
    visible = Question.objects.visible_to(request.user)
    questions = visible.for_list()
    view = request.GET.get("view", "latest")
    if view not in FORUM_VIEWS or (view == "mine" and not request.user.is_authenticated):
        view = "latest"
    if view == "unanswered":
        questions = questions.unanswered()
    elif view == "mine":
        questions = questions.filter(author=request.user)
    chosen = forum_filters(request.user, request.GET)
    questions = chosen.apply(questions)
    filters = chosen.chosen()
    order = ["-is_pinned", "-last_activity_at"] if view == "latest" else ["-last_activity_at"]
    page = Paginator(questions.order_by(*order), QUESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    # Categories: thematic areas with how many questions this person may see in each.
    categories = (
        topics()
        .annotate(question_count=Count("questions", filter=Q(questions__in=visible), distinct=True))
        .filter(question_count__gt=0)
        .order_by("-question_count", "name")
    )
    return render(
        request,
        "pages/forum_index.html",
        {"page_obj": page, "view": view, "filters": filters, "categories": categories},
    )


def _refused(error: ForumError) -> HttpResponse:
    """What a refused action says, as plain text: its message may quote what
    was posted (a form's errors name the value), which must never become markup."""
    return HttpResponse(str(error), status=error.status, content_type="text/plain; charset=utf-8")


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
                if question.status == PostStatus.HELD:
                    messages.info(
                        request,
                        _("Your question waits for review by the secretariat; you will be told when it is published."),
                    )
                else:
                    messages.success(request, _("Your question is published."))
                return redirect(question)
        else:
            status = 400
    else:
        form = QuestionForm()
    context = {"form": form, "group": group, "sanction_notice": services.sanction_notice(request.user)}
    return render(request, "pages/forum_ask.html", context, status=status)


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


def _flag_reasons(flags) -> list[str]:
    """The reasons members gave for flagging a post, each once, in the
    order of the choices (the details they typed stay for the secretariat)."""
    given = {flag.reason for flag in flags}
    return [str(label) for value, label in FlagReason.choices if value in given]


def _mark_taken_down(user, post, flags=()) -> None:
    """Set what the page says of a post hidden by flags or removed by an
    editor (post.taken_down), and blank the text of one this person may not
    read, so no template can show it."""
    post.taken_down = None
    if post.status == PostStatus.HIDDEN:
        post.taken_down = {"hidden": True, "reasons": _flag_reasons(flags)}
    elif post.status == PostStatus.DELETED:
        post.taken_down = {"hidden": False, "reason": getattr(post, "removal_reason", "") or ""}
    post.text_shown = shows_text_to(user, post)
    if not post.text_shown:
        post.body_html = post.body_markdown = ""


def _hidden_question_page(request, question):
    """A question members' flags hid, as its readers see it: a line saying
    so and why, and nothing of what it said (not even its title)."""
    _mark_taken_down(request.user, question, question.flags.all())
    return render(
        request,
        "pages/forum_question.html",
        {"question": question, "answers": [], "hidden_question": True, "flag_reasons": FlagReason.choices},
    )


def _answers_in_order(user, question):
    """The answers this person may see, in the order the page shows them."""
    first = Case(When(pk=question.accepted_answer_id, then=Value(0)), default=Value(1))
    return (
        Answer.objects.on_page_for(user)
        .filter(question=question)
        .alias(accepted_first=first)
        .order_by("accepted_first", "-vote_count", "pk")
    )


def _answers_with_text(user, question):
    """The answers whose text this person reads (shows_text_to, in SQL): the
    count the page heads its answers with, taken-down ones left out."""
    answers = Answer.objects.on_page_for(user).filter(question=question).exclude(status=PostStatus.DELETED)
    if is_forum_editor(user):
        return answers
    if user.is_authenticated:
        return answers.exclude(Q(status=PostStatus.HIDDEN) & ~Q(author=user))
    return answers.exclude(status=PostStatus.HIDDEN)


@require_safe
def answer_link(request, pk):
    """/forum/answers/<pk>/: the page of its question that shows the answer,
    at the answer (links in notifications and emails stay right as answers
    are added and voted on)."""
    target = get_object_or_404(Answer.objects.on_page_for(request.user).select_related("question"), pk=pk)
    question = target.question
    if not Question.objects.on_page_for(request.user).filter(pk=question.pk).exists():
        raise Http404
    ordered = list(_answers_in_order(request.user, question).values_list("pk", flat=True))
    page = ordered.index(target.pk) // ANSWERS_PER_PAGE + 1
    suffix = f"?page={page}" if page > 1 else ""
    return redirect(f"{question.get_absolute_url()}{suffix}#answer-{target.pk}")


def question_detail(request, pk, slug=None, answer_form=None, status=200):
    question = get_object_or_404(
        Question.objects.on_page_for(request.user)
        .select_related("author__profile", "group", "duplicate_of")
        .prefetch_related("thematic_areas", "conventions", "countries", "tags"),
        pk=pk,
    )
    if not shows_text_to(request.user, question):
        return _hidden_question_page(request, question)
    if request.method == "GET" and request.path != question.get_absolute_url():
        return redirect(question, permanent=True)
    # Its views are counted by the visit counters, and added to view_count
    # by their flush (packages.visits): reading a question writes nothing.
    _mark_taken_down(request.user, question, question.flags.all() if question.status == PostStatus.HIDDEN else ())
    # Answers come in pages (a question with hundreds stays light): the
    # accepted answer first, then by votes, then oldest first.
    answers = (
        _answers_in_order(request.user, question)
        .select_related("author__profile")
        .prefetch_related(
            Prefetch(
                "author__verifications",
                queryset=Verification.objects.approved().select_related("country"),
                to_attr="approved_verifications",
            ),
            Prefetch(
                "flags",
                queryset=Flag.objects.filter(answer__status=PostStatus.HIDDEN).only("answer", "reason"),
                to_attr="hiding_flags",
            ),
        )
    )
    answers = answers.annotate(author_in_secretariat=secretariat_exists("author_id"))
    if request.user.is_authenticated:
        answers = answers.annotate(voted=Exists(Vote.objects.filter(answer=OuterRef("pk"), voter=request.user)))
    page_obj = Paginator(answers, ANSWERS_PER_PAGE).get_page(request.GET.get("page"))
    answers = list(page_obj.object_list)
    for each in answers:
        each.author.in_secretariat = each.author_in_secretariat
    editor = is_forum_editor(request.user)
    for each in answers:
        _mark_taken_down(request.user, each, each.hiding_flags)
        # A hidden answer's author reads it, but only an editor's decision brings it back.
        each.editable = editor or (each.taken_down is None and services.can_edit(request.user, each, question))
    readable = [each for each in answers if each.text_shown]
    machine_translation = _machine_translations(request, question, readable)
    # A duplicate's original is shown only if this person may see it.
    original = None
    if question.duplicate_of_id:
        original = Question.objects.visible_to(request.user).filter(pk=question.duplicate_of_id).first()
    return render(
        request,
        "pages/forum_question.html",
        {
            "question": question,
            "answers": answers,
            "page_obj": page_obj,
            "answer_count": _answers_with_text(request.user, question).count(),
            "answer_form": answer_form or AnswerForm(),
            "sanction_notice": services.sanction_notice(request.user),
            "flag_reasons": FlagReason.choices,
            "original": original,
            "can_edit_question": editor or (question.taken_down is None and services.can_edit(request.user, question)),
            "is_editor": editor,
            "machine_translation": machine_translation,
            "close_form": CloseForm() if editor else None,
            "move_groups": Group.objects.all() if editor else [],
            "topics": topics() if editor else [],
        },
        status=status,
    )


def _machine_translations(request, question, answers) -> dict:
    """?translate=all (or question, or answer-<pk>): the posts written in
    another language than the reader's, machine-translated by the provider
    the operator configured, each cached per post, version and language.
    The provider's HTML is sanitized like a member's. Without a provider
    nothing is offered; a provider that is down or slow gives a message."""
    target = reader_language()
    offered = machine_translation.is_enabled()
    wanted = request.GET.get("translate", "")[:30] if offered else ""
    error = ""
    # "Translate all" on a long thread must not keep the reader (or a worker)
    # waiting: what is not done within a budget stays untranslated, with its link.
    deadline = time.monotonic() + 2 * machine_translation.timeout_seconds()
    for key, post in [("question", question)] + [(f"answer-{answer.pk}", answer) for answer in answers]:
        post.anchor = key
        post.translatable = offered and bool(post.language) and post.language != target
        post.machine_translation = None
        if not post.translatable or error or wanted not in ("all", key) or time.monotonic() > deadline:
            continue
        version = (post.edited_at or post.created_at).isoformat()
        try:
            body = machine_translation.translate_cached(
                post.body_html, post.language, target, cache_key_parts=(key, post.pk, version), format="html"
            )
            title = ""
            if key == "question":
                title = machine_translation.translate_cached(
                    post.title, post.language, target, cache_key_parts=("question-title", post.pk, version)
                )
        except machine_translation.MachineTranslationUnavailable as problem:
            error = str(problem)
            continue
        post.machine_translation = {"title": title, "body_html": sanitize_html(body), "source": post.language}
    return {"offered": offered, "error": error, "wanted": wanted}


def _editable_post(request, kind, pk):
    """The question or answer this person may edit, or 404/403."""
    model = post_model(kind)
    if model is None:
        raise Http404
    post = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    if not services.can_edit(request.user, post):
        raise PermissionDenied
    return post


@login_required
@require_http_methods(["GET", "POST"])
def edit_post(request, kind, pk):
    post = _editable_post(request, kind, pk)
    with_title = kind == "question"
    status = 200
    if request.method == "POST":
        form = EditForm(request.POST, with_title=with_title)
        if form.is_valid():
            try:
                services.edit_post(
                    request.user,
                    post,
                    body=form.cleaned_data["body"],
                    title=form.cleaned_data.get("title"),
                    summary=form.cleaned_data["summary"],
                    language=form.cleaned_data["language"],
                )
            except ForumError as error:
                form.add_error(None, str(error))
                status = error.status
            else:
                post.refresh_from_db(fields=["status"])
                if post.status == PostStatus.HELD:
                    messages.info(
                        request,
                        _("Your changes are saved. They add links, so the post waits for review again."),
                    )
                else:
                    messages.success(request, _("Your changes are saved."))
                return redirect(post)
        else:
            status = 400
    else:
        initial = {"body": post.body_markdown, "title": getattr(post, "title", ""), "language": post.language}
        form = EditForm(initial=initial, with_title=with_title)
    return render(request, "pages/forum_edit.html", {"form": form, "post": post, "kind": kind}, status=status)


def post_history(request, kind, pk):
    """Every version of a post, for its author and the editors."""
    model = post_model(kind)
    if model is None:
        raise Http404
    post = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    if not (is_forum_editor(request.user) or post.author_id == request.user.pk):
        raise Http404
    revisions = (
        Revision.objects.filter(**{kind: post}).select_related("editor__profile").order_by("-created_at", "-pk")
    )
    return render(request, "pages/forum_history.html", {"post": post, "kind": kind, "revisions": revisions})


@login_required
@require_POST
def moderate_question(request, pk):
    """Editors: pin, lock, close (with a reason), reopen, move and merge."""
    if not is_forum_editor(request.user):
        raise PermissionDenied
    question = get_object_or_404(Question.objects.visible_to(request.user), pk=pk)
    action = request.POST.get("action", "")
    try:
        if action in ("pin", "unpin"):
            services.set_pinned(request.user, question, action == "pin")
        elif action in ("lock", "unlock"):
            services.set_locked(request.user, question, action == "lock", request.POST.get("note", ""))
        elif action == "close":
            form = CloseForm(request.POST)
            if not form.is_valid():
                raise ForumError(" ".join(str(e) for errors in form.errors.values() for e in errors))
            original = None
            if form.cleaned_data["duplicate_of"]:
                original = (
                    Question.objects.visible_to(request.user).filter(pk=form.cleaned_data["duplicate_of"]).first()
                )
                if original is None:
                    raise ForumError(_("There is no question with that number."), status=404)
            services.close_question(
                request.user,
                question,
                reason=form.cleaned_data["reason"],
                duplicate_of=original,
                note=form.cleaned_data["note"],
            )
        elif action == "reopen":
            services.reopen_question(request.user, question)
        elif action == "move":
            group = None
            if request.POST.get("group"):
                group = get_object_or_404(Group, slug=request.POST["group"])
            areas = topics().filter(slug__in=request.POST.getlist("topics"))
            services.move_question(request.user, question, group=group, thematic_areas=areas)
        elif action == "merge":
            target = Question.objects.visible_to(request.user).filter(pk=_number(request.POST.get("into"))).first()
            if target is None:
                raise ForumError(_("There is no question with that number."), status=404)
            services.merge_questions(request.user, question, target)
            messages.success(request, _("The answers were moved; this question is closed as its duplicate."))
            return redirect(target)
        else:
            return HttpResponse(_("Unknown action."), status=400)
    except ForumError as error:
        return _refused(error)
    messages.success(request, ModerationAction(action).label if action in ModerationAction.values else _("Done."))
    return redirect(question)


@login_required
@require_POST
def answer(request, pk):
    question = _question_for(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            created = post_answer(
                request.user, question, body=form.cleaned_data["body"], language=form.cleaned_data["language"]
            )
        except ForumError as error:
            form.add_error(None, str(error))
            return question_detail(request, pk, answer_form=form, status=error.status)
        if created.status == PostStatus.HELD:
            messages.info(
                request, _("Your answer waits for review by the secretariat; you will be told when it is published.")
            )
        else:
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
        return _refused(error)
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
        return _refused(error)
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
        return _refused(error)
    messages.success(request, _("Thank you. The secretariat will look at this post."))
    return redirect(target)


def groups_index(request):
    """The groups this person may see, a page at a time, by kind (one kind
    at a time with ?kind=)."""
    groups = Group.objects.visible_to(request.user)
    kind = request.GET.get("kind", "")
    if kind in GroupKind.values:
        groups = groups.filter(kind=kind)
    else:
        kind = ""
    groups = groups.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
    ).order_by("kind", "name")
    page_obj = Paginator(groups, GROUPS_PER_PAGE).get_page(request.GET.get("page"))
    mine = set()
    if request.user.is_authenticated:
        mine = set(
            Membership.objects.filter(user=request.user, status=MembershipStatus.ACTIVE).values_list(
                "group_id", flat=True
            )
        )
    return render(
        request,
        "pages/groups_index.html",
        {
            "groups": page_obj.object_list,
            "page_obj": page_obj,
            "kind_choices": GroupKind.choices,
            "chosen_kind": kind,
            "mine": mine,
            "suggested": services.regional_group_to_join(request.user),
        },
    )


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
    is_member = is_active_member(request.user, group)
    # The notice board is for members (and the secretariat) only.
    notices = group.notices.select_related("author__profile") if is_member or is_forum_editor(request.user) else None
    # Knowledge items name their groups (knowledge declares the relation);
    # the items' own manager says which are for readers.
    items = (
        group.knowledge_items.model.objects.for_readers()
        .filter(groups=group)
        .select_related("locale")
        .order_by("-first_published_at")
    )
    suggested = services.regional_group_to_join(request.user)
    return render(
        request,
        "pages/group_detail.html",
        {
            "group": group,
            "members": members,
            "membership": membership,
            "is_member": is_member,
            "notices": notices,
            "knowledge_items": items[:10],
            "offer_to_join": suggested is not None and suggested.pk == group.pk,
            "can_add_staff": group.regional_centre_id is not None and is_forum_editor(request.user),
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
            if joined.status == MembershipStatus.ACTIVE and request.POST.get("follow"):
                # Joining offers to follow (ticked by default), as Discourse's categories do.
                follow_quietly(request.user, FollowKind.GROUP, group.slug)
                messages.success(request, _("You joined the group and follow its discussions and notices."))
            elif joined.status == MembershipStatus.ACTIVE:
                messages.success(request, _("You joined the group."))
            else:
                messages.success(request, _("Your request was sent to the group's moderators."))
        elif action == "leave":
            leave_group(request.user, group)
            messages.success(request, _("You left the group."))
        elif action in ("approve", "refuse", "remove"):
            target = get_object_or_404(Membership, group=group, pk=_number(request.POST.get("membership")))
            decide_membership(request.user, target, approve=action == "approve")
            messages.success(
                request,
                {
                    "approve": _("The request was approved."),
                    "refuse": _("The request was refused."),
                    "remove": _("The member was removed from the group."),
                }[action],
            )
        elif action == "invite":
            invite_to_group(request.user, group, handle_or_email=request.POST.get("invitee", ""))
            messages.success(request, _("The invitation was sent."))
        else:
            return HttpResponse(_("Unknown action."), status=400)
    except ForumError as error:
        return _refused(error)
    return redirect(group)


@login_required
@require_POST
def group_notices(request, slug):
    """Moderators post or remove a notice on the members-only board."""
    group = get_object_or_404(Group.objects.visible_to(request.user), slug=slug)
    try:
        if request.POST.get("action") == "remove":
            notice = get_object_or_404(group.notices, pk=_number(request.POST.get("notice")))
            services.remove_notice(request.user, notice)
            messages.success(request, _("The notice was removed."))
        else:
            services.post_notice(
                request.user, group, title=request.POST.get("title", ""), body=request.POST.get("body", "")
            )
            messages.success(request, _("The notice is on the board."))
    except ForumError as error:
        return _refused(error)
    return redirect(f"{group.get_absolute_url()}#notices-heading")


@login_required
@require_POST
def group_staff(request, slug):
    """Editors name a member as staff of the regional centre; they moderate its group."""
    group = get_object_or_404(Group.objects.visible_to(request.user), slug=slug)
    try:
        membership = services.add_centre_staff(request.user, group, handle_or_email=request.POST.get("member", ""))
    except ForumError as error:
        return _refused(error)
    messages.success(request, _("%(name)s is listed as staff and moderates the group.") % {"name": membership.user})
    return redirect(group)
