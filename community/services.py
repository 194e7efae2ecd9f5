"""Every write in the forums goes through these functions."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge.markup import render_markdown

from .constants import PostStatus
from .models import Answer, Question, Vote


class ForumError(Exception):
    """A forum action that breaks a rule; the message is for the member.
    `status` is the HTTP status the view answers with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _require_member(user) -> None:
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if not user.emailaddress_set.filter(verified=True).exists():
        raise ForumError(_("Confirm your email address before posting."), status=403)


def _is_editor(user) -> bool:
    return user.is_authenticated and user.has_perm("community.change_question")


@transaction.atomic
def ask_question(user, *, title: str, body: str, thematic_areas=(), conventions=()) -> Question:
    """Publish a question; its body is Markdown, stored as safe HTML too."""
    _require_member(user)
    question = Question.objects.create(
        title=title.strip(), body_markdown=body, body_html=render_markdown(body), author=user
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
    answer = Answer.objects.create(question=question, author=user, body_markdown=body, body_html=render_markdown(body))
    Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1, last_activity_at=timezone.now())
    return answer


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
