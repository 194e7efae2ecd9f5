"""Bounces and complaints reported by the email provider (Mailgun's signed
tracking webhook through anymail) stop all email to the address, until the
member turns it back on."""

import hashlib
import hmac
import json
import time
from datetime import timedelta

import pytest
from anymail.signals import tracking
from django.core import mail
from django.utils import timezone

from core.models import EmailDelivery
from subscriptions.constants import EmailStatus
from subscriptions.emails import send_event_email
from subscriptions.models import Preferences
from subscriptions.services import set_email_status
from subscriptions.webhooks import record_delivery_problem

SIGNING_KEY = "mailgun-signing-key-for-tests"
URL = "/anymail/mailgun/tracking/"


@pytest.fixture(autouse=True)
def _mailgun(settings):
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}
    # The same connection SubscriptionsConfig.ready() makes (same
    # dispatch_uid, so connecting twice is harmless).
    tracking.connect(record_delivery_problem, dispatch_uid="subscriptions.record_delivery_problem")


def mailgun_event(recipient: str, event: str, *, key: str = SIGNING_KEY, at: float | None = None, **data) -> str:
    """A tracking webhook body as Mailgun posts it, signed with `key`."""
    at = time.time() if at is None else at
    timestamp, token = str(int(time.time())), hashlib.sha256(str(time.time()).encode()).hexdigest()[:50]
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    event_data = {"event": event, "recipient": recipient, "timestamp": at, "id": "abc", **data}
    signed = {"timestamp": timestamp, "token": token, "signature": signature}
    return json.dumps({"signature": signed, "event-data": event_data})


def hard_bounce(recipient: str, **kwargs) -> str:
    return mailgun_event(
        recipient,
        "failed",
        severity="permanent",
        reason="bounce",
        **{"delivery-status": {"message": "550 5.1.1 The email account does not exist", "code": 550}},
        **kwargs,
    )


def status_of(member) -> str:
    preferences = Preferences.objects.filter(user=member).first()
    return preferences.email_status if preferences else EmailStatus.OK


def send_something(member) -> bool:
    return send_event_email(member.pk, f"mention:{time.time()}", "mention", "You were mentioned", "")


@pytest.mark.django_db
def test_a_signed_hard_bounce_stops_all_email_to_the_member(client, member):
    response = client.post(URL, hard_bounce(member.email.upper()), content_type="application/json")
    assert response.status_code == 200
    preferences = Preferences.objects.get(user=member)
    assert preferences.email_status == EmailStatus.BOUNCING
    assert "550 5.1.1 The email account does not exist" in preferences.email_status_detail
    assert preferences.email_status_at is not None

    assert send_something(member) is False
    assert mail.outbox == [] and not EmailDelivery.objects.exists()


@pytest.mark.django_db
def test_a_badly_signed_event_is_refused_and_changes_nothing(client, member):
    response = client.post(URL, hard_bounce(member.email, key="someone-else"), content_type="application/json")
    assert response.status_code == 400
    assert not Preferences.objects.filter(user=member).exists()
    assert send_something(member) is True and len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_spam_complaint_stops_email_and_a_later_bounce_does_not_soften_it(client, member):
    client.post(URL, mailgun_event(member.email, "complained"), content_type="application/json")
    assert status_of(member) == EmailStatus.COMPLAINED
    client.post(URL, hard_bounce(member.email), content_type="application/json")
    assert status_of(member) == EmailStatus.COMPLAINED
    assert send_something(member) is False


@pytest.mark.django_db
def test_a_temporary_failure_and_a_stranger_s_address_change_nothing(client, member):
    soft = mailgun_event(member.email, "failed", severity="temporary", reason="generic")
    assert client.post(URL, soft, content_type="application/json").status_code == 200
    stranger = hard_bounce("nobody@elsewhere.example")
    assert client.post(URL, stranger, content_type="application/json").status_code == 200
    assert not Preferences.objects.exists()


@pytest.mark.django_db
def test_after_turning_email_back_on_only_new_bounces_count(client, member):
    client.post(URL, hard_bounce(member.email), content_type="application/json")
    assert status_of(member) == EmailStatus.BOUNCING
    # The member fixed their mailbox and turned email back on from their settings page.
    set_email_status(member, EmailStatus.OK)
    assert send_something(member) is True

    # The provider reports, late, a bounce of a message sent before that.
    earlier = (timezone.now() - timedelta(hours=1)).timestamp()
    client.post(URL, hard_bounce(member.email, at=earlier), content_type="application/json")
    assert status_of(member) == EmailStatus.OK

    client.post(URL, hard_bounce(member.email, at=time.time() + 1), content_type="application/json")
    assert status_of(member) == EmailStatus.BOUNCING
