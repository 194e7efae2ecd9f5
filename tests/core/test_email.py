"""The one way the hub emails a member (core.email): the member's language,
checked against the site's; the footer and, for bulk mail, List-Unsubscribe;
once per member and key; never to an address that stopped receiving."""

import pytest
from django.core import mail

from core.email import build_email, member_language, send_once
from core.models import EmailDelivery
from subscriptions.constants import EmailStatus
from subscriptions.services import set_email_status
from tests.profiles.factories import MemberFactory


def _member(languages):
    member = MemberFactory()
    member.profile.languages = languages
    member.profile.save()
    return member


@pytest.mark.django_db
def test_the_first_language_the_site_speaks_is_the_members_language():
    assert member_language(_member(["de", "fr", "es"])) == "fr"
    assert member_language(_member(["de"])) == "en"
    assert member_language(_member([])) == "en"


@pytest.mark.django_db
def test_an_email_is_written_in_the_members_language_with_the_footer_and_unsubscribe_headers():
    member = _member(["xx", "fr"])
    message = build_email(
        member,
        subject="Sujet",
        template="event",
        context={"description": "Une question", "summary": "", "url": "", "reply_by_email": False},
        bulk=True,
    )
    html = message.alternatives[0][0]
    assert message.to == [member.email]
    assert '<html lang="fr"' in html
    assert "Choisissez ce dont vous êtes informé et comment" in html
    assert "/account/subscriptions/" in html
    assert "/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")


@pytest.mark.django_db
def test_a_single_email_is_not_bulk_mail():
    message = build_email(
        MemberFactory(),
        subject="Why",
        template="reply_refused",
        context={"reason": "gone", "question": None, "url": ""},
        bulk=False,
    )
    assert "List-Unsubscribe" not in message.extra_headers


@pytest.mark.django_db
def test_an_email_goes_once_per_member_and_key_and_a_failed_send_is_sent_by_the_retry():
    member = MemberFactory()
    attempts = []

    def build():
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("mail server down")
        return build_email(member, subject="Hello", template="reply_refused", context={"reason": "x"}, bulk=False)

    with pytest.raises(OSError):
        send_once(member, "test:1", build)
    assert EmailDelivery.objects.get(user=member, key="test:1").sent_at is None
    assert send_once(member, "test:1", build) is True
    assert send_once(member, "test:1", build) is False
    assert len(mail.outbox) == 1
    assert EmailDelivery.objects.get(user=member, key="test:1").sent_at is not None


@pytest.mark.django_db
def test_no_email_to_an_address_that_unsubscribed():
    member = MemberFactory()
    set_email_status(member, EmailStatus.UNSUBSCRIBED)
    sent = send_once(
        member, "test:2", lambda: build_email(member, subject="x", template="reply_refused", context={}, bulk=False)
    )
    assert sent is False
    assert mail.outbox == []
    assert not EmailDelivery.objects.filter(user=member).exists()
