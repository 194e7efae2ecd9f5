"""A question's answers come in pages of ANSWERS_PER_PAGE (#17): a question
with hundreds of answers stays light, the accepted answer stays first, and a
link to an answer opens the page that shows it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.constants import ANSWERS_PER_PAGE
from community.models import Answer
from tests.community.factories import AnswerFactory, QuestionFactory
from tests.pages import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def question():
    question = QuestionFactory(title="How do you keep a PCB inventory current?")
    AnswerFactory.create_batch(ANSWERS_PER_PAGE + 5, question=question)
    return question


def shown(response) -> list[int]:
    return [int(each["id"].removeprefix("answer-")) for each in html(response).select(".answer")]


def test_answers_come_in_pages_with_the_accepted_one_first(client, question):
    answers = list(Answer.objects.filter(question=question).order_by("pk"))
    accepted = answers[-1]
    Answer.objects.filter(pk=answers[3].pk).update(vote_count=4)
    question.accepted_answer = accepted
    question.save()

    first = client.get(question.get_absolute_url())
    page = html(first)
    assert page.select_one("#answers-heading").get_text(strip=True) == f"{ANSWERS_PER_PAGE + 5} answers"
    ids = shown(first)
    assert len(ids) == ANSWERS_PER_PAGE
    assert ids[:2] == [accepted.pk, answers[3].pk]
    assert page.select_one("a[rel=next]")["href"] == "?page=2"

    second = client.get(question.get_absolute_url(), {"page": 2})
    rest = shown(second)
    assert len(rest) == 5
    assert not set(rest) & set(ids)
    assert set(ids) | set(rest) == {answer.pk for answer in answers}
    # A page past the end shows the last one, not an error.
    assert shown(client.get(question.get_absolute_url(), {"page": 99})) == rest


def test_a_link_to_an_answer_opens_the_page_that_shows_it(client, question):
    answers = list(Answer.objects.filter(question=question).order_by("pk"))
    first_page = client.get(answers[0].get_absolute_url())
    assert first_page.status_code == 302
    assert first_page["Location"] == f"{question.get_absolute_url()}#answer-{answers[0].pk}"
    last = client.get(answers[-1].get_absolute_url())
    assert last["Location"] == f"{question.get_absolute_url()}?page=2#answer-{answers[-1].pk}"
    assert f'id="answer-{answers[-1].pk}"' in client.get(f"{question.get_absolute_url()}?page=2").content.decode()


def test_a_link_to_a_hidden_answer_or_in_a_hidden_question_is_not_found(client, question):
    answer = Answer.objects.filter(question=question).first()
    Answer.objects.filter(pk=answer.pk).update(status="deleted")
    assert client.get(answer.get_absolute_url()).status_code == 404
    other = AnswerFactory(question=QuestionFactory(status="deleted"))
    assert client.get(other.get_absolute_url()).status_code == 404


def test_the_page_costs_the_same_queries_with_many_answers(client):
    small = QuestionFactory()
    AnswerFactory.create_batch(3, question=small)
    client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(small.get_absolute_url())
    large = QuestionFactory()
    AnswerFactory.create_batch(ANSWERS_PER_PAGE * 3, question=large)
    client.get(large.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        response = client.get(large.get_absolute_url())
    assert len(shown(response)) == ANSWERS_PER_PAGE
    assert len(many) == len(few)
