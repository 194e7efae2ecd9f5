"""Digests leave through a real SMTP server (aiosmtpd, started here) with
Django's SMTP backend, and through anymail's ESP path: the messages that
arrive carry the RFC 8058 headers, a text and an html part, and links that
work."""

import re
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from celery.exceptions import Retry
from django.core import mail

from conventions.constants import MeetingKind
from core.models import EmailDelivery
from subscriptions.constants import EmailStatus, FollowKind
from subscriptions.digests import start_digest_run
from subscriptions.models import DigestItem, Preferences
from tests.community.factories import QuestionFactory
from tests.conventions.factories import MeetingFactory
from tests.profiles.factories import MemberFactory
from tests.subscriptions.factories import DigestItemFactory, FollowFactory
from tests.subscriptions.smtp import free_port

MONDAY_7 = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def reader(db):
    """A member who follows Basel, with a question and a meeting waiting for their digest."""
    member = MemberFactory(email="amina@example.org")
    FollowFactory(user=member, kind=FollowKind.CONVENTION, key="BC")
    question = QuestionFactory(title="How do you inspect recyclers?", body_markdown="x")
    DigestItemFactory(
        user=member,
        key=f"question:{question.pk}:published",
        kind="question.published",
        follow_kind=FollowKind.CONVENTION,
        follow_key="BC",
        title=question.title,
        summary="Unannounced visits twice a year.",
        url=question.get_absolute_url(),
    )
    MeetingFactory(
        slug="bc-oewg-15",
        title="Basel OEWG-15",
        kind=MeetingKind.OEWG,
        start_date=date(2026, 12, 7),
        end_date=date(2026, 12, 10),
        conventions=["BC"],
    )
    return member


def run(capture):
    with capture(execute=True):
        start_digest_run(MONDAY_7.isoformat())


def parts(message) -> dict[str, str]:
    return {part.get_content_type(): part.get_content() for part in message.walk() if not part.is_multipart()}


@pytest.mark.django_db
def test_a_digest_sent_over_smtp_arrives_whole(smtp_server, reader, client, django_capture_on_commit_callbacks):
    run(django_capture_on_commit_callbacks)

    (message,) = smtp_server.messages
    assert message["To"] == "amina@example.org"
    assert message["Subject"] == "[BRS Hub] Your weekly digest: 1 new item"
    assert message.get_content_type() == "multipart/alternative"
    # Folded over lines (the URL is long): unfolded, it is the one-click URL and a mailto.
    header = message["List-Unsubscribe"].strip()
    unsubscribe_url, mailto = re.fullmatch(r"<(http://testserver/\S+)>, <(mailto:\S+)>", header).groups()
    assert mailto == "mailto:hub@localhost?subject=unsubscribe"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    body = parts(message)
    assert set(body) == {"text/plain", "text/html"}
    for part in body.values():
        assert "How do you inspect recyclers?" in part and "Unannounced visits twice a year." in part
        assert "Basel OEWG-15" in part and unsubscribe_url in part
    links = re.findall(r'href="([^"]+)"', body["text/html"])
    assert all(link.startswith("http://testserver/") for link in links)
    assert set(links) == set(re.findall(r"http://testserver/\S+", body["text/plain"]))

    # Every link opens a page: the question, the meeting, the settings page
    # (signed in) and the unsubscribe confirmation (no session needed).
    client.force_login(reader)
    for link in links:
        assert client.get(urlsplit(link).path).status_code == 200, link
    client.logout()
    path = urlsplit(unsubscribe_url).path
    confirmation = client.get(path)
    assert confirmation.status_code == 200 and "amina@example.org" in confirmation.content.decode()
    # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to the URL.
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Preferences.objects.get(user=reader).email_status == EmailStatus.UNSUBSCRIBED


@pytest.mark.django_db
def test_several_members_get_one_message_each_over_one_server(smtp_server, django_capture_on_commit_callbacks):
    members = [MemberFactory() for _ in range(5)]
    for member in members:
        DigestItemFactory(user=member, key="k", kind="mention", title="News", url="/en/")
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)  # a second tick sends nothing more
    assert sorted(message["To"] for message in smtp_server.messages) == sorted(member.email for member in members)
    assert EmailDelivery.objects.filter(sent_at__isnull=False).count() == 5


@pytest.mark.django_db
def test_an_smtp_server_that_is_down_leaves_every_digest_to_be_sent_later(
    settings, reader, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    # Eager: the batch's retry is raised where it was queued, after the
    # commit, and logged there (a worker would wait and try again).
    run(django_capture_on_commit_callbacks)
    (retry,) = [record.exc_info[1] for record in caplog.records if record.exc_info]
    assert isinstance(retry, Retry)
    assert isinstance(retry.exc, ConnectionRefusedError)
    assert not EmailDelivery.objects.exists()  # claims given back
    assert DigestItem.objects.filter(user=reader).exists()  # items kept for the next try


@pytest.mark.django_db
def test_the_esp_path_through_anymail(settings, reader, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    run(django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.anymail_status.status == {"sent"}
    sent = message.anymail_test_params
    assert sent["to"][0].addr_spec == "amina@example.org"
    assert sent["extra_headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sent["extra_headers"]["List-Unsubscribe"].startswith("<http://testserver/unsubscribe/")
    for part in (sent["text_body"], sent["html_body"]):
        assert "How do you inspect recyclers?" in part
    assert EmailDelivery.objects.get(user=reader).sent_at is not None
    assert timedelta(0) <= datetime.now(UTC) - EmailDelivery.objects.get().sent_at < timedelta(minutes=1)
