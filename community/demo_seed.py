"""Turn community/demo.py into questions and answers, through the services."""

from django.conf import settings

from conventions.models import ThematicArea
from profiles.models import User

from . import demo
from .models import Question
from .services import accept_answer, ask_question, post_answer


def seed_forum(*, stdout=None) -> int:
    """Create the demo threads that do not exist yet; return how many."""
    created = 0
    for asker_handle, title, body, topics, answers in demo.THREADS:
        if Question.objects.filter(title=title).exists():
            continue
        asker = User.objects.get(handle=asker_handle)
        question = ask_question(
            asker,
            title=title,
            body=body,
            thematic_areas=ThematicArea.objects.filter(slug__in=topics, locale__language_code=settings.LANGUAGE_CODE),
        )
        for handle, text, accepted in answers:
            answer = post_answer(User.objects.get(handle=handle), question, body=text)
            if accepted:
                accept_answer(asker, answer)
        created += 1
    return created
