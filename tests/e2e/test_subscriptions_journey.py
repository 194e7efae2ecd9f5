"""Following, in Chromium: a member follows a topic, another asks a question
on it, the first sees it in the inbox and in the next digest, then stops
email with the link in that digest. axe-core on each page."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from conventions.models import ThematicArea
from subscriptions.digests import start_digest_run
from subscriptions.models import Preferences
from tests.e2e.accessibility import check_accessibility
from tests.e2e.forms import field
from tests.e2e.people import another_person, sign_in
from tests.e2e.timeouts import TIMEOUT_MS
from tests.profiles.factories import MemberFactory
from tests.subscriptions.factories import PreferencesFactory

pytestmark = pytest.mark.e2e

TITLE = "How do you keep a PCB inventory current after the first survey?"


def test_follow_a_topic_see_it_in_the_inbox_and_the_digest_and_unsubscribe(
    page, browser, live_server, established_members
):
    follower, asker = MemberFactory(), MemberFactory()
    now = timezone.now()
    # A daily digest due this hour (the member's time zone is UTC).
    PreferencesFactory(user=follower, digest_frequency="daily", digest_hour=now.hour)

    # 1. The member follows the PCBs topic
    sign_in(page, follower.email)
    expect(page).to_have_url(re.compile(r"/en/$"), timeout=TIMEOUT_MS)
    page.goto("/en/topics/pcbs/")
    check_accessibility(page)
    follow = page.get_by_role("main").get_by_role("button", name=re.compile("Follow"))
    expect(follow).to_have_attribute("aria-pressed", "false")
    follow.click()
    expect(page.get_by_role("main").get_by_role("button", name=re.compile("Follow"))).to_have_attribute(
        "aria-pressed", "true", timeout=TIMEOUT_MS
    )
    page.wait_for_timeout(300)  # the button's colour transition, before axe measures contrast
    check_accessibility(page)

    # 2. Another member asks a question on it
    with another_person(browser, live_server) as tab:
        sign_in(tab, asker.email)
        expect(tab).to_have_url(re.compile(r"/en/$"), timeout=TIMEOUT_MS)
        tab.goto("/en/forum/ask/")
        field(tab, "Your question in one sentence").fill(TITLE)
        field(tab, "Details").fill("We surveyed all transformers in 2019. How do others keep the register current?")
        tab.get_by_role("checkbox", name="PCBs").check()
        tab.get_by_role("button", name="Post your question").click()
        expect(tab.get_by_role("heading", level=1)).to_have_text(TITLE, timeout=TIMEOUT_MS)

    # 3. The follower sees it in the inbox, from the header
    page.goto("/en/")
    page.get_by_role("banner").get_by_role("link", name=re.compile(r"^Notifications\s*, 1 unread$")).click()
    expect(page).to_have_url(re.compile(r"/en/notifications/$"), timeout=TIMEOUT_MS)
    check_accessibility(page)
    expect(page.get_by_role("main")).to_contain_text(f"New question: {TITLE}")

    # 4. ... and in the next digest, which carries a one-click unsubscribe link
    assert ThematicArea.objects.originals().filter(slug="pcbs").exists()
    start_digest_run(now.isoformat())
    (digest,) = [message for message in mail.outbox if message.to == [follower.email] and "igest" in message.subject]
    html = digest.alternatives[0][0]
    assert TITLE in digest.body and TITLE in html
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.search(r'href="https?://[^/"]+(/unsubscribe/[^"]+/)"', html).group(1)

    # 5. The link works without signing in
    with another_person(browser, live_server) as mailbox:
        mailbox.goto(link)
        check_accessibility(mailbox)
        mailbox.get_by_role("button", name="Stop all email").click()
        expect(mailbox.get_by_role("heading", level=1)).to_have_text("You are unsubscribed", timeout=TIMEOUT_MS)
        check_accessibility(mailbox)
    assert Preferences.objects.get(user=follower).email_status == "unsubscribed"
