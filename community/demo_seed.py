"""Turn community/demo.py into questions and answers, through the services."""

from django.conf import settings

from conventions.models import ThematicArea
from profiles.models import User

from . import demo
from .constants import ModerationAction, PostStatus
from .models import Question
from .services import accept_answer, ask_question, moderate, post_answer


def _published(post, editor):
    """Demo members are new, so their first posts wait for review: approve them."""
    if post.status == PostStatus.HELD:
        moderate(editor, post, action=ModerationAction.APPROVE)
        post.refresh_from_db()
    return post


def seed_forum(*, editor) -> int:
    """Create the demo threads that do not exist yet; return how many."""
    created = 0
    for asker_handle, title, body, topics, answers in demo.THREADS:
        if Question.objects.filter(title=title).exists():
            continue
        asker = User.objects.get(handle=asker_handle)
        question = _published(
            ask_question(
                asker,
                title=title,
                body=body,
                thematic_areas=ThematicArea.objects.filter(
                    slug__in=topics, locale__language_code=settings.LANGUAGE_CODE
                ),
            ),
            editor,
        )
        for handle, text, accepted in answers:
            answer = _published(post_answer(User.objects.get(handle=handle), question, body=text), editor)
            if accepted:
                accept_answer(asker, answer)
        created += 1
    return created
