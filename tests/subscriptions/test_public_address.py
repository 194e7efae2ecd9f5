"""One setting, SITE_URL, gives every email the hub's public address: answers
and mentions (events), verification decisions, submission outcomes, digests,
and the unsubscribe links and headers they all carry."""

import re
from datetime import UTC, datetime

import pytest
from django.core import mail

from community.services import ask_question, post_answer
from knowledge.constants import SubmissionState
from knowledge.tasks import notify_submission_outcome
from profiles.constants import VerificationStatus
from subscriptions.digests import start_digest_run
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import MemberFactory, VerificationFactory
from tests.subscriptions.factories import DigestItemFactory

PUBLIC = "https://hub.example.org"
UTC_MONDAY_7 = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("established_members")


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.SITE_URL = PUBLIC


def links(message) -> list[str]:
    parts = [message.body, *(content for content, _type in message.alternatives)]
    parts += list(message.extra_headers.values())
    return re.findall(r"https?://[^\s\"'<>)]+", " ".join(parts))


def assert_on_the_public_address(message):
    found = links(message)
    assert found, message.body
    stray = [link for link in found if not link.startswith(PUBLIC + "/")]
    assert stray == [], stray


@pytest.mark.django_db
def test_an_event_email_links_to_the_public_address(member, django_capture_on_commit_callbacks):
    question = ask_question(member, title="How do you inspect recyclers?", body="Details of it.")
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(MemberFactory(), question, body="Unannounced visits twice a year.")
    (message,) = mail.outbox
    assert_on_the_public_address(message)
    assert f"{PUBLIC}{question.answers.get().get_absolute_url()}" in message.body


@pytest.mark.django_db
def test_a_verification_decision_links_to_the_public_address(editor, django_capture_on_commit_callbacks):
    from profiles.services import decide_verification

    request = VerificationFactory(status=VerificationStatus.PENDING, topics=["pcbs"])
    with django_capture_on_commit_callbacks(execute=True):
        decide_verification(request, editor=editor, approve=True)
    (message,) = mail.outbox
    assert_on_the_public_address(message)


@pytest.mark.django_db
def test_a_submission_outcome_links_to_the_public_address(member):
    page = BestPracticeFactory(title="Take-back scheme", submitter=member)
    notify_submission_outcome(page.pk, SubmissionState.PUBLISHED, "published:1")
    (message,) = mail.outbox
    assert_on_the_public_address(message)
    assert f"{PUBLIC}/en/knowledge/{page.slug}/" in message.body


@pytest.mark.django_db
def test_a_digest_links_to_the_public_address(django_capture_on_commit_callbacks):
    member = MemberFactory(profile__timezone="UTC")
    DigestItemFactory(
        user=member,
        key="test:item",
        kind="question.published",
        follow_kind="topic",
        follow_key="pcbs",
        title="A question on PCBs",
        url="/en/forum/questions/1/x/",
    )
    with django_capture_on_commit_callbacks(execute=True):
        start_digest_run(UTC_MONDAY_7.isoformat())
    (message,) = mail.outbox
    assert_on_the_public_address(message)
    assert f"{PUBLIC}/en/forum/questions/1/x/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{PUBLIC}/unsubscribe/")
