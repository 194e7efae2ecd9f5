"""Issue #12, item 4: a member the secretariat verified as a focal point,
an expert or regional-centre staff is trusted at once; their first posts,
and posts with links, are published without waiting for review. Strangers,
and members whose request is pending, declined or revoked, are still held."""

import pytest

from community.constants import PostStatus
from community.models import Answer, Question
from community.services import ask_question
from profiles.constants import Role, VerificationStatus
from tests.profiles.factories import MemberFactory, VerificationFactory

ASK = "/en/forum/ask/"
LINKED_BODY = "Our register follows https://example.org/guidance on contaminated sites."


@pytest.fixture(autouse=True)
def _new_member_holds(settings):
    """The holds as configured in production (the forum conftest lifts them)."""
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 2
    settings.FORUM_TRUSTED_AFTER_POSTS = 10


def verify(member, role: str, status: str = VerificationStatus.APPROVED) -> None:
    VerificationFactory(user=member, role=role, status=status)


def told(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def a_published_question() -> Question:
    question = ask_question(MemberFactory(), title="How do you label PIC chemicals?", body="Plain text body.")
    Question.objects.filter(pk=question.pk).update(status=PostStatus.VISIBLE)
    return question


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.EXPERT, Role.CENTRE_STAFF])
def test_a_verified_members_first_posts_with_links_are_published_at_once(client, member, role):
    verify(member, role)
    client.force_login(member)

    response = client.post(ASK, {"title": "Registering contaminated sites", "body": LINKED_BODY}, follow=True)
    assert told(response) == ["Your question is published."]
    question = Question.objects.get(author=member)
    assert question.status == PostStatus.VISIBLE

    other = a_published_question()
    response = client.post(f"/en/forum/questions/{other.pk}/answer/", {"body": LINKED_BODY}, follow=True)
    assert told(response) == ["Your answer is published."]
    assert Answer.objects.get(author=member).status == PostStatus.VISIBLE

    # Everyone reads both at once: the question page, the list, the answer count.
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 200
    assert "Registering contaminated sites" in client.get("/en/forum/").content.decode()
    assert "example.org/guidance" in client.get(other.get_absolute_url()).content.decode()
    other.refresh_from_db()
    assert other.answer_count == 1


@pytest.mark.django_db
def test_a_verified_member_adding_a_link_by_editing_stays_published(client, member):
    verify(member, Role.EXPERT)
    question = ask_question(member, title="Storing obsolete pesticides", body="No link yet in this body.")
    assert question.status == PostStatus.VISIBLE
    client.force_login(member)
    response = client.post(
        f"/en/forum/question/{question.pk}/edit/",
        {"title": question.title, "body": LINKED_BODY, "summary": "Added the guidance", "language": "en"},
        follow=True,
    )
    assert told(response) == ["Your changes are saved."]
    question.refresh_from_db()
    assert question.status == PostStatus.VISIBLE


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [None, VerificationStatus.PENDING, VerificationStatus.DECLINED, VerificationStatus.REVOKED]
)
def test_strangers_and_members_not_verified_are_still_held(client, member, status):
    if status:
        verify(member, Role.FOCAL_POINT, status)
    client.force_login(member)
    data = {"title": "Registering contaminated sites", "body": "A plain text body, no links."}
    response = client.post(ASK, data, follow=True)
    assert told(response) == [
        "Your question waits for review by the secretariat; you will be told when it is published."
    ]
    question = Question.objects.get(author=member)
    assert question.status == PostStatus.HELD
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 404
    assert "Registering contaminated sites" not in client.get("/en/forum/").content.decode()
