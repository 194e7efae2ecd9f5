import csv
import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conventions.constants import ConsentKind, PartyStatusKind
from conventions.importers import DATA_DIRECTORY
from conventions.models import Country, PartyStatus, RegionalGroup, RegionalGroupMembership
from tests.conventions.reference_files import GROUPS_HEADER, PARTIES_HEADER

pytestmark = pytest.mark.django_db

SHIPPED_PARTIES = DATA_DIRECTORY / "parties_ecolex.csv"
SHIPPED_GROUPS = DATA_DIRECTORY / "un_regional_groups.csv"


def stored_rows() -> dict[str, int]:
    return {
        "countries": Country.objects.count(),
        "groups": RegionalGroup.objects.count(),
        "memberships": RegionalGroupMembership.objects.count(),
        "party statuses": PartyStatus.objects.count(),
    }


NOTHING_STORED = {"countries": 0, "groups": 0, "memberships": 0, "party statuses": 0}


def writes_in(queries: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_shipped_files_are_imported_with_every_row(run_import):
    output = run_import()

    with SHIPPED_PARTIES.open(encoding="utf-8") as parties_file:
        rows_per_convention = Counter(row["convention"] for row in csv.DictReader(parties_file))
    assert rows_per_convention == {"Basel": 189, "Basel Ban Amendment": 95, "Rotterdam": 167, "Stockholm": 187}
    stored_per_instrument = Counter(PartyStatus.objects.values_list("instrument__code", flat=True))
    assert stored_per_instrument == {"BC": 189, "BAN": 95, "RC": 167, "SC": 187}

    assert RegionalGroup.objects.count() == 5
    assert set(RegionalGroup.objects.values_list("code", "short_name")) == {
        ("AFRICAN", "African Group"),
        ("ASIA_PACIFIC", "Asia-Pacific Group"),
        ("EEG", "EEG"),
        ("GRULAC", "GRULAC"),
        ("WEOG", "WEOG"),
    }
    assert RegionalGroupMembership.objects.count() == 194
    turkiye = Country.objects.get(iso3="TUR")
    assert turkiye.name == "Türkiye"
    assert dict(turkiye.group_memberships.values_list("group__code", "is_electoral")) == {
        "WEOG": True,
        "ASIA_PACIFIC": False,
    }
    assert RegionalGroupMembership.objects.filter(is_electoral=False).count() == 1
    assert list(Country.objects.get(iso3="KIR").regional_groups.values_list("code", flat=True)) == ["ASIA_PACIFIC"]

    european_union = Country.objects.get(iso3="EUE")
    assert (european_union.iso2, european_union.name, european_union.is_state) == ("EU", "European Union", False)
    assert set(european_union.party_statuses.parties().values_list("instrument__code", flat=True)) == {
        "BC",
        "BAN",
        "RC",
        "SC",
    }
    assert Country.objects.count() == Country.objects.states().count() + 1 == 250

    basel_afghanistan = PartyStatus.objects.get(country__iso3="AFG", instrument__code="BC")
    assert basel_afghanistan.signature_on == datetime.date(1989, 3, 22)
    assert basel_afghanistan.consent_on == datetime.date(2013, 3, 25)
    assert basel_afghanistan.source_reference == "TRE-001003"
    assert basel_afghanistan.consent_kind == ConsentKind.UNKNOWN
    united_states = PartyStatus.objects.get(country__iso3="USA", instrument__code="BC")
    assert united_states.status == PartyStatusKind.SIGNATORY
    assert PartyStatus.objects.signatories_only().count() == 14

    assert "Countries (ISO 3166-1 and the European Union): 250 created, 0 updated, 0 unchanged" in output
    assert (
        "conventions/data/un_regional_groups.csv (UN regional groups): 194 created, 0 updated, 0 unchanged, "
        "0 rejected" in output
    )
    assert "regional groups: 5 created, 0 updated, 0 unchanged" in output
    assert (
        "conventions/data/parties_ecolex.csv (party status): 638 created, 0 updated, 0 unchanged, 0 rejected" in output
    )


def test_a_second_run_changes_nothing_and_says_so(run_import):
    run_import()
    before = stored_rows()

    with CaptureQueriesContext(connection) as queries:
        output = run_import()

    assert writes_in(queries) == []
    assert stored_rows() == before
    assert "250 unchanged" in output
    assert "(UN regional groups): 0 created, 0 updated, 194 unchanged, 0 rejected" in output
    assert "(party status): 0 created, 0 updated, 638 unchanged, 0 rejected" in output
    assert "Nothing to do: every row is unchanged." in output


def test_dry_run_reports_what_would_change_and_writes_nothing(run_import):
    output = run_import("--dry-run")

    assert stored_rows() == NOTHING_STORED
    assert "(party status): 638 created" in output
    assert "Dry run: nothing was written" in output


def test_a_changed_row_is_updated_and_only_that_row(run_import, write_csv):
    first = write_csv(
        "parties.csv",
        PARTIES_HEADER,
        "Basel,GHA,Ghana,,2003-05-30,2003-08-28,TRE-001003",
        "Rotterdam,GHA,Ghana,1998-09-11,2003-05-30,2004-02-24,TRE-001280",
    )
    run_import(first)
    corrected = write_csv(
        "parties-corrected.csv",
        PARTIES_HEADER,
        "Basel,GHA,Ghana,,2003-05-30,2003-08-28,TRE-001003",
        "Rotterdam,GHA,Ghana,1998-09-11,2003-05-30,2004-02-25,TRE-001280",
    )

    dry_output = run_import("--dry-run", corrected)
    assert "0 created, 1 updated, 1 unchanged, 0 rejected" in dry_output
    rotterdam = PartyStatus.objects.get(country__iso3="GHA", instrument__code="RC")
    assert rotterdam.entry_into_force_on == datetime.date(2004, 2, 24)

    output = run_import(corrected)
    assert "0 created, 1 updated, 1 unchanged, 0 rejected" in output
    rotterdam.refresh_from_db()
    assert rotterdam.entry_into_force_on == datetime.date(2004, 2, 25)


def test_an_unknown_country_code_rejects_the_whole_run(run_import, write_csv):
    groups = write_csv("groups.csv", GROUPS_HEADER, "AFRICAN,African States,288,GHA,Ghana,test")
    parties = write_csv(
        "parties.csv",
        PARTIES_HEADER,
        "Basel,GHA,Ghana,,2003-05-30,2003-08-28,TRE-001003",
        "Basel,XYZ,Nowhere,,2003-05-30,2003-08-28,TRE-001003",
        "Rotterdam,GHA,Ghana,1998-09-11,2003-05-30,2004-02-24,TRE-001280",
    )

    stdout = StringIO()
    with pytest.raises(CommandError) as rejected:
        call_command("import_reference_data", str(groups), str(parties), stdout=stdout, stderr=StringIO())

    assert f"{parties} (party status): 0 created, 0 updated, 0 unchanged, 1 rejected" in stdout.getvalue()
    message = str(rejected.value)
    assert f"{parties}:3: iso3: unknown country code “XYZ”" in message
    assert "Nothing was written: 1 row rejected, 0 files rejected whole." in message
    # Not the valid rows of that file, nor the other file, nor the countries.
    assert stored_rows() == NOTHING_STORED


def test_every_rejected_row_is_reported_with_its_line_and_reason(run_import, write_csv):
    parties = write_csv(
        "parties.csv",
        PARTIES_HEADER,
        "Basel,GHA,Ghana,2003-13-01,2003-05-30,2003-08-28,TRE-001003",
        "Basel,TGO,Togo,,2004-07-02,2004-09-30,TRE-001003",
        "Kyoto,GHA,Ghana,,2003-05-30,,TRE-000000",
        "Basel,GHA,Ghana,,2003-05-30,,TRE-001003",
        "Stockholm,TGO,Togo,,,,TRE-001338",
        "Rotterdam,TGO,Togo,,30/05/2004,,TRE-001280",
        "Rotterdam,TGO,Togo",
    )

    with pytest.raises(CommandError) as rejected:
        run_import(parties)

    lines = str(rejected.value).splitlines()
    assert lines == [
        f"{parties}:2: signature: “2003-13-01” is not a date in the form yyyy-mm-dd",
        f"{parties}:4: convention: unknown convention “Kyoto”",
        f"{parties}:5: GHA and Basel are already on line 2",
        f"{parties}:6: neither a signature nor a consent to be bound date",
        f"{parties}:7: consent_to_be_bound: “30/05/2004” is not a date in the form yyyy-mm-dd",
        f"{parties}:8: has 3 fields where the header has 7",
        "Nothing was written: 6 rows rejected, 0 files rejected whole.",
    ]
    assert stored_rows() == NOTHING_STORED


def test_consent_before_signature_is_accepted(run_import, write_csv):
    parties = write_csv("parties.csv", PARTIES_HEADER, "Stockholm,GHA,Ghana,2002-01-01,2001-05-22,,TRE-001338")

    run_import(parties)

    assert PartyStatus.objects.get().consent_on == datetime.date(2001, 5, 22)


def test_a_file_of_unknown_shape_is_rejected_whole(run_import, write_csv):
    parties = write_csv("parties.csv", PARTIES_HEADER, "Basel,GHA,Ghana,,2003-05-30,2003-08-28,TRE-001003")
    unknown = write_csv("centres.csv", "centre,conventions,country_iso2,city", "BCRC Senegal,BC,SN,Dakar")

    with pytest.raises(CommandError) as rejected:
        run_import(parties, unknown)

    message = str(rejected.value)
    assert (
        f"{unknown}: rejected whole: the header “centre,conventions,country_iso2,city” is not of a known shape"
        in message
    )
    assert "Nothing was written: 0 rows rejected, 1 file rejected whole." in message
    assert stored_rows() == NOTHING_STORED


def test_a_file_missing_a_column_of_its_shape_is_rejected_whole(run_import, write_csv):
    parties = write_csv(
        "parties.csv",
        "convention,iso3,name,signature,consent_to_be_bound,EcolexID",
        "Basel,GHA,Ghana,,2003-05-30,TRE-001003",
    )

    with pytest.raises(CommandError, match="is not of a known shape"):
        run_import(parties)

    assert stored_rows() == NOTHING_STORED


def test_a_binary_file_is_rejected_with_a_clear_message(run_import, tmp_path):
    spreadsheet = tmp_path / "parties.xlsx"
    spreadsheet.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb4\x8f\xfe\xff")

    with pytest.raises(CommandError) as rejected:
        run_import(spreadsheet)

    assert f"{spreadsheet}: rejected whole: is not UTF-8 text (invalid byte at position 14)" in str(rejected.value)
    assert stored_rows() == NOTHING_STORED


def test_a_latin_1_file_is_rejected_with_a_clear_message(run_import, tmp_path):
    parties = tmp_path / "parties.csv"
    parties.write_bytes(
        f"{PARTIES_HEADER}\nBasel,CIV,Côte d'Ivoire,,1994-06-01,1994-08-30,TRE-001003\n".encode("latin-1")
    )

    with pytest.raises(CommandError, match="is not UTF-8 text"):
        run_import(parties)

    assert stored_rows() == NOTHING_STORED


def test_a_file_with_nul_bytes_or_nothing_in_it_is_rejected(run_import, tmp_path):
    nul = tmp_path / "nul.csv"
    nul.write_bytes(PARTIES_HEADER.encode() + b"\n\x00\x00\x00\n")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")

    with pytest.raises(CommandError) as rejected:
        run_import(nul, empty)

    message = str(rejected.value)
    assert f"{nul}: rejected whole: contains NUL bytes" in message
    assert f"{empty}: rejected whole: is empty" in message
    assert "0 rows rejected, 2 files rejected whole" in message


def test_a_missing_file_is_rejected(run_import, tmp_path):
    with pytest.raises(CommandError, match="rejected whole: cannot be read"):
        run_import(tmp_path / "missing.csv")


def test_a_newer_file_with_extra_columns_imports(run_import, write_csv):
    parties = write_csv(
        "parties-2026.csv",
        "\ufeff" + PARTIES_HEADER + ",consent_kind,depositary_notification",
        "Basel,GHA,Ghana,,2003-05-30,2003-08-28,TRE-001003,Accession,C.N.123.2003",
        "Rotterdam,GHA,Ghana,1998-09-11,2003-05-30,2004-02-24,TRE-001280,ratification,",
        "Stockholm,GHA,Ghana,2001-05-23,2003-05-30,2004-05-17,TRE-001338,,",
    )

    output = run_import(parties)

    assert "(party status): 3 created, 0 updated, 0 unchanged, 0 rejected" in output
    assert dict(PartyStatus.objects.values_list("instrument__code", "consent_kind")) == {
        "BC": ConsentKind.ACCESSION,
        "RC": ConsentKind.RATIFICATION,
        "SC": ConsentKind.UNKNOWN,
    }

    # A file without the column leaves the kinds of consent as they are.
    older = write_csv("parties-2019.csv", PARTIES_HEADER, "Basel,GHA,Ghana,,2003-05-30,2003-08-28,TRE-001003")
    assert "0 created, 0 updated, 1 unchanged" in run_import(older)
    assert PartyStatus.objects.get(instrument__code="BC").consent_kind == ConsentKind.ACCESSION


def test_an_unknown_kind_of_consent_is_rejected(run_import, write_csv):
    parties = write_csv(
        "parties.csv",
        PARTIES_HEADER + ",consent_kind",
        "Basel,GHA,Ghana,,2003-05-30,2003-08-28,TRE-001003,adhesion",
    )

    with pytest.raises(CommandError, match=r"parties.csv:2: consent_kind: “adhesion” is not one of ratification"):
        run_import(parties)


def test_line_numbers_count_blank_lines_and_quoted_line_breaks(run_import, write_csv):
    parties = write_csv(
        "parties.csv",
        PARTIES_HEADER,
        "",
        'Basel,GHA,"Ghana,',
        'Republic of",,2003-05-30,2003-08-28,TRE-001003',
        "Basel,XYZ,Nowhere,,2003-05-30,2003-08-28,TRE-001003",
    )

    with pytest.raises(CommandError, match=r"parties.csv:5: iso3: unknown country code"):
        run_import(parties)


def test_a_country_in_two_groups_neither_of_them_weog_is_rejected(run_import, write_csv):
    groups = write_csv(
        "groups.csv",
        GROUPS_HEADER,
        "AFRICAN,African States,288,GHA,Ghana,test",
        "ASIA_PACIFIC,Asia-Pacific States,288,GHA,Ghana,test",
        "AFRICAN,African States,288,GHA,Ghana,test",
        "AFRICAN,African Group,768,TGO,Togo,test",
        "EEG,Eastern European States,999,POL,Poland,test",
    )

    with pytest.raises(CommandError) as rejected:
        run_import(groups)

    assert str(rejected.value).splitlines()[:4] == [
        f"{groups}:4: GHA is already in AFRICAN on line 2",
        f"{groups}:5: group_name: group AFRICAN is named “African States” on line 2",
        f"{groups}:6: m49: 999 does not match POL, whose ISO numeric code is 616",
        "Nothing was written: 3 rows rejected, 0 files rejected whole.",
    ]

    two_groups = write_csv(
        "two-groups.csv",
        GROUPS_HEADER,
        "AFRICAN,African States,288,GHA,Ghana,test",
        "ASIA_PACIFIC,Asia-Pacific States,288,GHA,Ghana,test",
    )
    with pytest.raises(CommandError, match=r"two-groups.csv:3: GHA is listed in the groups AFRICAN, ASIA_PACIFIC"):
        run_import(two_groups)
    assert stored_rows() == NOTHING_STORED


def test_an_editors_short_name_for_a_group_is_kept(run_import, write_csv):
    groups = write_csv("groups.csv", GROUPS_HEADER, "AFRICAN,African States,288,GHA,Ghana,test")
    run_import(groups)
    RegionalGroup.objects.filter(code="AFRICAN").update(short_name="Africa")

    assert "0 created, 0 updated, 1 unchanged" in run_import(groups)

    assert RegionalGroup.objects.get(code="AFRICAN").short_name == "Africa"
