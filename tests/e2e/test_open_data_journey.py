"""Open data end to end: a member asks in Chromium; a feed reader that found
the forum's feed in the page's head, and a partner harvesting the API by
`updated_since`, get what was published in between (and, when the
secretariat deletes it, the partner learns to drop it). The open data page
and the API's documentation work in the browser, from our own files."""

import json
import re
import urllib.request
import xml.etree.ElementTree as ET  # noqa: S405 (our own live server's feeds)
from urllib.parse import urlencode, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from api import datasets
from community import services as forum
from community.constants import ModerationAction
from community.models import Question
from tests.e2e.accessibility import check_accessibility
from tests.e2e.forms import field
from tests.e2e.people import sign_in
from tests.e2e.timeouts import TIMEOUT_MS
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory

pytestmark = pytest.mark.e2e

ATOM = "{http://www.w3.org/2005/Atom}"
TITLE = "Which labs can analyse PFAS in firefighting foam samples?"


def fetch(url: str, **headers) -> bytes:
    """What a feed reader or a harvester sends: a plain HTTP GET, no cookies."""
    request = urllib.request.Request(url, headers={"User-Agent": "FeedReader/1.0", **headers})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (the live server)
        return response.read()


def entry_titles(feed: bytes) -> list[str]:
    return [
        entry.findtext(f"{ATOM}title")
        for entry in ET.fromstring(  # noqa: S314
            feed
        ).iter(f"{ATOM}entry")
    ]


def test_a_feed_reader_and_a_harvest_get_what_was_published_in_between(page, live_server, established_members):
    # The feed reader finds the forum's feed in the page's head.
    page.goto("/en/forum/")
    feed_link = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    href = urlsplit(feed_link.get_attribute("href"))
    feed_url = f"{live_server.url}{href.path}{'?' + href.query if href.query else ''}"
    assert TITLE not in entry_titles(fetch(feed_url))
    last_harvest = timezone.now()
    before = json.loads(
        fetch(f"{live_server.url}/api/v1/questions/?{urlencode({'updated_since': last_harvest.isoformat()})}")
    )
    assert before["results"] == []

    # A member asks.
    sign_in(page, MemberFactory().email)
    expect(page).to_have_url(re.compile(r"/en/$"), timeout=TIMEOUT_MS)
    page.goto("/en/forum/ask/")
    field(page, "Your question in one sentence").fill(TITLE)
    field(page, "Details").fill("We need accredited labs for AFFF stockpile sampling before disposal.")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE, timeout=TIMEOUT_MS)
    question_url = page.url

    # The feed reader's next request has it, linking to the question's page.
    feed = ET.fromstring(  # noqa: S314
        fetch(feed_url)
    )
    entry = next(each for each in feed.iter(f"{ATOM}entry") if each.findtext(f"{ATOM}title") == TITLE)
    # (on the site's public address, SITE_URL: the live server's port is the test's own)
    assert urlsplit(entry.find(f"{ATOM}link").get("href")).path == urlsplit(question_url).path
    # The partner's harvest by delta has it, with the same address.
    delta = json.loads(
        fetch(f"{live_server.url}/api/v1/questions/?{urlencode({'updated_since': last_harvest.isoformat()})}")
    )
    assert [record["title"] for record in delta["results"]] == [TITLE]
    assert delta["results"][0]["link"].endswith(question_url.removeprefix(live_server.url))
    assert delta["deleted"] == []

    # The secretariat deletes it: the next harvest says to drop it; the feed no longer has it.
    last_harvest = timezone.now()
    forum.moderate(
        with_totp(EditorFactory()), Question.objects.get(title=TITLE), action=ModerationAction.DELETE, reason="Spam"
    )
    delta = json.loads(
        fetch(f"{live_server.url}/api/v1/questions/?{urlencode({'updated_since': last_harvest.isoformat()})}")
    )
    assert delta["results"] == []
    assert [each["id"] for each in delta["deleted"]] == [str(Question.objects.get(title=TITLE).pk)]
    assert TITLE not in entry_titles(fetch(feed_url))


def test_the_open_data_page_and_the_api_documentation_in_the_browser(page, live_server):
    datasets.build()
    for language in ("en", "ar"):
        page.goto(f"/{language}/data/")
        check_accessibility(page)
        expect(page.locator(f'a[href="/{language}/data/decisions.csv"]')).to_be_visible()
    descriptor = json.loads(fetch(f"{live_server.url}/en/data/datapackage.json"))
    assert {resource["path"] for resource in descriptor["resources"]} >= {"decisions.csv", "questions.json"}

    # The documentation's scripts come from our static files: it renders offline.
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .opblock-tag", has_text="decisions").first).to_be_visible(timeout=TIMEOUT_MS)
    assert not [
        src
        for src in page.locator("script[src]").evaluate_all("els => els.map(e => e.src)")
        if not src.startswith(live_server.url)
    ]
