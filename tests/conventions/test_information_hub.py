"""The information packages hub: a link to every package, the country picker and a few counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conventions.constants import FocalPointKind, MeetingStatus, ProfileKind
from conventions.models import (
    Instrument,
)
from tests.conventions.factories import (
    ChemicalProfileFactory,
    CountryFactory,
    DecisionFactory,
    FocalPointFactory,
    MeetingFactory,
    PartyStatusFactory,
    RegionalCentreFactory,
)
from tests.knowledge.factories import AwarenessMaterialFactory, BestPracticeFactory, LegalInformationFactory

pytestmark = pytest.mark.django_db

HUB = "/en/information/"


@pytest.fixture
def kenya():
    return CountryFactory(iso2="KE", iso3="KEN", numeric="404", name="Kenya")


@pytest.fixture
def ghana():
    return CountryFactory(iso2="GH", iso3="GHA", numeric="288", name="Ghana")


def page(client, url=HUB, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_every_package_is_linked(client):
    html = page(client)

    assert "<h1" in html and "Information packages" in html
    for href, text in (
        ("/en/parties/", "Parties"),
        ("/en/regional-centres/", "Regional centres"),
        ("/en/focal-points/", "Focal points"),
        ("/en/calendar/", "Joint calendar"),
        ("/en/decisions/", "COP decisions"),
        ("/en/chemicals/", "Chemical and waste profiles"),
        ("/en/knowledge/awareness-materials/", "Awareness materials"),
        ("/en/knowledge/legal-information/", "Legal information"),
    ):
        assert f'<a href="{href}">{text}</a>' in html, href
    assert "Country profiles</h2>" in html


def test_the_links_follow_the_language(client):
    html = page(client, "/fr/information/")

    assert 'href="/fr/focal-points/"' in html
    assert 'href="/fr/knowledge/legal-information/"' in html
    assert 'action="/fr/information/"' in html


def test_the_country_picker_lists_countries_and_opens_the_profile(client, kenya, ghana):
    html = page(client)

    assert '<form method="get" action="/en/information/"' in html
    assert '<label class="form-label" for="id_country">Country</label>' in html
    assert '<option value="KEN">Kenya</option>' in html and '<option value="GHA">Ghana</option>' in html
    assert html.index('value="GHA"') < html.index('value="KEN"')  # by name
    for code in ("KEN", "ken", " Ken "):
        response = client.get(HUB, {"country": code})
        assert response.status_code == 302
        assert response["Location"] == "/en/countries/KEN/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("XYZ", "There is no country with the code “XYZ”."),
        ("<b>KE</b>", "There is no country with the code “&lt;B&gt;KE&lt;/B&gt;”."),
        ("", "Choose a country to see its profile."),
    ],
)
def test_the_country_picker_explains_a_wrong_choice(client, kenya, code, message):
    html = page(client, f"{HUB}?country={code}", status=400)

    assert message in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_country_errors"' in html
    assert '<a href="/en/focal-points/">Focal points</a>' in html  # the rest of the page is still there


def test_a_few_counts_from_each_package(client, kenya, ghana):
    basel, rotterdam = Instrument.objects.get(code="BC"), Instrument.objects.get(code="RC")
    PartyStatusFactory(country=kenya, instrument=basel, consent_on=datetime.date(2000, 6, 1))
    PartyStatusFactory(country=ghana, instrument=basel, consent_on=datetime.date(2003, 5, 30))
    PartyStatusFactory(country=ghana, instrument=rotterdam, signature_on=datetime.date(1998, 9, 11))
    RegionalCentreFactory(name="BCRC Kenya", host_country=kenya)
    FocalPointFactory(country=kenya, kind=FocalPointKind.BC_FOCAL_POINT, organisation="NEMA")
    today = timezone.localdate()
    for slug, start, status in (
        ("cop-next", today + datetime.timedelta(days=30), MeetingStatus.SCHEDULED),
        ("oewg-now", today, MeetingStatus.SCHEDULED),
        ("cancelled", today + datetime.timedelta(days=60), MeetingStatus.CANCELLED),
        ("cop-past", today - datetime.timedelta(days=400), MeetingStatus.SCHEDULED),
    ):
        MeetingFactory(slug=slug, title=slug, kind="cop", start_date=start, status=status)
    DecisionFactory(code="BC-14/12", title="Plastic waste")
    ChemicalProfileFactory(name="PCB", kind=ProfileKind.CHEMICAL)
    ChemicalProfileFactory(name="DDT", kind=ProfileKind.CHEMICAL)
    ChemicalProfileFactory(name="E-waste", kind=ProfileKind.WASTE)
    AwarenessMaterialFactory(title="Poster one", material_format="poster")
    AwarenessMaterialFactory(title="Poster two", material_format="poster")
    AwarenessMaterialFactory(title="Draft poster", live=False, material_format="poster")
    LegalInformationFactory(title="Model law", instrument_type="model_law")
    BestPracticeFactory()

    html = page(client)

    for count in (
        "Basel Convention: 2 parties",
        "Rotterdam Convention: 0 parties",
        "Stockholm Convention: 0 parties",
        "1 centre",
        "1 focal point",
        "3 upcoming meetings",  # as the calendar lists them: the cancelled one too, marked there
        "1 decision",
        "2 chemicals",
        "1 waste stream",
        "2 items",  # awareness materials, not the draft
        "1 item",  # legal information
    ):
        assert count in html, count
    assert html.index("Basel Convention:") < html.index("Basel Ban Amendment:") < html.index("Rotterdam Convention:")


def test_queries_do_not_grow_with_the_data(client, django_assert_max_num_queries):
    basel = Instrument.objects.get(code="BC")

    def grow(start, count):
        for number in range(start, start + count):
            country = CountryFactory(iso2=f"{number:02d}", iso3=f"C{number:02d}", name=f"Country {number}")
            PartyStatusFactory(country=country, instrument=basel, consent_on=datetime.date(2000, 1, 1))
            RegionalCentreFactory(name=f"Centre {number}", host_country=country)

    grow(0, 3)
    with CaptureQueriesContext(connection) as few:
        page(client)
    grow(3, 40)
    with django_assert_max_num_queries(len(few)):
        html = page(client)
    assert "Basel Convention: 43 parties" in html and "Country 42</option>" in html
