"""The checks of the sourced reference files: conflicts between sources
reported, the older files' CAS typo, profiles found again across files,
and bad rows rejected with their reasons (on an empty database: see
test_import_sourced for the default run)."""

import re

import pytest

from conventions.constants import ListingAnnex
from conventions.importers import DATA_DIRECTORY
from conventions.models import ChemicalProfile, Decision, Listing, Meeting
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
def test_the_sourced_annex_files_supersede_what_the_older_ones_stored(write_csv):
    """A database loaded with the first round's files: the sourced files
    replace their listings (worded differently) and the profiles left empty,
    and keep what an editor added in the admin."""
    # An older-shape file that named aldrin "Aldrine": a profile of its own, which the sourced file leaves empty.
    misnamed = write_csv("older.csv", "annex,chemical,cas,cas_from,source", "A,Aldrine,309-00-2,row,an old list")
    import_files(
        DATA_DIRECTORY / "stockholm_annexes_abc.csv", DATA_DIRECTORY / "rotterdam_annex_iii_corrected.csv", misnamed
    )
    assert Listing.objects.filter(entry="Pentachlorobenzene (PeCB)").exists()
    assert ChemicalProfile.objects.filter(slug="aldrine").exists()
    editors = Listing.objects.create(
        profile=ChemicalProfile.objects.get(slug="ddt"), annex=ListingAnnex.SC_B, entry="DDT (an editor's note)"
    )

    output = import_files(
        DATA_DIRECTORY / "stockholm_listings.csv", DATA_DIRECTORY / "rotterdam_annex_iii_listings.csv"
    )

    assert not Listing.objects.filter(entry="Pentachlorobenzene (PeCB)").exists()
    assert Listing.objects.filter(pk=editors.pk).exists()
    assert Listing.objects.exclude(pk=editors.pk).count() == 43 + 58
    (pfos,) = [each for each in ChemicalProfile.objects.all() if "1763-23-1" in each.cas_numbers]
    assert sorted(pfos.listings.values_list("annex", "decision_code")) == [
        (ListingAnnex.RC_III, ""),
        (ListingAnnex.SC_B, "SC-4/17"),
        (ListingAnnex.SC_B, "SC-9/4"),
    ]
    assert not ChemicalProfile.objects.filter(slug="aldrine").exists()
    removed = dict(
        (label, int(count)) for count, label in re.findall(r"removed, superseded by this file: (\d+) (.+)", output)
    )
    assert removed["chemical profiles left without a listing"] == 1
    assert removed["listings of older files"] > 0


@pytest.mark.django_db
def test_a_sourced_file_corrects_what_it_stored_itself(write_csv):
    header = "convention,meeting_code,meeting_type,start_date,end_date,city,country_iso3,notes,source"
    first = write_csv("cops.csv", header, "Basel,BC COP-6,ordinary,2002-12-09,2002-12-13,Geneva,CHE,,src")
    decisions_header = "code,convention,title,title_status,meeting,year,keywords,source"
    decisions = write_csv("d.csv", decisions_header, "BC-6/1,Basel,Old title,paraphrased,BC COP-6,2002,,src")
    import_files(first, decisions)

    corrected = write_csv("cops2.csv", header, "Basel,BC COP-6,ordinary,2002-12-09,2002-12-14,Geneva,CHE,,src")
    fixed = write_csv("d2.csv", decisions_header, "BC-6/1,Basel,The exact title,exact,BC COP-6,2002,,src")
    output = import_files(corrected, fixed)

    assert str(Meeting.objects.get(slug="bc-cop-6").end_date) == "2002-12-14"
    decision = Decision.objects.get(code="BC-6/1")
    assert (decision.title, decision.title_status) == ("The exact title", "exact")
    assert "conflict" not in output


@pytest.mark.django_db
def test_a_title_status_must_be_one_of_the_words(write_csv):
    path = write_csv(
        "d.csv", "code,convention,title,title_status,meeting,year,keywords,source", "BC-6/1,Basel,T,contentious,,,,"
    )
    assert "title_status: “contentious” does not start with exact, paraphrased or content only" in rejected(path)


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
