"""The headers every response carries (#18): a strict Content Security Policy
(django-csp, config.csp), Permissions-Policy and Cross-Origin-Opener-Policy;
pages that give the policy nothing to refuse; the violation reports'
endpoint and its limits; the cookies' flags; the client's address behind
the trusted proxy, for the sign-in limits."""

import itertools
import json
import logging

import pytest
from django.core.cache import cache
from django.test import Client

from tests.community.factories import QuestionFactory
from tests.conventions.factories import CountryFactory, DecisionFactory, MeetingFactory
from tests.knowledge.factories import BestPracticeFactory
from tests.pages import html
from tests.profiles.factories import PASSWORD, EditorFactory, MemberFactory

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "report-uri": "/csp-report/",
}


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split(None, 1) for part in header.split(";") if part.strip()]
    return {name: value for name, value in directives}


def assert_strict(response, path):
    directives = policy(response)
    for name, value in STRICT.items():
        assert directives.get(name) == value, f"{path}: {name} is {directives.get(name)!r}"
    assert "unsafe" not in response["Content-Security-Policy"], path
    assert response["Permissions-Policy"].startswith("accelerometer=()"), path
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
    assert response["X-Content-Type-Options"] == "nosniff", path


def assert_nothing_inline(response, path):
    """What the policy would refuse: a script in the page or a style attribute."""
    page = html(response)
    inline_scripts = [
        script
        for script in page.find_all("script")
        if not script.get("src") and script.get("type") != "application/ld+json"
    ]
    assert not inline_scripts, f"{path}: {inline_scripts[0]}"
    styled = page.select("[style]")
    assert not styled, f"{path}: {styled[0]}"
    assert not page.find("style"), path
    handlers = [tag for tag in page.find_all(True) if any(attribute.startswith("on") for attribute in tag.attrs)]
    assert not handlers, f"{path}: {handlers[0]}"


@pytest.fixture
def content():
    return {
        "question": QuestionFactory(title="Where can obsolete pesticides be stored safely?"),
        "item": BestPracticeFactory(title="Take-back of mobile phones in Nairobi"),
        "decision": DecisionFactory(code="BC-14/12", title="Amendments to Annexes II, VIII and IX"),
        "meeting": MeetingFactory(slug="bc-cop-17", title="Seventeenth meeting of the Conference of the Parties"),
        "country": CountryFactory(iso2="SN", iso3="SEN", name="Senegal"),
    }


def public_pages(content) -> list[str]:
    return [
        "/en/",
        "/ar/",
        "/en/knowledge/",
        content["item"].url,
        "/en/forum/",
        content["question"].get_absolute_url(),
        "/en/decisions/",
        f"/en/decisions/{content['decision'].path_code}/",
        "/en/calendar/",
        "/en/calendar/?view=month&month=2026-12",
        f"/en/calendar/{content['meeting'].slug}/",
        "/en/parties/",
        "/en/regional-centres/",
        "/en/countries/SEN/",
        "/en/search/?q=waste",
        "/en/groups/",
        "/en/accounts/login/",
        "/en/accounts/signup/",
        "/en/feedback/?path=/en/&useful=yes",
    ]


def test_every_public_page_has_the_strict_policy_and_nothing_it_would_refuse(client, content):
    for path in public_pages(content):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict(response, path)
        assert_nothing_inline(response, path)


def test_a_members_pages_and_the_error_pages_have_it_too(client, content):
    member = MemberFactory()
    client.force_login(member)
    for path in ["/en/", "/en/forum/ask/", "/en/notifications/", content["question"].get_absolute_url()]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict(response, path)
        assert_nothing_inline(response, path)
    missing = client.get("/en/no-such-page/")
    assert missing.status_code == 404
    assert_strict(missing, "404")
    assert_nothing_inline(missing, "404")


def test_the_server_error_page_needs_no_inline_style():
    from django.template.loader import render_to_string

    page = html(type("Response", (), {"content": render_to_string("500.html").encode()})())
    assert not page.select("[style]") and not page.find("style")
    assert page.find("link", rel="stylesheet")["href"].endswith(".css")


def test_a_page_from_the_cache_carries_the_policy(settings, content):
    settings.PAGE_CACHE_SECONDS = 600
    visitor = Client(headers={"accept-encoding": "identity"})
    assert visitor.get("/en/decisions/")["X-Page-Cache"] == "miss"
    served = visitor.get("/en/decisions/")
    assert served["X-Page-Cache"] == "hit"
    assert_strict(served, "cached /en/decisions/")


def test_json_feeds_and_the_api_have_it(client, content):
    for path in ["/api/v1/decisions/", "/api/v1/schema/", "/robots.txt", "/healthz"]:
        response = client.get(path)
        assert response.status_code in (200, 503), path
        assert_strict(response, path)


def test_the_api_documentation_runs_its_scripts_from_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    scripts = html(response).find_all("script")
    assert scripts and all(script.get("src") for script in scripts)
    directives = policy(response)
    assert directives["script-src"] == "'self'"
    # Swagger UI's page has an inline <style> of its own: styles only are allowed inline there.
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    configuration = client.get("/api/docs/?script=")
    assert configuration.status_code == 200
    assert "/api/v1/schema/" in configuration.content.decode()


def test_the_admin_allows_inline_scripts_and_styles_and_keeps_the_rest(client):
    editor = EditorFactory()
    client.force_login(editor)
    response = client.get("/admin/")
    directives = policy(response)
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    for name in ("object-src", "base-uri", "form-action"):
        assert directives[name] == STRICT[name]
    # Framed by the admin itself only: the page editor's preview panel.
    assert directives["frame-ancestors"] == "'self'"


def test_a_download_keeps_its_own_stricter_policy(client):
    """Document downloads set `default-src 'none'` themselves; the site's
    policy does not replace it (tests/knowledge/test_security.py)."""
    from django.http import HttpResponse

    from config.csp import HubCSPMiddleware

    def download(request):
        response = HttpResponse(b"%PDF-1.7", content_type="application/pdf")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    request = client.get("/").wsgi_request
    response = HubCSPMiddleware(download)(request)
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "Permissions-Policy" in response


# Violation reports


LEGACY_REPORT = {
    "csp-report": {
        "document-uri": "https://hub.example/en/",
        "violated-directive": "script-src-elem",
        "blocked-uri": "inline",
        "source-file": "https://hub.example/en/",
        "line-number": 12,
    }
}
REPORTING_API_REPORT = [
    {
        "type": "csp-violation",
        "url": "https://hub.example/en/forum/",
        "body": {
            "documentURL": "https://hub.example/en/forum/",
            "effectiveDirective": "style-src-attr",
            "blockedURL": "inline",
            "sourceFile": "https://hub.example/en/forum/",
            "lineNumber": 40,
        },
    }
]


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def report(client, payload, content_type="application/csp-report", **extra):
    body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload)
    return client.post("/csp-report/", body, content_type=content_type, **extra)


def test_a_violation_report_is_logged(client, caplog, empty_cache):
    with caplog.at_level(logging.WARNING, logger="hub.csp"):
        assert report(client, LEGACY_REPORT).status_code == 204
        assert report(client, REPORTING_API_REPORT, content_type="application/reports+json").status_code == 204
    lines = [record.getMessage() for record in caplog.records if record.name == "hub.csp"]
    assert lines == [
        "CSP violation: script-src-elem blocked inline on https://hub.example/en/ (https://hub.example/en/:12)",
        "CSP violation: style-src-attr blocked inline on https://hub.example/en/forum/ (https://hub.example/en/forum/:40)",
    ]


def test_what_is_not_a_report_is_refused(client, caplog, empty_cache):
    with caplog.at_level(logging.WARNING, logger="hub.csp"):
        assert report(client, b"not json").status_code == 400
        assert report(client, {"something": "else"}).status_code == 400
        assert report(client, [{"type": "deprecation", "body": {}}]).status_code == 400
        too_large = report(client, {"csp-report": {"blocked-uri": "x" * 20_000}})
        assert too_large.status_code == 413
        assert client.get("/csp-report/").status_code == 405
    assert not [record for record in caplog.records if record.name == "hub.csp"]


def test_a_flood_of_reports_is_refused_and_not_logged(client, caplog, empty_cache):
    with caplog.at_level(logging.WARNING, logger="hub.csp"):
        statuses = [report(client, LEGACY_REPORT).status_code for _ in range(25)]
    assert statuses == [204] * 20 + [429] * 5
    assert len([record for record in caplog.records if record.name == "hub.csp"]) == 20
    # Another address still reports (behind no proxy: its own REMOTE_ADDR).
    assert report(client, LEGACY_REPORT, REMOTE_ADDR="192.0.2.99").status_code == 204


def test_a_flood_from_many_addresses_meets_the_overall_limit(client, empty_cache, monkeypatch):
    from config import csp

    monkeypatch.setattr(csp, "REPORTS_PER_MINUTE", 30)
    statuses = [report(client, LEGACY_REPORT, REMOTE_ADDR=f"192.0.2.{number}").status_code for number in range(40)]
    assert statuses == [204] * 30 + [429] * 10


# Cookies


def test_the_language_cookie_is_not_for_scripts_nor_cross_site(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/"})
    assert response.status_code == 302
    cookie = response.cookies["django_language"]
    assert cookie.value == "fr"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_session_and_csrf_cookies_are_httponly_and_lax(client):
    member = MemberFactory()
    response = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] is True and session["samesite"] == "Lax"
    token = client.get("/en/accounts/email/").cookies.get("csrftoken") or client.cookies["csrftoken"]
    assert token["httponly"] is True and token["samesite"] == "Lax"


# The client's address behind the trusted proxy


ATTEMPTS = itertools.count()


def failed_sign_in(client, address):
    # A new address each time: allauth also limits failures per account (5 in 5 minutes).
    return client.post(
        "/en/accounts/login/",
        {"login": f"nobody{next(ATTEMPTS)}@example.org", "password": "wrong password"},
        headers={"x-forwarded-for": address},
        REMOTE_ADDR="10.0.0.2",  # the proxy
    )


def test_behind_the_proxy_one_address_s_failures_do_not_lock_out_another(client, settings, empty_cache):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    statuses = [failed_sign_in(client, "198.51.100.7").status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10  # the form refused
    assert statuses[10] == 429
    # Someone else, through the same proxy, still signs in.
    assert failed_sign_in(Client(), "203.0.113.5").status_code == 400
    # The client cannot pose as someone else: only the address the proxy appended counts.
    assert failed_sign_in(Client(), "203.0.113.5, 198.51.100.7").status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, settings, empty_cache):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for number in range(10):
        assert failed_sign_in(client, f"198.51.100.{number}").status_code == 400
    assert failed_sign_in(Client(), "203.0.113.5").status_code == 429


def test_malformed_reports_are_refused_without_a_server_error(client, empty_cache):
    assert report(client, [{"type": "csp-violation", "body": "not an object"}]).status_code == 400
    assert report(client, [{"type": "csp-violation", "body": ["a", "list"]}]).status_code == 400
    response = client.generic(
        "POST", "/csp-report/", json.dumps(LEGACY_REPORT), content_type="application/csp-report", CONTENT_LENGTH="abc"
    )
    assert response.status_code == 400
