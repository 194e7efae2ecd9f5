"""Members are followed as members, not by handle: a member who changes
handle keeps every follower, on the pages they see and in what reaches them."""

import importlib
import re
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.core import mail

from community.services import ask_question
from subscriptions.digests import start_digest_run
from subscriptions.models import DigestItem, Follow
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import MemberFactory
from tests.subscriptions.factories import DigestItemFactory, FollowFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
SETTINGS = "/en/account/subscriptions/"
# Monday 30 November 2026, 07:00 UTC: when a member with the default settings gets a weekly digest.
UTC_MONDAY_7 = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


# Questions are published at once: the moderation rules have tests of their own.
pytestmark = pytest.mark.usefixtures("established_members")


@pytest.fixture
def amina(db):
    return MemberFactory(handle="amina", display_name="Amina Diallo", profile__is_public=True)


def follow_form(html: str) -> dict:
    """The fields of the (first) follow form on a page, as the browser sends them."""
    form = re.search(r'<form[^>]*class="follow-form[^"]*"[^>]*>(.*?)</form>', html, re.S)
    assert form, "no follow button"
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(1)))


def pressed(html: str) -> str:
    """aria-pressed of the follow button on a page."""
    return re.search(r'<button[^>]*id="follow-member-[^"]*"[^>]*aria-pressed="(\w+)"', html).group(1)


def unfollow_form_of(html: str, name: str) -> dict:
    """The fields of the settings page's unfollow form beside `name`."""
    for form in re.findall(r"<form[^>]*>(.*?)</form>", html, re.S):
        if name in form and 'value="unfollow"' in form:
            return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    raise AssertionError(f"no unfollow form for {name}")


def change_handle(client, member, handle: str):
    client.force_login(member)
    data = {"display_name": member.profile.display_name, "handle": handle, "timezone": "UTC", "is_public": "on"}
    response = client.post("/en/account/profile/", data)
    assert response.status_code == 302, response.content.decode()
    member.refresh_from_db()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_a_member_keeps_their_followers_when_they_change_handle(
    client, member, amina, django_capture_on_commit_callbacks
):
    client.force_login(member)
    assert client.post("/en/follow/", follow_form(client.get("/en/people/amina/").content.decode())).status_code == 302
    assert pressed(client.get("/en/people/amina/").content.decode()) == "true"

    change_handle(client, amina, "amina-diallo")

    client.force_login(member)
    settings_page = client.get(SETTINGS).content.decode()
    assert "Members Amina Diallo Unfollow" in text_of(settings_page)
    assert '<a href="/en/people/amina-diallo/">Amina Diallo</a>' in settings_page
    assert pressed(client.get("/en/people/amina-diallo/").content.decode()) == "true"

    # What she posts under her new handle reaches her follower, in-app and in the digest.
    with django_capture_on_commit_callbacks(execute=True):
        question = ask_question(amina, title="Who has a take-back scheme for phones?", body="We are starting one.")
    assert member.notifications.get().description == "New question: Who has a take-back scheme for phones?"
    with django_capture_on_commit_callbacks(execute=True):
        start_digest_run(UTC_MONDAY_7.isoformat())
    (digest,) = mail.outbox
    assert digest.to == [member.email]
    assert "Member: Amina Diallo" in digest.body
    assert f"http://testserver{question.get_absolute_url()}" in digest.body

    # And the settings page still unfollows her.
    response = client.post("/en/follow/", unfollow_form_of(settings_page, "Amina Diallo"))
    assert response.status_code == 302
    assert not Follow.objects.filter(user=member).exists()
    assert pressed(client.get("/en/people/amina-diallo/").content.decode()) == "false"


@pytest.mark.django_db
def test_a_knowledge_item_she_submitted_reaches_her_followers_after_the_change(
    client, member, amina, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.post("/en/follow/", follow_form(client.get("/en/people/amina/").content.decode()))
    change_handle(client, amina, "amina-diallo")
    with django_capture_on_commit_callbacks(execute=True):
        item = BestPracticeFactory(title="Deposit refund for phones", live=False, submitter=amina)
        item.save_revision().publish()
    assert member.notifications.get().description == "New in the knowledge base: Deposit refund for phones"
    assert DigestItem.objects.get(user=member).url == item.url


@pytest.mark.django_db
def test_a_page_opened_before_the_change_still_follows_and_unfollows(client, member, amina):
    client.force_login(member)
    stale = follow_form(client.get("/en/people/amina/").content.decode())
    by_handle = {"kind": "member", "key": "amina", "action": "follow"}  # as links and pages of before sent it
    change_handle(client, amina, "amina-diallo")
    client.force_login(member)

    response = client.post("/en/follow/", by_handle, **HTMX)
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode() and "Amina Diallo" in response.content.decode()
    assert client.post("/en/follow/", stale, **HTMX).status_code == 409  # the same member: followed once
    assert Follow.objects.filter(user=member).count() == 1

    response = client.post("/en/follow/", {**by_handle, "action": "unfollow"})
    assert response.status_code == 302
    assert not Follow.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_a_private_member_cannot_be_followed_by_id_either(client, member):
    hidden = MemberFactory(display_name="Private Person")  # profiles are private by default
    client.force_login(member)
    for key in (str(hidden.pk), hidden.handle, "999999"):
        response = client.post("/en/follow/", {"kind": "member", "key": key, "action": "follow"})
        assert response.status_code == 404, key
        assert "There is nothing to follow here." in response.content.decode()
    assert not Follow.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_follows_by_handle_are_moved_to_the_member_id_by_the_migration(member):
    migration = importlib.import_module("subscriptions.migrations.0003_member_follows_by_id")
    first = MemberFactory(handle="first")
    # A handle of digits that is another member's id: the moves must not collide.
    second = MemberFactory(handle=str(first.pk))
    for key in ("first", str(first.pk), "gone-member", "4242424"):
        FollowFactory(user=member, kind="member", key=key)
    FollowFactory(user=member, kind="topic", key="first")
    DigestItemFactory(
        user=member, key="k", kind="question.published", follow_kind="member", follow_key="first", title="T", url="/"
    )

    migration.handles_to_ids(apps, None)

    assert set(Follow.objects.filter(user=member).values_list("kind", "key")) == {
        ("member", str(first.pk)),
        ("member", str(second.pk)),
        ("member", "gone-member"),  # names nobody: listed as no longer available
        ("topic", "first"),  # another kind: untouched
    }
    assert DigestItem.objects.get(user=member).follow_key == str(first.pk)

    migration.ids_to_handles(apps, None)
    assert set(Follow.objects.filter(user=member, kind="member").values_list("key", flat=True)) == {
        "first",
        str(first.pk),
        "gone-member",
    }
