"""A secretariat editor's first sign-in: authenticator set-up, then the Wagtail admin."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import check_accessibility
from tests.e2e.forms import field
from tests.mfa import fresh_code
from tests.profiles.factories import PASSWORD, EditorFactory

pytestmark = pytest.mark.e2e


def test_editor_sets_up_an_authenticator_and_reaches_the_wagtail_admin(page):
    editor = EditorFactory()

    page.goto("/en/accounts/login/")
    check_accessibility(page)
    field(page, "Email").fill(editor.email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    # Before anything else, allauth asks for the password once more ...
    expect(page).to_have_url(re.compile(r"/en/accounts/reauthenticate/"))
    check_accessibility(page)
    expect(page.get_by_role("main")).to_contain_text("Enter your password:")
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    # ... then shows the secret to put in an authenticator app
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/totp/activate/"))
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    field(page, "Authenticator code").fill(fresh_code(secret))
    page.get_by_role("button", name="Activate").click()

    # Recovery codes are offered once the authenticator works
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/"))
    check_accessibility(page)
    expect(page.get_by_role("status")).to_contain_text("Authenticator app activated.")

    # The admin opens now. Wagtail's admin markup is Wagtail's: axe runs
    # there too, but its findings are written to test-results/ for a person
    # to read (and report upstream), not failed on; see accessibility.py.
    page.goto("/admin/")
    check_accessibility(page)
    expect(
        page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Role verifications")
    ).to_be_visible()
