import csv
from collections import Counter

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conventions.importers import DATA_DIRECTORY
from conventions.models import Country, Instrument, RegionalCentre
from tests.conventions.reference_files import PARTIES_HEADER
from tests.mfa import with_totp

pytestmark = pytest.mark.django_db

SHIPPED_CENTRES = DATA_DIRECTORY / "regional_centres.csv"
CENTRES_HEADER = "centre,conventions,country_iso2,city,city_confirmed_by_source,lat,lon,geonameid,source_url"
SENEGAL = "BCRC-SCRC Senegal,BC;SC,SN,Dakar,yes,14.6937,-17.44406,2253354,http://www.crcbsaf.org/en/bscrc/h"


def stored_rows() -> dict[str, int]:
    return {"countries": Country.objects.count(), "centres": RegionalCentre.objects.count()}


NOTHING_STORED = {"countries": 0, "centres": 0}


def conventions_of(centre: RegionalCentre) -> set[str]:
    return set(centre.conventions.values_list("code", flat=True))


def test_the_shipped_file_imports_every_centre_with_its_conventions_and_host(run_import):
    output = run_import(SHIPPED_CENTRES)

    with SHIPPED_CENTRES.open(encoding="utf-8") as centres_file:
        rows = list(csv.DictReader(centres_file))
    assert len(rows) == 18
    assert RegionalCentre.objects.count() == 18
    assert Counter(centre.convention_codes() for centre in RegionalCentre.objects.all()) == {
        "BC": 8,
        "BC, SC": 6,
        "SC": 4,
    }
    stored = {centre.name: centre for centre in RegionalCentre.objects.select_related("host_country")}
    for row in rows:
        centre = stored[row["centre"]]
        assert conventions_of(centre) == set(row["conventions"].split(";"))
        assert centre.host_country.iso2 == row["country_iso2"]
        assert centre.city == row["city"]

    senegal = RegionalCentre.objects.get(slug="bcrc-scrc-senegal-french-speaking-african-countries")
    assert senegal.name == "BCRC-SCRC Senegal (French-speaking African countries)"
    assert conventions_of(senegal) == {"BC", "SC"}
    assert (senegal.host_country.iso3, senegal.city) == ("SEN", "Dakar")
    assert (senegal.latitude, senegal.longitude, senegal.geonameid) == (14.6937, -17.44406, 2253354)
    assert senegal.source_url == 'http://www.crcbsaf.org/en/bscrc/h ; chm.pops.int workshop page ("BCRC, Dakar")'
    assert senegal.website == ""
    assert not senegal.countries_served.exists()

    brazil = RegionalCentre.objects.get(name="SCRC Brazil (CETESB)")
    assert (brazil.slug, brazil.host_country.iso3, brazil.city) == ("scrc-brazil-cetesb", "BRA", "São Paulo")
    assert conventions_of(brazil) == {"SC"}
    samoa = RegionalCentre.objects.get(host_country__iso2="WS")
    assert (samoa.latitude, samoa.longitude) == (-13.83333, -171.76666)
    assert conventions_of(samoa) == {"BC"}

    assert (
        "conventions/data/regional_centres.csv (regional centres): 18 created, 0 updated, 0 unchanged, 0 rejected"
        in output
    )
    assert "Reference data imported" in output


def test_a_second_run_changes_nothing(run_import):
    run_import()
    before = {
        centre.slug: (centre.name, centre.convention_codes(), centre.host_country_id, centre.latitude)
        for centre in RegionalCentre.objects.all()
    }

    with CaptureQueriesContext(connection) as queries:
        output = run_import()

    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    after = {
        centre.slug: (centre.name, centre.convention_codes(), centre.host_country_id, centre.latitude)
        for centre in RegionalCentre.objects.all()
    }
    assert after == before
    assert "(regional centres): 0 created, 0 updated, 18 unchanged, 0 rejected" in output
    assert "Nothing to do: every row is unchanged." in output


def test_dry_run_reports_the_centres_and_writes_nothing(run_import):
    output = run_import("--dry-run", SHIPPED_CENTRES)

    assert stored_rows() == NOTHING_STORED
    assert "(regional centres): 18 created, 0 updated, 0 unchanged, 0 rejected" in output
    assert "Dry run: nothing was written" in output


def test_a_changed_centre_is_updated_and_an_editors_additions_are_kept(run_import, write_csv):
    run_import(write_csv("centres.csv", CENTRES_HEADER, SENEGAL.replace("BC;SC", "BC")))
    senegal = RegionalCentre.objects.get()
    assert conventions_of(senegal) == {"BC"}
    senegal.website = "https://www.crcbsaf.org/"
    senegal.save()
    senegal.countries_served.set(Country.objects.filter(iso2__in=["SN", "ML"]))

    output = run_import(write_csv("centres-2.csv", CENTRES_HEADER, SENEGAL))

    assert "(regional centres): 0 created, 1 updated, 0 unchanged, 0 rejected" in output
    senegal.refresh_from_db()
    assert conventions_of(senegal) == {"BC", "SC"}
    assert senegal.website == "https://www.crcbsaf.org/"
    assert set(senegal.countries_served.values_list("iso3", flat=True)) == {"SEN", "MLI"}

    moved = SENEGAL.replace("Dakar,yes,14.6937,-17.44406,2253354", "Thiès,no,14.79105,-16.92597,2244991")
    assert "0 created, 1 updated, 0 unchanged" in run_import(write_csv("centres-3.csv", CENTRES_HEADER, moved))
    senegal.refresh_from_db()
    assert (senegal.city, senegal.latitude, senegal.geonameid) == ("Thiès", 14.79105, 2244991)
    assert conventions_of(senegal) == {"BC", "SC"}


def test_an_unknown_country_and_a_bad_latitude_are_reported_and_nothing_is_written(run_import, write_csv):
    centres = write_csv(
        "centres.csv",
        CENTRES_HEADER,
        SENEGAL,
        "BCRC Atlantis,BC,XX,Atlantis,no,10.5,20.25,1,https://example.org",
        "SCRC Czech Republic (RECETOX),SC,CZ,Brno,yes,95.1,16.60796,3078610,https://example.org",
    )
    parties = write_csv("parties.csv", PARTIES_HEADER, "Basel,GHA,Ghana,,2003-05-30,2003-08-28,TRE-001003")

    with pytest.raises(CommandError) as rejected:
        run_import(parties, centres)

    assert str(rejected.value).splitlines() == [
        f"{centres}:3: country_iso2: unknown country code “XX”",
        f"{centres}:4: lat: 95.1 is not between -90 and 90",
        "Nothing was written: 2 rows rejected, 0 files rejected whole.",
    ]
    # Not the valid row, nor the other file, nor the countries.
    assert stored_rows() == NOTHING_STORED


def test_every_rejected_row_is_reported_with_its_line_and_reason(run_import, write_csv):
    centres = write_csv(
        "centres.csv",
        CENTRES_HEADER,
        "Centre A,BC;XYZ,GH,Accra,yes,5.55602,-0.1969,2306104,source",
        "Centre B,,GH,Accra,yes,5.55602,-0.1969,2306104,source",
        "Centre C,BC,GH,Accra,yes,nan,-0.1969,2306104,source",
        "Centre D,BC,GH,Accra,yes,5.55602,,2306104,source",
        "Centre E,BC,GH,Accra,yes,5.55602,-180.5,Accra,source",
        "centre-a,SC,GH,Accra,yes,,,,source",
        ",BC,GH,Accra,yes,,,,source",
        "Centre F,BC,GH",
        "Centre G,bc; sc;,gh,,,,,,",
    )

    with pytest.raises(CommandError) as rejected:
        run_import(centres)

    assert str(rejected.value).splitlines() == [
        f"{centres}:2: conventions: unknown convention code “XYZ” (known: BC, BAN, RC, SC)",
        f"{centres}:3: conventions: missing",
        f"{centres}:4: lat: “nan” is not a number of decimal degrees such as 14.6937",
        f"{centres}:5: lat, lon: give both or neither",
        f"{centres}:6: lon: -180.5 is not between -180 and 180; "
        "geonameid: “Accra” is not a GeoNames ID (a positive whole number)",
        f"{centres}:7: centre: “centre-a” has the slug “centre-a” of the centre on line 2",
        f"{centres}:8: centre: missing",
        f"{centres}:9: has 3 fields where the header has 9",
        "Nothing was written: 8 rows rejected, 0 files rejected whole.",
    ]
    assert stored_rows() == NOTHING_STORED


def test_a_centre_without_coordinates_imports(run_import, write_csv):
    centres = write_csv("centres.csv", CENTRES_HEADER, "Centre G,bc; sc;,gh,,,,,,")

    assert "(regional centres): 1 created" in run_import(centres)

    centre = RegionalCentre.objects.get()
    assert (centre.slug, centre.host_country.iso3, centre.city) == ("centre-g", "GHA", "")
    assert (centre.latitude, centre.longitude, centre.geonameid) == (None, None, None)
    assert conventions_of(centre) == {"BC", "SC"}


def test_a_file_with_a_wrong_header_is_rejected_whole(run_import, write_csv):
    centres = write_csv(
        "centres.csv",
        "centre,conventions,country_iso2,city,city_confirmed_by_source,latitude,longitude,geonameid,source_url",
        SENEGAL,
    )

    with pytest.raises(CommandError) as rejected:
        run_import(SHIPPED_CENTRES, centres)

    message = str(rejected.value)
    assert f"{centres}: rejected whole: the header “centre,conventions,country_iso2,city," in message
    assert "is not of a known shape" in message
    assert "regional centres: centre,conventions,country_iso2,city,lat,lon,geonameid,source_url" in message
    assert "Nothing was written: 0 rows rejected, 1 file rejected whole." in message
    assert stored_rows() == NOTHING_STORED


def test_an_editor_lists_filters_and_edits_regional_centres(client, editor, run_import, write_csv):
    run_import(
        write_csv(
            "centres.csv",
            CENTRES_HEADER,
            SENEGAL,
            "SCRC Czech Republic (RECETOX),SC,CZ,Brno,yes,49.19522,16.60796,3078610,https://example.org",
        )
    )
    client.force_login(with_totp(editor))
    listing = reverse("wagtailsnippets_conventions_regionalcentre:list")

    response = client.get(listing)
    assert response.status_code == 200
    html = response.content.decode()
    assert "BCRC-SCRC Senegal" in html
    assert "RECETOX" in html

    basel = client.get(listing, {"conventions": Instrument.objects.get(code="BC").pk}).content.decode()
    assert "BCRC-SCRC Senegal" in basel
    assert "RECETOX" not in basel
    found = client.get(listing, {"q": "Brno"}).content.decode()
    assert "RECETOX" in found
    assert "BCRC-SCRC Senegal" not in found

    senegal = RegionalCentre.objects.get(slug="bcrc-scrc-senegal")
    edit = reverse("wagtailsnippets_conventions_regionalcentre:edit", args=[senegal.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "name": senegal.name,
            "slug": senegal.slug,
            "conventions": [Instrument.objects.get(code="SC").pk],
            "host_country": senegal.host_country_id,
            "city": "Dakar",
            "latitude": "14.6937",
            "longitude": "-17.44406",
            "geonameid": "2253354",
            "website": "https://www.crcbsaf.org/",
            "source_url": senegal.source_url,
            "countries_served": [Country.objects.get(iso2="ML").pk],
        },
    )

    assert response.status_code == 302
    senegal.refresh_from_db()
    assert conventions_of(senegal) == {"SC"}
    assert senegal.website == "https://www.crcbsaf.org/"
    assert list(senegal.countries_served.values_list("iso3", flat=True)) == ["MLI"]
