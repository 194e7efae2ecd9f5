"""The forum from the outside: visitors, members, the asker and editors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.constants import ANSWERS_PER_PAGE, MembershipStatus
from community.models import Answer, Question, Vote
from community.services import ask_question, post_answer
from conventions.models import ThematicArea
from tests.community.factories import GroupFactory, MembershipFactory, NoticeFactory
from tests.profiles.factories import MemberFactory

ASK = "/en/forum/ask/"


def ask(client, **overrides):
    data = {
        "title": "How do you keep a PCB inventory current?",
        "body": "We list transformers once; how do others **update** it? See https://example.org/pcb",
        "thematic_areas": [ThematicArea.objects.get(slug="pcbs").pk],
    }
    data.update(overrides)
    return client.post(ASK, data)


@pytest.mark.django_db
def test_member_asks_another_answers_votes_and_the_asker_accepts(client, member):
    client.force_login(member)
    response = ask(client)
    assert response.status_code == 302
    question = Question.objects.get()
    assert response["Location"] == question.get_absolute_url()
    assert "<strong>update</strong>" in question.body_html
    assert 'href="https://example.org/pcb"' in question.body_html

    expert = MemberFactory()
    client.force_login(expert)
    response = client.post(f"/en/forum/questions/{question.pk}/answer/", {"body": "We re-test every five years."})
    assert response.status_code == 302
    answer = Answer.objects.get()

    voter = MemberFactory()
    client.force_login(voter)
    assert client.post(f"/en/forum/answers/{answer.pk}/vote/").status_code == 302
    answer.refresh_from_db()
    assert answer.vote_count == 1
    # voting again withdraws the vote
    client.post(f"/en/forum/answers/{answer.pk}/vote/")
    answer.refresh_from_db()
    assert answer.vote_count == 0 and not Vote.objects.exists()
    client.post(f"/en/forum/answers/{answer.pk}/vote/")

    client.force_login(member)
    assert client.post(f"/en/forum/answers/{answer.pk}/accept/").status_code == 302
    question.refresh_from_db()
    assert question.accepted_answer == answer
    question.refresh_from_db()
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Accepted answer" in page
    assert "We re-test every five years." in page

    client.logout()
    listing = client.get("/en/forum/").content.decode()
    assert "How do you keep a PCB inventory current?" in listing
    assert "1 answer" in listing


@pytest.mark.django_db
def test_votes_are_refused_on_your_own_answer_and_accepting_on_someone_elses_question(client, member):
    asker = MemberFactory()
    question = ask_question(asker, title="Who checks customs declarations?", body="Details of the question here.")
    answer = post_answer(member, question, body="The customs authority does.")
    client.force_login(member)
    response = client.post(f"/en/forum/answers/{answer.pk}/vote/")
    assert response.status_code == 403
    assert "You cannot vote on your own answer." in response.content.decode()
    response = client.post(f"/en/forum/answers/{answer.pk}/accept/")
    assert response.status_code == 403
    assert "Only the person who asked can accept an answer." in response.content.decode()
    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.vote_count == 0 and question.accepted_answer is None


@pytest.mark.django_db
def test_locked_question_takes_no_answers(client, member):
    question = ask_question(MemberFactory(), title="An old question about DDT", body="Some details about DDT use.")
    Question.objects.filter(pk=question.pk).update(is_locked=True)
    client.force_login(member)
    response = client.post(f"/en/forum/questions/{question.pk}/answer/", {"body": "A late answer to it."})
    assert response.status_code == 403
    assert "This question is locked" in response.content.decode()
    assert not Answer.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"body": ""}, "This field is required."),
        ({"body": "x" * 20001}, "Ensure this value has at most 20000 characters"),
        ({"title": "Short"}, "Ensure this value has at least 10 characters"),
    ],
)
def test_bad_questions_are_400_and_nothing_is_written(client, member, overrides, message):
    client.force_login(member)
    response = ask(client, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_10_mb_body_is_refused_with_a_message_and_nothing_is_written(client, member):
    client.force_login(member)
    response = ask(client, body="x" * (10 * 1024 * 1024))
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_unverified_members_and_visitors_cannot_post(client):
    response = ask(client)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(MemberFactory(verified=False))
    response = ask(client)
    assert response.status_code == 403
    assert "Confirm your email address" in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_xss_in_title_and_body_is_inert(client, member):
    client.force_login(member)
    ask(client, title="<script>alert(1)</script> title", body="<img src=x onerror=alert(1)> [x](javascript:alert(2))")
    question = Question.objects.get()
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onerror=alert" not in question.body_html.replace("&lt;", "<") or "<img" not in question.body_html
    assert "javascript:" not in question.body_html


@pytest.mark.django_db
def test_unanswered_list_and_topic_filter(client, member):
    answered = ask_question(member, title="Answered question about e-waste", body="Body of the question.")
    post_answer(MemberFactory(), answered, body="An answer to it.")
    open_question = ask_question(
        member,
        title="Open question about pesticides",
        body="Body of the question.",
        thematic_areas=ThematicArea.objects.filter(slug="pesticides"),
    )
    unanswered = client.get("/en/forum/?view=unanswered").content.decode()
    assert open_question.title in unanswered and answered.title not in unanswered
    by_topic = client.get("/en/forum/?topic=pesticides").content.decode()
    assert open_question.title in by_topic and answered.title not in by_topic


@pytest.mark.django_db
def test_question_page_queries_do_not_grow_with_answers(client, member, django_assert_max_num_queries):
    question = ask_question(member, title="A question with many answers", body="Body of the question.")
    for _ in range(5):
        post_answer(MemberFactory(), question, body="One more answer here.")
    client.force_login(member)
    with CaptureQueriesContext(connection) as five:
        client.get(question.get_absolute_url())
    for _ in range(195):
        post_answer(MemberFactory(), question, body="One more answer here.")
    with django_assert_max_num_queries(len(five)):
        response = client.get(question.get_absolute_url())
    # They come a page at a time (tests/community/test_answer_pages.py).
    assert response.content.decode().count('class="answer ') == ANSWERS_PER_PAGE


@pytest.mark.django_db
def test_forum_list_queries_do_not_grow_with_questions(client, member, django_assert_max_num_queries):
    group = GroupFactory(name="Open group")
    topics = ThematicArea.objects.filter(slug__in=["pcbs", "e-waste"], locale__language_code="en")

    def ask_many(count, author=None):
        for n in range(count):
            question = ask_question(
                author or MemberFactory(),
                title=f"Question number {n} about waste",
                body="Body of the question.",
                thematic_areas=topics,
                tags=[f"tag-{n}", "common"],
            )
            question.group = group if n % 2 else None
            question.save(update_fields=["group"])

    ask_many(10, member)
    client.force_login(member)
    with CaptureQueriesContext(connection) as ten:
        assert "tag-3" in client.get("/en/forum/").content.decode()
    ask_many(190)
    with django_assert_max_num_queries(len(ten)):
        client.get("/en/forum/")
    with django_assert_max_num_queries(len(ten)):
        client.get("/en/forum/?tag=common&view=unanswered")


@pytest.mark.django_db
def test_group_page_queries_do_not_grow_with_members_and_discussions(client, django_assert_max_num_queries):
    moderator = MemberFactory()
    group = GroupFactory(name="Open group", moderators=[moderator])

    def grow(count):
        for n in range(count):
            user = MemberFactory()
            MembershipFactory(group=group, user=user)
            MembershipFactory(group=group, status=MembershipStatus.REQUESTED)
            ask_question(user, title=f"Group question number {n}", body="Body of the question.", group=group)
            NoticeFactory(group=group, title=f"Notice {n}", author=moderator)

    grow(3)
    client.force_login(moderator)
    with CaptureQueriesContext(connection) as few:
        client.get("/en/groups/open-group/")
    grow(30)
    with django_assert_max_num_queries(len(few)):
        html = client.get("/en/groups/open-group/").content.decode()
    assert "Group question number 29" in html and "Notice 29" in html


@pytest.mark.django_db
def test_similar_questions_are_suggested_while_typing_the_title(client, member):
    ask_question(member, title="How to run an e-waste take-back scheme?", body="Body of the question.")
    ask_question(member, title="Storage of obsolete pesticides", body="Body of the question.")
    client.force_login(member)
    page = client.get(ASK).content.decode()
    assert 'hx-get="/en/forum/ask/similar/"' in page
    response = client.get("/en/forum/ask/similar/", {"title": "take-back scheme for phones"})
    html = response.content.decode()
    assert "How to run an e-waste take-back scheme?" in html
    assert "obsolete pesticides" not in html
    assert client.get("/en/forum/ask/similar/", {"title": "a b"}).content.decode().strip() == ""
