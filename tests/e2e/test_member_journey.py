"""A new member, from signing up to a public profile and signing out, in Chromium."""

import re

import pytest
from django.conf import settings
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.accessibility import check_accessibility
from tests.e2e.forms import field
from tests.profiles.factories import PASSWORD

pytestmark = pytest.mark.e2e

SCREENSHOTS = settings.BASE_DIR / "test-results"
EMAIL = "amina@example.org"
NAME = "Amina Diallo"


def account_menu(page):
    """The account menu is a <details> in the header, named after the member."""
    return page.get_by_role("banner").locator("details.account-menu", has_text=NAME)


def open_account_menu(page):
    """It opens with or without JavaScript."""
    menu = account_menu(page)
    menu.locator("summary").click()
    expect(menu).to_have_attribute("open", "")
    expect(menu.locator(".site-menu-list")).to_be_visible()
    return menu


def test_sign_up_confirm_sign_in_edit_profile_and_sign_out(page, tmp_path):
    page.goto("/en/")
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("BRS Clearing-House Hub")
    page.screenshot(path=SCREENSHOTS / "home-en.png", full_page=True)

    # Sign up
    page.goto("/en/accounts/signup/")
    check_accessibility(page)
    field(page, "Email").fill(EMAIL)
    field(page, "Your name").fill(NAME)
    field(page, "Password").fill(PASSWORD)
    field(page, "Password (again)").fill(PASSWORD)
    page.get_by_label("I accept the terms of use").check()
    page.get_by_role("button", name="Sign Up").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/confirm-email/$"))
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    # The link in the email, then the confirm button
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    link = re.search(r"https?://[^/\s]+(/en/accounts/confirm-email/[^/\s]+/)", mail.outbox[0].body).group(1)
    page.goto(link)
    check_accessibility(page)
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/login/"))
    check_accessibility(page)
    expect(page.get_by_role("status")).to_contain_text(f"You have confirmed {EMAIL}.")

    # Sign in: the header greets the member by name
    field(page, "Email").fill(EMAIL)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    # A first sign-in leads to the first steps; both can be skipped.
    expect(page).to_have_url(re.compile(r"/en/account/welcome/$"))
    check_accessibility(page)
    page.get_by_role("link", name="Skip this step").click()
    expect(page).to_have_url(re.compile(r"/en/account/welcome/follow/$"))
    page.get_by_role("button", name="Skip for now").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("status")).to_contain_text("your profile stays private")
    check_accessibility(page)
    expect(account_menu(page)).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_have_count(0)

    # Edit the profile, reached through the account menu
    open_account_menu(page).get_by_role("link", name="Edit profile").click()
    expect(page).to_have_url(re.compile(r"/en/account/profile/$"))
    check_accessibility(page)
    avatar = tmp_path / "avatar.png"
    Image.new("RGB", (64, 64), (11, 83, 148)).save(avatar)
    field(page, "Job title").fill("Chemicals officer")
    field(page, "Organisation").fill("Ministry of Environment")
    field(page, "Public profile").check()
    field(page, "Photo").set_input_files(avatar)
    page.get_by_role("button", name="Save profile").click()
    expect(page).to_have_url(re.compile(r"/en/account/profile/$"))
    check_accessibility(page)
    expect(page.get_by_role("status")).to_contain_text("Your profile was saved.")

    # The public page, through the link on the edit page
    page.get_by_role("main").get_by_role("link", name="/en/people/amina-diallo/").click()
    expect(page).to_have_url(re.compile(r"/en/people/amina-diallo/$"))
    check_accessibility(page)
    profile = page.get_by_role("article")
    expect(profile.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(profile).to_contain_text("Chemicals officer, Ministry of Environment")
    photo = profile.locator("img.avatar")
    expect(photo).to_be_visible()
    # the resized upload really is an image the browser can draw
    assert photo.evaluate("image => image.complete && image.naturalWidth > 0")
    assert EMAIL not in page.content()
    page.screenshot(path=SCREENSHOTS / "profile-en.png", full_page=True)

    # Sign out through the account menu
    open_account_menu(page).get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    check_accessibility(page)
    expect(account_menu(page)).to_have_count(0)

    # A visitor sees the public profile too, still without the email address
    page.goto("/en/people/amina-diallo/")
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    assert EMAIL not in page.content()
