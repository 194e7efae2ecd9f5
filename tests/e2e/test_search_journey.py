"""Search in Chromium: the header box suggests titles as one types, a
suggestion is chosen with the keyboard, and the results are refined with two
facets; every page passes axe-core, in English and Arabic."""

import re

import pytest
from playwright.sync_api import expect

from conventions.models import Country, RegionalGroup, RegionalGroupMembership
from search import services
from tests.e2e.accessibility import check_accessibility
from tests.knowledge.factories import BestPracticeFactory, ProjectSummaryFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def corpus(transactional_db):
    africa = RegionalGroup.objects.create(code="AFRICAN", name="African States")
    kenya = Country.objects.create(iso2="KE", iso3="KEN", numeric="404", name="Kenya")
    fiji = Country.objects.create(iso2="FJ", iso3="FJI", numeric="242", name="Fiji")
    RegionalGroupMembership.objects.create(group=africa, country=kenya)
    BestPracticeFactory(
        title="Mercury thermometer take-back in hospitals",
        summary="Hospitals returned mercury thermometers.",
        countries=[kenya],
        conventions=["BC"],
    )
    ProjectSummaryFactory(
        title="Mercury lamp collection project",
        summary="A project collecting mercury lamps.",
        countries=[kenya],
        conventions=["SC"],
    )
    BestPracticeFactory(
        title="Mercury-free dental fillings", summary="Dentists moved away from mercury.", countries=[fiji]
    )
    services.rebuild()


def test_type_pick_a_suggestion_by_keyboard_then_refine_with_two_facets(page, corpus):
    page.goto("/en/")
    box = page.get_by_role("combobox", name="Search the clearing-house")
    box.click()
    page.keyboard.type("mercury therm", delay=40)
    suggestions = page.get_by_role("listbox", name="Suggestions")
    expect(suggestions).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(suggestions.get_by_role("option")).to_have_count(1)
    check_accessibility(page)

    page.keyboard.press("ArrowDown")
    option = suggestions.get_by_role("option").first
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    page.keyboard.press("Escape")
    expect(suggestions).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    # Typing more brings the list back; Down then Enter opens the suggestion.
    page.keyboard.type("o", delay=40)
    expect(suggestions).to_be_visible()
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mercury thermometer take-back in hospitals")

    # Enter without choosing searches for what was typed.
    box = page.get_by_role("combobox", name="Search the clearing-house")
    box.fill("mercury")
    with page.expect_navigation():
        box.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=mercury$"))
    expect(page.locator("#search-count")).to_have_text("3 results")
    check_accessibility(page)

    page.get_by_role("navigation", name="Refine").get_by_role("link", name="Kenya").click()
    expect(page.locator("#search-count")).to_have_text("2 results")
    page.get_by_role("navigation", name="Refine").get_by_role("link", name="Stockholm").click()
    expect(page.locator("#search-count")).to_have_text("1 result")
    expect(page.locator("li.search-result h2 a")).to_have_text(["Mercury lamp collection project"])
    assert "country=KEN" in page.url and "convention=SC" in page.url
    check_accessibility(page)

    # Each filter can be removed on its own.
    page.get_by_role("link", name="Remove filter: Country: Kenya").click()
    expect(page.locator("#search-count")).to_have_text("1 result")
    assert "country=KEN" not in page.url and "convention=SC" in page.url


def test_search_results_in_arabic_are_right_to_left_and_accessible(page, corpus):
    page.goto("/ar/search/?q=mercury&lang=all")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("li.search-result")).to_have_count(3)
    check_accessibility(page)
    page.goto("/ar/search/?q=zzyzx")
    check_accessibility(page)
