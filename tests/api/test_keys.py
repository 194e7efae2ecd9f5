"""Partners' keys lift the anonymous rate limit; administrators issue them
(shown once, stored hashed) and revoke them. Any origin may read."""

import pytest
from rest_framework.throttling import AnonRateThrottle

from api.models import ApiKey, hash_key
from tests.conventions.factories import DecisionFactory
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory

PROBLEM = "application/problem+json"


@pytest.fixture
def tight_limit(monkeypatch, db):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    DecisionFactory(code="BC-14/12")


def issue(partner="InforMEA") -> str:
    key = ApiKey(partner=partner, contact="harvest@example.org")
    raw = key.issue()
    key.save()
    return raw


@pytest.mark.django_db
def test_a_partners_key_lifts_the_limit_that_stops_anonymous_readers(client, tight_limit):
    raw = issue()
    for _ in range(2):
        assert client.get("/api/v1/decisions/").status_code == 200
    assert client.get("/api/v1/decisions/").status_code == 429
    # The same address with a key: never limited, by either header.
    for _ in range(5):
        assert client.get("/api/v1/decisions/", HTTP_X_API_KEY=raw).status_code == 200
    assert client.get("/api/v1/decisions/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    used = ApiKey.objects.get()
    assert used.last_used_on is not None


@pytest.mark.django_db
def test_a_key_is_stored_hashed_and_a_wrong_or_revoked_one_is_refused(client, tight_limit):
    raw = issue()
    stored = ApiKey.objects.get()
    assert raw not in str(list(ApiKey.objects.values_list()))
    assert stored.hashed == hash_key(raw)
    assert raw.startswith(stored.prefix)

    wrong = client.get("/api/v1/decisions/", HTTP_X_API_KEY="brs_not-a-key")
    assert wrong.status_code == 401
    assert wrong["Content-Type"] == PROBLEM
    assert "not valid" in wrong.json()["detail"]

    stored.revoked_at = stored.created_at
    stored.save()
    assert client.get("/api/v1/decisions/", HTTP_X_API_KEY=raw).status_code == 401


@pytest.mark.django_db
def test_a_key_sees_exactly_what_an_anonymous_visitor_sees(client, db):
    from community.constants import GroupPrivacy
    from tests.community.factories import GroupFactory, QuestionFactory

    QuestionFactory(title="Private group question", group=GroupFactory(privacy=GroupPrivacy.PRIVATE))
    raw = issue()
    assert client.get("/api/v1/questions/", HTTP_X_API_KEY=raw).json()["results"] == []


@pytest.mark.django_db
def test_administrators_issue_a_key_shown_once_and_revoke_it(client):
    admin = with_totp(MemberFactory(is_superuser=True, is_staff=True))
    client.force_login(admin)
    response = client.post(
        "/admin/api_keys/new/",
        {"partner": "Regional node of Senegal", "contact": "node@example.sn", "note": ""},
        follow=True,
    )
    assert response.status_code == 200
    key = ApiKey.objects.get()
    shown = next(str(message) for message in response.context["messages"])
    raw = shown.split("Senegal: ", 1)[1].split(".", 1)[0]
    assert raw.startswith(key.prefix)
    assert key.hashed == hash_key(raw)
    # Not shown again: the list and the edit form only know the start of it.
    listing = client.get("/admin/api_keys/").content.decode()
    assert key.prefix in listing
    assert raw not in listing
    assert raw not in client.get(f"/admin/api_keys/edit/{key.pk}/").content.decode()

    client.post(
        f"/admin/api_keys/edit/{key.pk}/",
        {"partner": key.partner, "contact": key.contact, "note": "", "revoke": "on"},
    )
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert ApiKey.objects.find(raw) is None


@pytest.mark.django_db
def test_only_administrators_see_the_keys(client, member):
    issue()
    client.force_login(member)
    assert client.get("/admin/api_keys/").status_code == 302  # not an admin user at all
    client.force_login(with_totp(EditorFactory()))  # the secretariat's editors
    assert client.get("/admin/api_keys/").status_code in (302, 403)
    assert client.get("/admin/api_keys/new/").status_code in (302, 403)


@pytest.mark.django_db
def test_any_origin_may_read_and_nothing_else(client, db):
    DecisionFactory(code="BC-14/12")
    response = client.get("/api/v1/decisions/", HTTP_ORIGIN="https://node.example.sn")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/decisions/",
        HTTP_ORIGIN="https://node.example.sn",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-api-key, if-none-match",
    )
    assert preflight.status_code == 200
    assert "x-api-key" in preflight["Access-Control-Allow-Headers"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    # The site's own pages stay same-origin.
    assert "Access-Control-Allow-Origin" not in client.get("/en/", HTTP_ORIGIN="https://node.example.sn")
