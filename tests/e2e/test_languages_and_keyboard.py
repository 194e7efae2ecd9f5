"""Arabic, right to left, and the site with a keyboard alone."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.accessibility import check_accessibility
from tests.profiles.factories import MemberFactory

pytestmark = pytest.mark.e2e

SCREENSHOTS = settings.BASE_DIR / "test-results"
# More than enough to reach any field of the login form from the top of the page.
MAX_TABS = 30


def focused(page) -> dict:
    return page.evaluate(
        "() => { const el = document.activeElement;"
        " return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name') || '',"
        " classes: [...el.classList], text: el.textContent.trim()}; }"
    )


def test_arabic_home_page_is_right_to_left_and_starts_with_a_skip_link(page):
    response = page.goto("/ar/")
    assert response.status == 200
    check_accessibility(page)
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    # Bootstrap's RTL build is the one applied, not only the attribute
    assert page.locator("link[rel=stylesheet][href*='bootstrap.rtl']").count() == 1
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).textAlign") in {"start", "right"}
    # The home page has no Arabic translation yet: its English content says
    # so, and runs left to right inside the Arabic page.
    content = page.locator(".hero")
    expect(content).to_have_attribute("lang", "en")
    expect(content).to_have_attribute("dir", "ltr")
    page.screenshot(path=SCREENSHOTS / "home-ar.png", full_page=True)

    # The first Tab lands on the skip link, which then shows itself ...
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    assert skip.bounding_box()["width"] > 1
    # ... and Enter takes the focus past the header to the main content
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"/ar/#main$"))
    check_accessibility(page)


def test_login_with_the_keyboard_alone_shows_the_error_tied_to_the_form(page):
    member = MemberFactory()
    page.goto("/en/accounts/login/")
    check_accessibility(page)

    # Tab from the top of the page to the email field; every stop on the way is visible
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page)["name"] == "login":
            break
        assert page.evaluate("document.activeElement.getBoundingClientRect().width > 0"), focused(page)
    else:
        pytest.fail(f"the email field was not reached in {MAX_TABS} presses of Tab")
    page.keyboard.type(member.email)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "password", focused(page)
    page.keyboard.type("not the right passphrase")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.keyboard.press("Enter")
    # The form comes back (400) on the same address, with the error announced
    assert answer.value.status == 400
    expect(page).to_have_url(re.compile(r"/en/accounts/login/$"))
    check_accessibility(page)
    error = page.get_by_role("alert")
    expect(error).to_contain_text("The email address and/or password you specified are not correct.")
    # ... and holds the focus, so the next key press starts from it
    expect(error).to_be_focused()
    # the alert is inside the form it is about
    expect(page.locator("form.account-form").get_by_role("alert")).to_have_count(1)
    expect(page.get_by_role("textbox", name="Email")).to_have_value(member.email)
