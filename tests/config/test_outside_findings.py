"""Findings of the outside security test (#18), each with what answers now:
a NUL character anywhere in a query or form is a clear 400, not a 500;
anymail's webhooks answer only for a provider that is set up and
authenticated; a throttled sign-in code answers 429."""

import base64
import json

import pytest
from django.core.cache import cache
from django.test import Client

from community.models import Membership
from subscriptions.constants import EmailStatus
from subscriptions.models import Preferences
from tests.community.factories import GroupFactory
from tests.profiles.factories import MemberFactory

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "holds a null character"


@pytest.mark.parametrize(
    "path",
    [
        "/en/forum/?tag=%00",
        "/en/forum/?group=%00",
        "/en/forum/?country=%00",
        "/en/forum/?topic=%00",
        "/en/forum/?q=a%00b",
        "/en/people/?topic=%00",
        "/en/topics/%00/",
        "/en/knowledge/?topic=%00",
        "/en/search/?q=%00",
    ],
)
def test_a_null_character_in_an_address_is_a_clear_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


def test_a_null_character_in_a_posted_form_is_refused_before_anything_is_written(client):
    moderator = MemberFactory()
    group = GroupFactory(moderators=[moderator])
    client.force_login(moderator)
    before = Membership.objects.count()
    response = client.post(f"/en/groups/{group.slug}/membership/", {"action": "invite", "invitee": "@a\x00b"})
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()
    assert Membership.objects.count() == before


def test_the_refusal_is_in_the_readers_language(client):
    response = client.get("/fr/forum/?tag=%00")
    assert response.status_code == 400
    assert "%00" in response.content.decode()
    assert NUL_MESSAGE not in response.content.decode()


def test_the_api_answers_with_its_own_problem_details(client):
    response = client.get("/api/v1/decisions/?convention=%00")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_ordinary_filters_still_work(client):
    assert client.get("/en/forum/?tag=pcbs").status_code == 200
    assert client.get("/en/people/?topic=pcbs").status_code == 200


# anymail's webhooks


def basic_auth(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


SPARKPOST_BOUNCE = [
    {
        "msys": {
            "message_event": {
                "type": "bounce",
                "bounce_class": "10",
                "rcpt_to": "amina@example.org",
                "raw_rcpt_to": "amina@example.org",
                "timestamp": "1700000000",
                "event_id": "1",
                "raw_reason": "550 5.1.1 no such user",
            }
        }
    }
]


def test_a_provider_that_is_not_set_up_answers_404_not_500(client, settings):
    settings.ANYMAIL = {}
    for path in ("/anymail/postal/tracking/", "/anymail/postal/inbound/", "/anymail/mailgun/tracking/"):
        response = client.post(path, "{}", content_type="application/json")
        assert response.status_code == 404, path
        assert response.content.decode() == "No webhook of this email provider is set up on this site."


def test_an_unauthenticated_webhook_cannot_stop_a_members_email(client, settings):
    """Without WEBHOOK_SECRET, anymail would take a basic-auth provider's
    events from anyone: a forged bounce would have stopped Amina's email."""
    settings.ANYMAIL = {}
    amina = MemberFactory(email="amina@example.org")
    response = client.post(
        "/anymail/sparkpost/tracking/", json.dumps(SPARKPOST_BOUNCE), content_type="application/json"
    )
    assert response.status_code == 404
    preferences = Preferences.objects.filter(user=amina).first()
    assert preferences is None or preferences.email_status == EmailStatus.OK


def test_with_the_secret_the_provider_s_events_are_taken_and_others_refused(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hub:webhook-secret"}
    amina = MemberFactory(email="amina@example.org")
    refused = client.post(
        "/anymail/sparkpost/tracking/",
        json.dumps(SPARKPOST_BOUNCE),
        content_type="application/json",
        **basic_auth("hub:wrong"),
    )
    assert refused.status_code == 400
    taken = client.post(
        "/anymail/sparkpost/tracking/",
        json.dumps(SPARKPOST_BOUNCE),
        content_type="application/json",
        **basic_auth("hub:webhook-secret"),
    )
    assert taken.status_code == 200
    assert Preferences.objects.get(user=amina).email_status == EmailStatus.BOUNCING


# Sign-in codes


def test_too_many_sign_in_codes_answer_429():
    cache.clear()
    member = MemberFactory()
    # A new browser each time: one with a code pending is sent on to enter it.
    statuses = [Client().post("/en/accounts/login/code/", {"email": member.email}).status_code for _ in range(4)]
    cache.clear()
    # Three a minute for one address ("3/m/key"); each accepted request moves on to the code form.
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3] == 429


# anymail warns that SendGrid's support is community-maintained; not this test's concern.
@pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailNotSupportedWarning")
def test_a_provider_secured_by_its_signature_is_not_refused_for_lack_of_basic_auth(client, settings):
    """SendGrid's webhook checks its signature once a verification key is
    set: it needs no WEBHOOK_SECRET, and a request without the signature is
    the provider view's to refuse (400), not a 404 of ours."""
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    public = ec.generate_private_key(ec.SECP256R1()).public_key()
    der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    settings.ANYMAIL = {"SENDGRID_TRACKING_WEBHOOK_VERIFICATION_KEY": base64.b64encode(der).decode()}
    response = client.post("/anymail/sendgrid/tracking/", "[]", content_type="application/json")
    assert response.status_code == 400
    settings.ANYMAIL = {}
    assert client.post("/anymail/sendgrid/tracking/", "[]", content_type="application/json").status_code == 404


def test_a_webhook_s_form_is_left_for_the_provider_s_view_to_read(client, settings):
    """The NUL check does not parse the body of an email provider's webhook
    (a view that reads the raw body could not afterwards)."""
    settings.ANYMAIL = {}
    response = client.post("/anymail/postal/inbound/", {"message": "a\x00b"})
    assert response.status_code == 404
    assert response.content.decode() == "No webhook of this email provider is set up on this site."
