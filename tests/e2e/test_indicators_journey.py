"""The indicators end to end: a visitor answers "Was this page useful?" on a
knowledge item in Chromium; after the refresh task the public dashboard
shows it, in English and in Arabic, with no axe violation."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from packages.tasks import refresh_indicators
from tests.e2e.accessibility import check_accessibility
from tests.e2e.timeouts import TIMEOUT_MS
from tests.knowledge.factories import BestPracticeFactory

pytestmark = pytest.mark.e2e


def satisfaction(page):
    return page.locator("#satisfaction")


def test_a_useful_answer_reaches_the_dashboard_after_the_refresh(page):
    item = BestPracticeFactory(title="Take-back scheme for obsolete pesticides", first_published_at=timezone.now())
    page.goto(item.url)
    # A visitor's Yes opens the form on a page of its own, the answer chosen, with room for a comment.
    page.locator("#page-feedback").get_by_role("button", name="Yes").click()
    feedback = page.locator("#page-feedback")
    expect(feedback.get_by_label("Yes")).to_be_checked()
    check_accessibility(page)
    feedback.get_by_label("What could be better? (optional)").fill("Add the scheme's budget.")
    feedback.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thank you: your answer helps the secretariat improve the hub.")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(page).to_have_url(re.compile(re.escape(item.url) + "#page-feedback$"))

    # Before the refresh the dashboard has no figures yet; after it, the answer is counted.
    page.goto("/en/indicators/")
    expect(page.get_by_text("The figures have not been computed yet")).to_be_visible()
    refresh_indicators()
    page.reload()
    headlines = satisfaction(page).locator(".indicator-headlines li")
    expect(headlines.nth(0)).to_have_text(re.compile(r"100\.0\s%\s+of answers found the page useful"))
    expect(headlines.nth(1)).to_have_text(re.compile(r"^\s*1\s+answers to “Was this page useful\?”"))
    total = satisfaction(page).get_by_role("table", name="“Was this page useful?” by month").locator("tbody tr").last
    expect(total).to_have_text(re.compile(r"Total\s*1\s*0\s*100\.0 %"))
    # The knowledge item counts among the items exchanged, with its chart and table.
    exchanged = page.locator("#exchanged")
    expect(exchanged.locator(".indicator-headlines li").first).to_have_text(re.compile(r"1\s+knowledge items"))
    expect(exchanged.locator("svg.indicator-chart title")).to_have_count(1)
    assert check_accessibility(page) == []

    # A filter in the URL, chosen without JavaScript: the form is a plain GET.
    page.get_by_label("Convention").select_option("BC")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"convention=BC"))
    expect(page.locator("#exchanged .indicator-headlines li").first).to_have_text(re.compile(r"0\s+knowledge items"))

    # The same in Arabic: right to left, and as accessible.
    page.goto("/ar/indicators/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(satisfaction(page).locator(".indicator-headlines li").nth(1)).to_contain_text("1")
    assert check_accessibility(page) == []
