"""The regional centres' map and list (/regional-centres/) and a centre's page,
as a visitor, a member and the secretariat see them."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.constants import GroupPrivacy
from community.models import Group
from conventions.importers import DATA_DIRECTORY
from conventions.models import Country, RegionalCentre
from profiles.constants import Role, VerificationStatus
from tests.conventions.factories import CountryFactory, RegionalCentreFactory
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory, VerificationFactory

pytestmark = pytest.mark.django_db

LIST = "/en/regional-centres/"
SENEGAL = "bcrc-scrc-senegal-french-speaking-african-countries"


@pytest.fixture
def reference_data():
    """The shipped UN groups, party statuses and the 18 centres (a few seconds)."""
    call_command(
        "import_reference_data",
        *(DATA_DIRECTORY / name for name in ("un_regional_groups.csv", "parties_ecolex.csv", "regional_centres.csv")),
        stdout=StringIO(),
        stderr=StringIO(),
    )


def soup(client, url=LIST, expect=200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == expect
    return BeautifulSoup(response.content.decode(), "html.parser")


def make_centre(number: int, codes=("BC",), **fields) -> RegionalCentre:
    country, _ = Country.objects.get_or_create(iso2="KE", defaults={"iso3": "KEN", "numeric": "404", "name": "Kenya"})
    values = {"city": "Nairobi", "latitude": -1.28, "longitude": 36.82, **fields}
    return RegionalCentreFactory(
        name=f"Centre {number:02d}", slug=f"centre-{number:02d}", host_country=country, conventions=codes, **values
    )


def staff_member(centre, *, public=True, name=None, status=VerificationStatus.APPROVED, active=True):
    member = MemberFactory(display_name=name, is_active=active, profile__is_public=public)
    VerificationFactory(
        user=member, role=Role.CENTRE_STAFF, status=status, regional_centre=centre, justification="Staff list."
    )
    return member


def test_the_map_has_a_point_per_centre_shaped_by_its_conventions(client, reference_data):
    page = soup(client)

    points = page.select('svg.world-map a[href^="/en/regional-centres/"]')
    assert len(points) == RegionalCentre.objects.count() == 18
    kinds = {}
    for point in points:
        css = point.path["class"]
        assert css[0] == "map-centre"
        kinds.setdefault(css[1], []).append(point.path["d"])
        assert point.title.get_text()
    assert {kind: len(paths) for kind, paths in kinds.items()} == {"map-basel": 8, "map-stockholm": 4, "map-both": 6}
    # Three shapes: circles (arcs), squares (h and v sides), triangles (one slanted side, one flat).
    assert all(" 0 1,0 " in d for d in kinds["map-basel"])
    assert all("h" in d and "v" in d for d in kinds["map-stockholm"])
    assert all("l" in d and "h" in d and "v" not in d and "a" not in d for d in kinds["map-both"])
    senegal = page.select_one(f'svg.world-map a[href="/en/regional-centres/{SENEGAL}/"]')
    assert senegal.title.get_text() == (
        "BCRC-SCRC Senegal (French-speaking African countries): Regional centre for both conventions, Dakar, Senegal"
    )

    legend = [item.get_text(" ", strip=True) for item in page.select(".map-legend li")]
    assert legend == [
        "Basel Convention regional centre: 8",
        "Stockholm Convention regional centre: 4",
        "Regional centre for both conventions: 6",
    ]
    swatches = [item.svg.path for item in page.select(".map-legend li")]
    assert [swatch["class"][1] for swatch in swatches] == ["map-basel", "map-stockholm", "map-both"]


def test_centres_in_one_place_are_drawn_apart(client):
    bratislava = make_centre(1, latitude=48.148, longitude=17.107)
    brno = make_centre(2, codes=("SC",), latitude=49.195, longitude=16.608)

    page = soup(client)

    def start(centre):
        d = page.select_one(f'svg.world-map a[href="/en/regional-centres/{centre.slug}/"] path')["d"]
        return tuple(float(value) for value in d[1:].split("a")[0].split("h")[0].split(","))

    (x1, y1), (x2, y2) = start(bratislava), start(brno)
    assert abs(x1 - x2) + abs(y1 - y2) > 8


def test_the_list_shows_where_each_centre_is_what_it_serves_and_its_website(client, reference_data):
    senegal = RegionalCentre.objects.get(slug=SENEGAL)
    senegal.website = "https://www.crcbs-afrique.org/"
    senegal.save()
    senegal.countries_served.set(Country.objects.filter(iso3__in=["MLI", "NER", "BEN"]))

    page = soup(client)

    assert page.find("h2", id="list-heading").get_text() == "18 regional centres"
    assert page.select_one("table caption")
    row = next(row for row in page.select("table tbody tr") if row.th.get_text(strip=True).startswith("BCRC-SCRC Sen"))
    cells = row.find_all("td")
    assert row.th.a["href"] == f"/en/regional-centres/{SENEGAL}/"
    assert cells[0].get_text(strip=True) == "Dakar"
    assert cells[1].a["href"] == "/en/countries/SEN/" and cells[1].get_text(strip=True) == "Senegal"
    assert cells[2].get_text(strip=True) == "Basel Convention, Stockholm Convention"
    assert cells[3].summary.get_text(strip=True) == "3 countries"
    assert [link.get_text() for link in cells[3].select("li a")] == ["Benin", "Mali", "Niger"]
    assert cells[4].a["href"] == "https://www.crcbs-afrique.org/"
    assert [th["scope"] for th in page.select("table thead th")] == ["col"] * 6


def test_a_centre_without_coordinates_is_listed_and_said_to_be_off_the_map(client):
    make_centre(1, latitude=None, longitude=None)
    make_centre(2)

    page = soup(client)

    assert len(page.select("svg.world-map a")) == 1
    assert "In the list but not on the map (no coordinates yet): Centre 01." in page.get_text(" ", strip=True)
    assert len(page.select("table tbody tr")) == 2


def test_a_centre_page_lists_its_staff_and_links_to_its_group(client, reference_data, member):
    senegal = RegionalCentre.objects.get(slug=SENEGAL)
    senegal.countries_served.set(Country.objects.filter(iso3__in=["MLI", "NER"]))
    staff_member(senegal, name="Awa Ndiaye")
    staff_member(senegal, name="Private Person", public=False)
    staff_member(senegal, name="Former Staff", active=False)
    staff_member(senegal, name="Not Yet Verified", status=VerificationStatus.PENDING)
    staff_member(RegionalCentre.objects.exclude(pk=senegal.pk).first(), name="Elsewhere")

    page = soup(client, f"{LIST}{SENEGAL}/")
    text = page.get_text(" ", strip=True)

    assert page.h1.get_text() == "BCRC-SCRC Senegal (French-speaking African countries)"
    staff = page.find("section", attrs={"aria-labelledby": "staff-heading"})
    names = [name.get_text(" ", strip=True) for name in staff.select(".member-name")]
    assert len(names) == 1 and names[0].startswith("Awa Ndiaye")
    assert "Regional-centre staff" in names[0]  # the badge
    assert staff.select_one(".member-name a")["href"].startswith("/en/people/")
    assert "And 1 other staff member whose profile is not public." in text
    for hidden in ("Private Person", "Former Staff", "Not Yet Verified", "Elsewhere"):
        assert hidden not in text
    group = Group.objects.get(regional_centre=senegal)
    assert page.select_one(f'a[href="/en/groups/{group.slug}/"]').get_text() == group.name
    served = [link["href"] for link in page.find("section", attrs={"aria-labelledby": "served-heading"}).select("a")]
    assert served == ["/en/countries/MLI/", "/en/countries/NER/"]
    assert page.select_one('a[href="/en/countries/SEN/"]').get_text() == "Senegal"

    # The secretariat sees every staff member by name.
    client.force_login(with_totp(EditorFactory()))
    staff = soup(client, f"{LIST}{SENEGAL}/").find("section", attrs={"aria-labelledby": "staff-heading"})
    assert {name.get_text(" ", strip=True).split(" Regional")[0] for name in staff.select(".member-name")} == {
        "Awa Ndiaye",
        "Private Person",
    }


def test_a_centre_without_staff_says_so(client):
    centre = make_centre(1)

    text = soup(client, f"{LIST}{centre.slug}/").get_text(" ", strip=True)

    assert "No member is verified as staff of this centre yet." in text
    assert "The countries this centre serves are not recorded yet." in text


def test_a_private_group_is_not_linked_for_those_outside_it(client):
    centre = make_centre(1)
    group = Group.objects.get(regional_centre=centre)
    group.privacy = GroupPrivacy.PRIVATE
    group.save()

    page = soup(client, f"{LIST}{centre.slug}/")

    assert not page.select_one(f'a[href="/en/groups/{group.slug}/"]')
    assert "The centre has no open group." in page.get_text(" ", strip=True)


def test_an_unknown_centre_is_not_found(client):
    soup(client, f"{LIST}no-such-centre/", expect=404)


def test_the_number_of_queries_does_not_grow_with_centres_or_staff(client):
    first = make_centre(1, codes=("BC", "SC"))
    make_centre(2, codes=("SC",))
    first.countries_served.set(Country.objects.all())
    staff_member(first)
    client.get(LIST)  # what a first request caches is not the list's doing
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
        assert client.get(f"{LIST}{first.slug}/").status_code == 200

    for number in range(3, 12):
        centre = make_centre(number, codes=("BC",))
        served = CountryFactory(iso2=f"{chr(64 + number)}Q", iso3=f"Q{number:02d}", name=f"Country {number}")
        centre.countries_served.set([served])
    for _ in range(4):
        staff_member(first)
        staff_member(first, public=False)
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST)
        detail = client.get(f"{LIST}{first.slug}/")

    assert len(BeautifulSoup(page.content.decode(), "html.parser").select("table tbody tr")) == 11
    assert len(BeautifulSoup(detail.content.decode(), "html.parser").select(".member-name")) == 5
    assert len(many) == len(few)
