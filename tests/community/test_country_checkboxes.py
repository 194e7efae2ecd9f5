"""Choosing several countries: a list of checkboxes a person can narrow by
typing, not a 200-line multiple select that needs Ctrl-click (#12, item 14)."""

import re

import pytest

from community.models import Question
from conventions.models import ThematicArea
from tests.conventions.factories import CountryFactory

ASK = "/en/forum/ask/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def countries():
    return [
        CountryFactory(iso2="SN", iso3="SEN", numeric="686", name="Senegal"),
        CountryFactory(iso2="KE", iso3="KEN", numeric="404", name="Kenya"),
        CountryFactory(iso2="CI", iso3="CIV", numeric="384", name="Côte d'Ivoire"),
    ]


def test_the_ask_form_offers_countries_as_checkboxes_with_a_filter(client, member, countries):
    client.force_login(member)
    html = client.get(ASK).content.decode()

    assert not re.search(r'<select[^>]*name="countries"', html)
    boxes = re.findall(r'<input[^>]*type="checkbox" name="countries" value="(\d+)"', html)
    assert {int(pk) for pk in boxes} == {country.pk for country in countries}
    # The filter is in the page for JavaScript to show; without it the list is whole.
    assert "data-filterable-choices" in html
    assert re.search(r'<div class="filterable-choices-search mb-1" hidden>', html)
    assert "Type a name to narrow the list" in html
    assert "Hold Ctrl" not in html
    # In the reader's alphabet: Côte d'Ivoire before Kenya before Senegal.
    order = [html.index(f">{name}</label>") for name in ("Côte d&#x27;Ivoire", "Kenya", "Senegal")]
    assert order == sorted(order)


def test_several_countries_are_kept_and_bad_input_is_refused_beside_the_field(client, member, countries):
    senegal, kenya, _ivory = countries
    client.force_login(member)
    data = {
        "title": "Who runs a drop-off scheme for e-waste?",
        "body": "Looking for examples of municipal drop-off points.",
        "thematic_areas": [ThematicArea.objects.get(slug="pcbs").pk],
        "countries": [senegal.pk, kenya.pk, 999999],
    }
    response = client.post(ASK, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice. 999999 is not one of the available choices." in html
    assert not Question.objects.exists()
    # What was typed and ticked is kept, and listed as chosen.
    assert "Who runs a drop-off scheme for e-waste?" in html
    assert re.search(rf'name="countries" value="{senegal.pk}"[^>]*checked', html)
    assert re.search(rf'name="countries" value="{kenya.pk}"[^>]*checked', html)
    assert "Chosen: Kenya; Senegal" in html or "Chosen: Senegal; Kenya" in html

    data["countries"] = [senegal.pk, kenya.pk]
    assert client.post(ASK, data).status_code == 302
    assert set(Question.objects.get().countries.values_list("iso3", flat=True)) == {"SEN", "KEN"}
