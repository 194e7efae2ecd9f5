"""The ratification status page (/parties/): the map, its legend, the table
behind it and its CSV, as a visitor sees them."""

import csv
import datetime
import io
import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conventions import maps
from conventions.importers import DATA_DIRECTORY
from conventions.models import Instrument, PartyStatus, RegionalGroup
from tests.conventions.factories import (
    CountryFactory,
    PartyStatusFactory,
    RegionalGroupFactory,
    RegionalGroupMembershipFactory,
)

pytestmark = pytest.mark.django_db

PAGE = "/en/parties/"
CSV = "/en/parties/parties.csv"
REFERENCE_FILES = ("un_regional_groups.csv", "parties_ecolex.csv", "regional_centres.csv")


@pytest.fixture
def reference_data():
    """The shipped UN groups, ECOLEX party statuses and centres (a few seconds)."""
    call_command(
        "import_reference_data",
        *(DATA_DIRECTORY / name for name in REFERENCE_FILES),
        stdout=StringIO(),
        stderr=StringIO(),
    )


def soup(client, url=PAGE, expect=200, **params) -> BeautifulSoup:
    response = client.get(url, params)
    assert response.status_code == expect
    return BeautifulSoup(response.content.decode(), "html.parser")


def map_link(page: BeautifulSoup, iso3: str):
    """The map's link to a country's profile (an <a> inside the svg)."""
    return page.select_one(f'svg.world-map a[href="/en/countries/{iso3}/"]')


def legend(page: BeautifulSoup) -> dict[str, int]:
    """The legend as a person reads it: label → count."""
    counts = {}
    for item in page.select(".map-legend li"):
        label, _, count = item.get_text(" ", strip=True).partition(":")
        if count:
            counts[label.strip()] = int(count)
    return counts


def table_rows(page: BeautifulSoup) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in page.select("table.parties-table tbody tr")
    ]


def table_names(page: BeautifulSoup) -> list[str]:
    return [row[0] for row in table_rows(page)]


def test_the_map_draws_kenya_as_a_party_with_its_details_on_hover_and_focus(client, reference_data):
    page = soup(client)

    svg = page.select_one("svg.world-map")
    assert svg["role"] == "group"
    title_id, description_id = svg["aria-labelledby"], svg["aria-describedby"]
    assert page.find(id=title_id).name == "title" and page.find(id=title_id).get_text()
    assert "table below gives the same information" in page.find(id=description_id).get_text()
    kenya = map_link(page, "KEN")
    assert kenya.title.get_text() == "Kenya: party since June 1, 2000"
    assert kenya.path["class"] == ["map-party"]
    assert kenya.path["d"] == maps.world_map().shapes["404"]
    assert kenya.path["d"].startswith("M") and kenya.path["d"].endswith("z")
    assert map_link(page, "USA").title.get_text() == "United States: signatory since March 22, 1990"
    assert map_link(page, "USA").path["class"] == ["map-signatory"]
    # The hatch that tells signatories apart without colour is defined.
    assert page.select_one("svg.world-map pattern#map-hatch")


NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


def path_rings(d: str) -> list[list[tuple[float, float]]]:
    """The absolute positions of each ring of path data made of "M x,y l dx,dy … z"."""
    rings = []
    for part in d.split("M")[1:]:
        start, steps = part.rstrip("z").split("l")
        x, y = map(float, NUMBER.findall(start))
        ring = [(x, y)]
        numbers = [float(number) for number in NUMBER.findall(steps)]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def test_no_outline_draws_a_line_across_the_world():
    """Russia and Fiji cross the antimeridian: each is cut into a part at each
    edge of the map rather than joined by a line across it."""
    half = maps.MAP_WIDTH / 2
    for code in ("643", "242"):
        rings = path_rings(maps.world_map().shapes[code])
        for ring in rings:
            assert all(-half - 0.1 <= x <= half + 0.1 for x, _y in ring)
            assert all(abs(x1 - x0) < half for (x0, _y0), (x1, _y1) in zip(ring, ring[1:], strict=False))
        # A part at each edge (the edges curve in towards the poles).
        assert min(x for ring in rings for x, _y in ring) < -300
        assert max(x for ring in rings for x, _y in ring) > 300
    kenya = path_rings(maps.world_map().shapes["404"])
    x, y = maps.project(0.0, 38.0)  # the middle of Kenya
    assert min(p[0] for p in kenya[0]) < x < max(p[0] for p in kenya[0])
    assert min(p[1] for p in kenya[0]) < y < max(p[1] for p in kenya[0])


def test_the_legend_counts_are_the_tables_counts_and_the_records(client, reference_data):
    page = soup(client)

    statuses = [row[2] for row in table_rows(page)]
    assert legend(page) == {
        "Party": statuses.count("Party"),
        "Signatory": statuses.count("Signatory"),
        "Not a party": statuses.count("Not a party"),
    }
    basel = PartyStatus.objects.filter(instrument__code="BC")
    assert legend(page)["Party"] == basel.parties().count() == 187
    assert legend(page)["Signatory"] == basel.signatories_only().count() == 2
    assert "197 countries in the table" in page.get_text(" ", strip=True)


def test_small_island_states_without_an_outline_are_points_and_rows(client, reference_data):
    assert "520" not in maps.world_map().shapes  # Nauru has no outline at 1:110m
    page = soup(client)

    nauru = map_link(page, "NRU")
    assert nauru.title.get_text() == "Nauru: party since Nov. 12, 2001"
    assert nauru.path["class"] == ["map-point", "map-party"]
    # A circle drawn around Nauru's place in the Pacific (0.5°S, 166.9°E).
    x, y = maps.project(-0.53, 166.92)
    start_x, start_y = map(float, re.match(r"M(-?[\d.]+),(-?[\d.]+)a", nauru.path["d"]).groups())
    assert abs(start_x + 3.5 - x) < 1 and abs(start_y - y) < 1
    assert "Nauru" in table_names(page)

    # Tuvalu, too small even for the 1:50m file, is a party to the Stockholm Convention only.
    stockholm = soup(client, instrument="SC")
    assert map_link(stockholm, "TUV").title.get_text() == "Tuvalu: party since Jan. 19, 2004"
    assert map_link(stockholm, "TUV").path["class"] == ["map-point", "map-party"]
    assert map_link(page, "TUV").path["class"] == ["map-point", "map-none"]
    # The European Union has no place on the map: the page says so.
    assert "In the table but not on the map: European Union." in page.get_text(" ", strip=True)


def test_each_convention_and_all_three_have_their_own_map_and_table(client, reference_data):
    rotterdam = soup(client, instrument="RC")
    assert rotterdam.h2.get_text() == "Map: Rotterdam Convention"
    assert rotterdam.select_one('a[aria-current="page"]').get_text() == "Rotterdam Convention"
    assert map_link(rotterdam, "KEN").title.get_text() == "Kenya: party since Feb. 3, 2005"
    assert ["Kenya", "African States", "Party", "Feb. 3, 2005"] in table_rows(rotterdam)

    ban = soup(client, instrument="ban")  # codes are read whatever their case
    assert ban.h2.get_text() == "Map: Basel Ban Amendment"
    assert ["Kenya", "African States", "Party", "Sept. 9, 2009"] in table_rows(ban)

    every = soup(client, instrument="all")
    assert every.h2.get_text() == "Map: All three conventions"
    headers = [cell.get_text(strip=True) for cell in every.select("table.parties-table thead th")]
    assert headers == [
        "Country▲",
        "UN regional group",
        "Conventions",
        "Basel",
        "Ban Amendment",
        "Rotterdam",
        "Stockholm",
    ]
    kenya = map_link(every, "KEN")
    assert kenya.path["class"] == ["map-3"]
    assert kenya.title.get_text() == "Kenya: party to 3 of the three conventions (Basel, Rotterdam, Stockholm)"
    assert map_link(every, "USA").path["class"] == ["map-0"]
    assert map_link(every, "TUV").path["class"] == ["map-point", "map-1"]
    kenya_row = next(row for row in table_rows(every) if row[0] == "Kenya")
    assert kenya_row == [
        "Kenya",
        "African States",
        "Party to all three",
        "Party June 1, 2000",
        "Party Sept. 9, 2009",
        "Party Feb. 3, 2005",
        "Party Sept. 24, 2004",
    ]
    counts = legend(every)
    assert sum(counts.values()) == len(table_rows(every)) == 197
    assert counts["Party to none"] == sum(row[2] == "Party to none" for row in table_rows(every))


def test_the_table_and_map_narrow_to_a_region_and_a_status(client, reference_data):
    africa = soup(client, region="AFRICAN")

    names = table_names(africa)
    assert "Kenya" in names and "France" not in names
    assert len(names) == RegionalGroup.objects.get(code="AFRICAN").countries.count() == 54
    assert map_link(africa, "KEN") and not map_link(africa, "FRA")  # France is plain land now
    assert sum(legend(africa).values()) == 54
    assert africa.select_one("#id_region option[selected]").get_text() == "African States"

    # Türkiye sits in two groups and is listed with the one it votes with.
    assert "Türkiye" not in table_names(soup(client, region="ASIA_PACIFIC"))
    assert "Türkiye" in table_names(soup(client, region="WEOG"))

    signatories = soup(client, status="signatory")
    assert table_names(signatories) == ["Haiti", "United States"]
    assert legend(signatories) == {"Party": 0, "Signatory": 2, "Not a party": 0}

    none_of_them = soup(client, instrument="all", status="0")
    assert "United States" in table_names(none_of_them)
    assert all(row[2] == "Party to none" for row in table_rows(none_of_them))

    nothing = soup(client, region="EEG", status="signatory")
    assert "No country matches these filters." in nothing.get_text()


def test_the_table_sorts_by_each_column_without_javascript(client, reference_data):
    by_name = soup(client)
    names = table_names(by_name)
    assert names.index("Costa Rica") < names.index("Côte d'Ivoire") < names.index("Croatia")
    name_header = by_name.select("table.parties-table thead th")[0]
    assert name_header["aria-sort"] == "ascending"
    assert name_header.a["href"] == "/en/parties/?sort=-name"
    date_header = by_name.select("table.parties-table thead th")[3]
    assert not date_header.has_attr("aria-sort") and date_header.a["href"] == "/en/parties/?sort=date"

    by_date = soup(client, sort="date")
    rows = table_rows(by_date)
    # Haiti signed in March 1989; Jordan was the first to consent, in June.
    assert [row[0] for row in rows[:2]] == ["Haiti", "Jordan"]
    assert by_date.select("table.parties-table thead th")[3]["aria-sort"] == "ascending"
    dates = [time["datetime"] for time in by_date.select("table.parties-table tbody time")]
    assert len(dates) == 189 and dates == sorted(dates)
    assert rows[-1][3] == ""  # no date last

    latest_first = table_rows(soup(client, sort="-date"))
    assert latest_first[0][0] == "Vanuatu" and latest_first[-1][3] == ""

    by_region = table_rows(soup(client, sort="region"))
    regions = [row[1] for row in by_region if row[1] != "—"]
    assert regions == sorted(regions)
    assert by_region[-1][1] == "—"  # the European Union and others without a group, last

    by_status = table_rows(soup(client, sort="status", region="GRULAC"))
    assert [row[2] for row in by_status].index("Signatory") > max(
        index for index, row in enumerate(by_status) if row[2] == "Party"
    )
    # Sorting keeps the filters, and the filter form keeps the sort.
    page = soup(client, sort="-name", region="WEOG")
    assert page.select("table.parties-table thead th")[0].a["href"] == "/en/parties/?region=WEOG"
    assert page.select_one('form input[name="sort"]')["value"] == "-name"


def test_unknown_choices_are_reported_and_the_defaults_shown(client, reference_data):
    page = soup(client, expect=400, instrument="XX", region="NOPE", sort="size")

    text = page.get_text(" ", strip=True)
    assert "There is no convention with the code “XX”." in text
    assert "There is no UN regional group with the code “NOPE”." in text
    assert "The table cannot be sorted by “size”." in text
    assert page.h2.get_text() == "Map: Basel Convention"
    assert len(table_rows(page)) == 197
    # The links and the download carry only what was understood.
    assert "XX" not in page.select_one("a[download]")["href"]

    wrong_status = soup(client, expect=400, instrument="all", status="party")
    assert "“party” is not a status under the All three conventions." in wrong_status.get_text(" ", strip=True)
    assert len(table_rows(wrong_status)) == 197

    no_single_date = soup(client, expect=400, instrument="all", sort="date")
    assert "Choose one convention to sort by date." in no_single_date.get_text(" ", strip=True)


def read_csv(response) -> list[dict]:
    # utf-8-sig: the file starts with a byte order mark, for spreadsheet programs.
    assert response.content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_has_the_table_with_the_same_filters(client, reference_data):
    response = client.get(CSV)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="parties-BC.csv"'
    rows = read_csv(response)
    assert len(rows) == 197
    assert list(rows[0]) == [
        "country",
        "iso3",
        "region",
        "BC status",
        "BC consent to be bound",
        "BC entry into force",
    ]
    kenya = next(row for row in rows if row["iso3"] == "KEN")
    assert kenya == {
        "country": "Kenya",
        "iso3": "KEN",
        "region": "African States",
        "BC status": "party",
        "BC consent to be bound": "2000-06-01",
        "BC entry into force": "2000-08-30",
    }

    african_parties = read_csv(client.get(CSV, {"region": "AFRICAN", "status": "party", "sort": "-date"}))
    assert {row["region"] for row in african_parties} == {"African States"}
    assert {row["BC status"] for row in african_parties} == {"party"}
    dates = [row["BC consent to be bound"] for row in african_parties]
    assert dates == sorted(dates, reverse=True)

    every = client.get(CSV, {"instrument": "all"})
    assert every["Content-Disposition"] == 'attachment; filename="parties-all.csv"'
    usa = next(row for row in read_csv(every) if row["iso3"] == "USA")
    assert usa["RC status"] == "signatory" and usa["SC consent to be bound"] == ""
    assert usa["BAN status"] == "none"

    # The page links to the download with the filters it shows.
    page = soup(client, region="AFRICAN", status="party", sort="-date")
    assert page.select_one("a[download]")["href"] == f"{CSV}?region=AFRICAN&status=party&sort=-date"


def test_a_csv_asked_with_wrong_filters_says_what_is_wrong(client, reference_data):
    response = client.get(CSV, {"instrument": "XX"})

    assert response.status_code == 400
    assert "There is no convention with the code “XX”." in response.content.decode()


def test_a_spreadsheet_would_not_run_a_name_as_a_formula(client):
    country = CountryFactory(iso2="ZZ", iso3="ZZZ", numeric="999", name="=HYPERLINK(1)")
    PartyStatusFactory(
        country=country, instrument=Instrument.objects.get(code="BC"), consent_on=datetime.date(2000, 1, 1)
    )

    rows = read_csv(client.get(CSV))

    assert rows[0]["country"] == "'=HYPERLINK(1)"


def make_countries(count: int, group: RegionalGroup, start: int = 0) -> None:
    """Countries of the group, each a party or a signatory of each instrument,
    with an outline on the map."""
    instruments = list(Instrument.objects.all())
    outlines = sorted(maps.world_map().shapes)
    for number in range(start, start + count):
        country = CountryFactory(
            iso2=f"{chr(65 + number // 26)}{chr(65 + number % 26)}",
            iso3=f"Q{number:02d}",
            numeric=outlines[number],
            name=f"Country {number}",
        )
        RegionalGroupMembershipFactory(group=group, country=country)
        for instrument in instruments:
            PartyStatusFactory(
                country=country,
                instrument=instrument,
                signature_on=datetime.date(2001, 1, 1),
                consent_on=datetime.date(2002, 1, 1) if number % 2 else None,
            )


@pytest.mark.parametrize("params", [{}, {"instrument": "all", "sort": "status"}, {"region": "TEST", "sort": "-date"}])
def test_the_number_of_queries_does_not_grow_with_the_number_of_countries(client, params):
    group = RegionalGroupFactory(code="TEST", name="Test States")
    make_countries(2, group)
    client.get(PAGE, params)  # what a first request caches is not the list's doing
    with CaptureQueriesContext(connection) as few:
        assert client.get(PAGE, params).status_code == 200
        assert client.get(CSV, params).status_code == 200

    make_countries(30, group, start=2)
    with CaptureQueriesContext(connection) as many:
        page = client.get(PAGE, params)
        assert client.get(CSV, params).status_code == 200

    assert len(table_rows(BeautifulSoup(page.content.decode(), "html.parser"))) == 32
    assert len(many) == len(few)


def test_the_page_stays_light_for_slow_connections(client, reference_data):
    response = client.get(PAGE)

    # Measured at about 137 KB, of which the map is about 92 KB.
    assert len(response.content) < 160_000
