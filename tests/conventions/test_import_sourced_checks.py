"""The checks of the sourced reference files: conflicts between sources
reported, the older files' CAS typo, profiles found again across files,
and bad rows rejected with their reasons (on an empty database: see
test_import_sourced for the default run)."""

import re

import pytest

from conventions.importers import DATA_DIRECTORY
from conventions.models import ChemicalProfile, Listing, Meeting
from tests.conventions.test_import_sourced import ROTTERDAM_HEADER, STOCKHOLM_HEADER, import_files, rejected


@pytest.mark.django_db
def test_a_listing_cited_with_another_chemicals_decision_is_a_conflict(write_csv):
    decisions = DATA_DIRECTORY / "decisions_other_confirmed.csv"
    listings = write_csv(
        "listings.csv",
        ROTTERDAM_HEADER,
        "Alachlor,,15972-60-8,Pesticide,RC-5/3,confirmed,2011,RC COP-5,current,https://example.org,",
        "Aldicarb,,116-06-3,Pesticide,RC-5/3,inferred,2011,RC COP-5,current,https://example.org,",
    )

    output = import_files(decisions, listings)

    assert re.search(
        r"listings.csv:3: Aldicarb: its listing decision RC-5/3 is “Inclusion of alachlor in Annex III”, "
        r"about another chemical",
        output,
    )
    assert "listings.csv:2:" not in output
    assert Listing.objects.get(profile__slug="aldicarb").decision.code == "RC-5/3"


@pytest.mark.django_db
def test_the_cas_typo_of_the_older_file_is_rejected_with_the_number_another_file_gave():
    message = rejected(DATA_DIRECTORY / "rotterdam_annex_iii_listings.csv", DATA_DIRECTORY / "rotterdam_annex_iii.csv")
    assert (
        "rotterdam_annex_iii.csv:4: cas: “116-06-03” is not written like a CAS registry number (e.g. 50-29-3) "
        "(another file gave Aldicarb the number 116-06-3)" in message
    )
    assert not Listing.objects.exists()


@pytest.mark.django_db
def test_the_older_and_the_sourced_annex_files_make_one_profile_per_chemical():
    import_files(DATA_DIRECTORY / "stockholm_annexes_abc.csv", DATA_DIRECTORY / "rotterdam_annex_iii_corrected.csv")
    before = ChemicalProfile.objects.count()

    output = import_files(
        DATA_DIRECTORY / "stockholm_listings.csv", DATA_DIRECTORY / "rotterdam_annex_iii_listings.csv"
    )

    assert "0 rejected" in output
    # The chemicals of the older files are found again, by name or CAS number.
    assert ChemicalProfile.objects.filter(cas_numbers__contains=["1763-23-1"]).count() == 1
    assert ChemicalProfile.objects.filter(cas_numbers__contains=["118-74-1"]).count() == 1
    new = ChemicalProfile.objects.count() - before
    assert 0 < new < 25


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "Aldrin,,309-00-2,A,RC-1/3,confirmed,2001,,,src,",
            "listing_decision: “RC-1/3” is neither “original” nor a decision code of this convention",
        ),
        ("Aldrin,,309-00-2,A,SC-4/10,maybe,2009,,,src,", "decision_code_status: “maybe” is not one of"),
        ("Aldrin,,309-00-2,D,SC-4/10,confirmed,2009,,,src,", "annex: “D” is not A, B or C"),
        ("Aldrin,,309-00-2,A,SC-4/10,confirmed,1850,,,src,", "year_listed: “1850” is not a year"),
        ("Aldrin,,309-00-3,A,SC-4/10,confirmed,2009,,,src,", "has a wrong check digit"),
    ],
)
def test_a_bad_sourced_row_rejects_the_file_with_its_reason(write_csv, row, message):
    path = write_csv("stockholm.csv", STOCKHOLM_HEADER, row)

    errors = rejected(path)

    assert "stockholm.csv:2: " in errors
    assert message in errors
    assert not ChemicalProfile.objects.exists()


@pytest.mark.django_db
def test_a_bad_meeting_code_or_status_is_rejected(write_csv):
    meetings = write_csv(
        "meetings.csv",
        "convention,meeting_code,meeting_type,start_date,end_date,city,country_iso3,notes,source",
        "Basel,BC MOP-1,ordinary,1992-12-03,1992-12-04,Piriápolis,URY,,",
        "Basel,BC COP-2,ordinary,1994-03-25,1994-03-21,Geneva,CHE,,",
    )
    listings = write_csv(
        "rotterdam.csv", ROTTERDAM_HEADER, "Alachlor,,15972-60-8,Pesticide,RC-5/3,confirmed,2011,,withdrawn,src,"
    )

    errors = rejected(meetings, listings)

    assert "meetings.csv:2: meeting_code: “BC MOP-1” is not a meeting code" in errors
    assert "meetings.csv:3: end_date: the meeting ends (1994-03-21) before it starts (1994-03-25)" in errors
    assert "rotterdam.csv:2: status: “withdrawn” is neither current nor deleted" in errors
    assert not Meeting.objects.exists()
