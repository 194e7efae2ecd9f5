"""The information packages in Chromium, in English and Arabic: every page
passes axe-core, and the map's countries are links a keyboard reaches."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conventions.models import ChemicalProfile, Decision, Meeting, RegionalCentre
from demo.packages_seed import seed_packages
from tests.e2e.accessibility import check_accessibility

pytestmark = pytest.mark.e2e


def test_every_information_page_passes_axe_in_english_and_arabic(page):
    call_command("import_reference_data", verbosity=0)
    seed_packages()
    meeting = Meeting.objects.filter(status="cancelled").first() or Meeting.objects.first()
    decision = Decision.objects.get(code="BC-14/12")
    chemical = ChemicalProfile.objects.get(slug="ddt")
    centre = RegionalCentre.objects.first()
    paths = [
        "/information/",
        "/parties/",
        "/parties/?instrument=all",
        "/regional-centres/",
        f"/regional-centres/{centre.slug}/",
        "/focal-points/",
        "/countries/KEN/",
        "/calendar/",
        "/calendar/?view=month",
        f"/calendar/{meeting.slug}/",
        "/decisions/",
        f"/decisions/{decision.path_code}/",
        "/chemicals/",
        f"/chemicals/{chemical.slug}/",
    ]
    for language in ("en", "ar"):
        for path in paths:
            response = page.goto(f"/{language}{path}")
            assert response.status == 200, path
            check_accessibility(page)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # The map: each country is a link with its name and status, reached by keyboard.
    page.goto("/en/parties/")
    kenya = page.locator("svg a", has=page.locator("title", has_text="Kenya")).first
    kenya.focus()
    expect(kenya).to_be_focused()
    expect(kenya.locator("title")).to_contain_text("Kenya")
