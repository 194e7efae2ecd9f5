"""The importers of the information packages: meetings, COP decisions, the
chemicals of the Stockholm and Rotterdam annexes, Basel waste streams and
focal points, run as `manage.py import_reference_data` runs them."""

import csv
import datetime

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conventions.constants import FocalPointKind, ListingAnnex, MeetingKind, MeetingStatus, ProfileKind
from conventions.importers import DATA_DIRECTORY
from conventions.models import ChemicalProfile, Decision, FocalPoint, Listing, Meeting
from demo.content import load_members
from demo.packages_seed import seed_packages

pytestmark = pytest.mark.django_db

MEETINGS_HEADER = (
    "slug,title,kind,conventions,number,start_date,end_date,start_time,end_time,timezone,city,venue,"
    "country_iso3,online_url,documents_url,status,description,source_url"
)
COP_16 = (
    "bc-cop-16,Sixteenth meeting of the Conference of the Parties to the Basel Convention,cop,BC,16,"
    "2023-05-01,2023-05-12,,,Europe/Zurich,Geneva,CICG,CHE,,,scheduled,,https://www.brsmeas.org/"
)
DECISIONS_HEADER = "code,convention,cop,title,source_url"
STOCKHOLM_HEADER = "annex,chemical,cas,cas_from,source"
ROTTERDAM_HEADER = "entry,component,cas,category,source"
WASTE_HEADER = "slug,name,summary,entries,decision_codes,thematic_areas"
FOCAL_POINTS_HEADER = (
    "country_iso3,kind,office,person,position,organisation,address,phone,fax,email,website,source_url,updated_on"
)

# The files of the first round, still accepted (the sourced files of the
# second round supersede them by default: see test_import_sourced).
OLDER_FILES = [
    DATA_DIRECTORY / name
    for name in (
        "meetings.csv",
        "cop_decisions_sample.csv",
        "stockholm_annexes_abc.csv",
        "rotterdam_annex_iii_corrected.csv",
        "waste_streams.csv",
    )
]
SHIPPED_ROTTERDAM = DATA_DIRECTORY / "rotterdam_annex_iii.csv"
CORRECTED_ROTTERDAM = DATA_DIRECTORY / "rotterdam_annex_iii_corrected.csv"


def stored_rows() -> dict[str, int]:
    return {
        "meetings": Meeting.objects.count(),
        "decisions": Decision.objects.count(),
        "profiles": ChemicalProfile.objects.count(),
        "listings": Listing.objects.count(),
        "focal points": FocalPoint.objects.count(),
    }


NOTHING_STORED = {"meetings": 0, "decisions": 0, "profiles": 0, "listings": 0, "focal points": 0}


def rows_of(name: str) -> list[dict[str, str]]:
    with (DATA_DIRECTORY / name).open(encoding="utf-8") as data:
        return list(csv.DictReader(data))


def listings_of(slug: str) -> dict[str, str]:
    return dict(Listing.objects.filter(profile__slug=slug).values_list("annex", "category"))


def test_the_older_files_import_meetings_decisions_chemicals_and_waste_streams(run_import):
    output = run_import(*OLDER_FILES)

    # Meetings: every row of the shipped file, with its conventions, place and time zone.
    assert Meeting.objects.count() == len(rows_of("meetings.csv")) == 36
    cop_16 = Meeting.objects.get(slug="bc-cop-16")
    assert (cop_16.kind, cop_16.number, cop_16.start_date, cop_16.end_date) == (
        MeetingKind.COP,
        16,
        datetime.date(2023, 5, 1),
        datetime.date(2023, 5, 12),
    )
    assert (cop_16.city, cop_16.country.iso3, cop_16.timezone) == ("Geneva", "CHE", "Europe/Zurich")
    assert list(cop_16.conventions.values_list("code", flat=True)) == ["BC"]
    excops = Meeting.objects.get(slug="excops-1")
    assert set(excops.conventions.values_list("code", flat=True)) == {"BC", "RC", "SC"}
    assert (excops.country.iso3, excops.timezone) == ("IDN", "Asia/Makassar")
    online = Meeting.objects.get(slug="bc-cop-15")
    assert (online.country, online.city) == (None, "")

    # Decisions: each linked to its conference; "same as" and notes resolved.
    assert Decision.objects.count() == len(rows_of("cop_decisions_sample.csv")) == 33
    plastic = Decision.objects.get(code="BC-14/12")
    assert (plastic.convention.code, plastic.meeting_number, plastic.number) == ("BC", 14, 12)
    assert plastic.meeting.slug == "bc-cop-14"
    assert plastic.official_url == (
        "https://www.basel.int/TheConvention/Amendments/Proposedamendments/tabid/10093/Default.aspx"
    )
    assert Decision.objects.get(code="SC-1/2").official_url == Decision.objects.get(code="SC-1/1").official_url
    assert Decision.objects.get(code="SC-1/2").official_url.startswith("https://chm.pops.int/")
    assert Decision.objects.get(code="BC-15/1").meeting.slug == "bc-cop-15"
    assert Decision.objects.filter(meeting=None).count() == 0

    # Chemicals: one profile per chemical, a listing per annex entry.
    assert listings_of("ddt") == {ListingAnnex.SC_B: "", ListingAnnex.RC_III: "pesticide"}
    assert listings_of("polychlorinated-biphenyls") == {
        ListingAnnex.SC_A: "",
        ListingAnnex.SC_C: "",
        ListingAnnex.RC_III: "industrial",
    }
    pcb = ChemicalProfile.objects.get(slug="polychlorinated-biphenyls")
    assert (pcb.kind, pcb.name, pcb.cas_numbers, pcb.synonyms) == (
        ProfileKind.CHEMICAL,
        "Polychlorinated biphenyls",
        ["1336-36-3"],
        ["PCB"],
    )
    ddt = ChemicalProfile.objects.get(slug="ddt")
    assert (ddt.name, ddt.cas_numbers) == ("DDT", ["50-29-3"])
    assert ddt.listings.get(annex=ListingAnnex.SC_B).entry == "DDT (1,1,1-trichloro-2,2-bis(4-chlorophenyl)ethane)"
    # Several rows (components) of one Rotterdam entry: one listing, all CAS numbers.
    asbestos = ChemicalProfile.objects.get(slug="asbestos")
    assert asbestos.cas_numbers == ["77536-66-4", "77536-67-5", "12172-73-5", "12001-28-4", "77536-68-6"]
    assert "Crocidolite" in asbestos.synonyms
    assert asbestos.listings.count() == 1
    # Several CAS numbers in one cell.
    assert ChemicalProfile.objects.get(slug="hexabromocyclododecane").cas_numbers == [
        "25637-99-4",
        "3194-55-6",
        "134237-50-6",
        "134237-51-7",
        "134237-52-8",
    ]
    assert ChemicalProfile.objects.get(slug="aldicarb").cas_numbers == ["116-06-3"]
    assert Listing.objects.filter(annex=ListingAnnex.RC_III, category="shpf").count() == 4
    stockholm_listings = Listing.objects.filter(annex__in=[ListingAnnex.SC_A, ListingAnnex.SC_B, ListingAnnex.SC_C])
    assert stockholm_listings.count() == len(rows_of("stockholm_annexes_abc.csv")) == 25

    # Waste streams with their Basel entries, decisions and topics.
    wastes = ChemicalProfile.objects.filter(kind=ProfileKind.WASTE)
    assert set(wastes.values_list("slug", flat=True)) == {
        "e-waste",
        "plastic-waste",
        "pops-wastes",
        "used-lead-acid-batteries",
        "household-waste",
    }
    plastic_waste = wastes.get(slug="plastic-waste")
    assert list(plastic_waste.listings.values_list("annex", "entry")) == [
        (
            ListingAnnex.BC,
            "Y48 / A3210 / B3011 (plastic waste amendments, decision BC-14/12: Annex II, Annex VIII and Annex IX)",
        )
    ]
    assert list(plastic_waste.decisions.values_list("code", flat=True)) == ["BC-14/12"]
    assert "plastic-waste" in plastic_waste.thematic_areas.values_list("slug", flat=True)
    assert wastes.get(slug="used-lead-acid-batteries").listings.filter(entry__startswith="A1160").exists()

    # Focal points are personal data: the example file is not imported by default.
    assert FocalPoint.objects.count() == 0

    assert "conventions/data/meetings.csv (meetings): 36 created, 0 updated, 0 unchanged, 0 rejected" in output
    assert "conventions/data/cop_decisions_sample.csv (COP decisions): 33 created" in output
    assert "rotterdam_annex_iii_corrected.csv (Rotterdam Convention Annex III (listings)): 42 created" in output
    # Eight Rotterdam chemicals came with the Stockholm file already; the PCBs get a CAS number; three more
    # are found by a CAS number and a name they share with a Stockholm chemical (PFOS, endosulfan,
    # c-PentaBDE; not PBB, a group of which hexabromobiphenyl is one).
    assert "chemical profiles: 30 created, 4 updated, 8 unchanged" in output
    (pfos,) = [each for each in ChemicalProfile.objects.all() if "1763-23-1" in each.cas_numbers]
    assert set(pfos.listings.values_list("annex", flat=True)) == {ListingAnnex.SC_B, ListingAnnex.RC_III}
    assert "conventions/data/waste_streams.csv (waste streams): 5 created" in output


def test_a_second_run_writes_nothing(run_import):
    run_import(*OLDER_FILES)
    before = stored_rows()

    with CaptureQueriesContext(connection) as queries:
        output = run_import(*OLDER_FILES)

    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert stored_rows() == before
    assert "(meetings): 0 created, 0 updated, 36 unchanged, 0 rejected" in output
    assert "(COP decisions): 0 created, 0 updated, 33 unchanged, 0 rejected" in output
    assert "chemical profiles: 0 created, 0 updated, 42 unchanged" in output
    assert "Nothing to do: every row is unchanged." in output


def test_a_dry_run_writes_nothing(run_import):
    output = run_import("--dry-run", *OLDER_FILES)

    assert stored_rows() == NOTHING_STORED
    assert "(meetings): 36 created" in output
    assert "Dry run: nothing was written" in output


def test_the_shipped_rotterdam_file_is_rejected_for_the_aldicarb_cas_number(run_import):
    with pytest.raises(CommandError) as rejected:
        run_import(DATA_DIRECTORY / "stockholm_annexes_abc.csv", SHIPPED_ROTTERDAM)

    assert str(rejected.value).splitlines() == [
        "conventions/data/rotterdam_annex_iii.csv:4: "
        "cas: “116-06-03” is not written like a CAS registry number (e.g. 50-29-3)",
        "Nothing was written: 1 row rejected, 0 files rejected whole.",
    ]
    # Not the other rows of the file, nor the Stockholm file before it.
    assert stored_rows() == NOTHING_STORED


def test_the_corrected_copy_differs_only_by_the_aldicarb_cas_number():
    shipped = SHIPPED_ROTTERDAM.read_text(encoding="utf-8").splitlines()
    corrected = CORRECTED_ROTTERDAM.read_text(encoding="utf-8").splitlines()

    assert len(shipped) == len(corrected)
    lines = enumerate(zip(shipped, corrected, strict=True), start=1)
    differences = [(number, old.split(",")[:3], new.split(",")[:3]) for number, (old, new) in lines if old != new]
    assert differences == [(4, ["Aldicarb", "", "116-06-03"], ["Aldicarb", "", "116-06-3"])]


def test_cas_numbers_with_a_wrong_check_digit_are_reported_per_row(run_import, write_csv):
    stockholm = write_csv(
        "stockholm.csv",
        STOCKHOLM_HEADER,
        "B,DDT,50-29-3,row,test",
        "A,Aldrin,309-00-3,row,test",
        'A,Hexabromocyclododecane,"25637-99-4;3194-55-6;134237-50-7",definition,test',
        "D,Mirex,2385-85-5,row,test",
        "B,DDT,50-29-3,row,test",
    )

    with pytest.raises(CommandError) as rejected:
        run_import(stockholm)

    assert str(rejected.value).splitlines() == [
        f"{stockholm}:3: cas: “309-00-3” has a wrong check digit: it would be 2",
        f"{stockholm}:4: cas: “134237-50-7” has a wrong check digit: it would be 6",
        f"{stockholm}:5: annex: “D” is not A, B or C",
        f"{stockholm}:6: chemical: “DDT” is already listed in this annex on line 2",
        "Nothing was written: 4 rows rejected, 0 files rejected whole.",
    ]
    assert stored_rows() == NOTHING_STORED


def test_bad_meetings_are_reported_per_row_and_nothing_is_stored(run_import, write_csv):
    meetings = write_csv(
        "meetings.csv",
        MEETINGS_HEADER,
        COP_16,
        "atlantis-workshop,Workshop in Atlantis,workshop,BC,,2026-03-02,2026-03-04,,,Europe/Zurich,Atlantis,,XYZ,,,,,",
        "leap-day,Workshop,workshop,BC,,2019-02-30,2019-03-01,,,Europe/Zurich,Geneva,,CHE,,,,,",
        "backwards,Webinar,webinar,SC,,2026-05-10,2026-05-08,,,Europe/Zurich,,,,https://example.org/,,,,",
        "short,Webinar,webinar,SC,,2026-05-10,2026-05-10,14:00,13:00,Mars/Olympus,,,,,,,,",
        "bad-kind,Summit,summit,XX,,2026-05-10,2026-05-10,,,Europe/Zurich,,,,ftp://example.org/,,maybe,,",
        COP_16,
    )

    with pytest.raises(CommandError) as rejected:
        run_import(meetings)

    assert str(rejected.value).splitlines() == [
        f"{meetings}:3: country_iso3: unknown country code “XYZ”",
        f"{meetings}:4: start_date: “2019-02-30” is not a date in the form yyyy-mm-dd",
        f"{meetings}:5: end_date: the meeting ends (2026-05-08) before it starts (2026-05-10)",
        f"{meetings}:6: end_time: on a one-day meeting it must be after start_time (14:00); "
        "timezone: “Mars/Olympus” is not an IANA time zone name such as Africa/Dakar",
        f"{meetings}:7: kind: “summit” is not one of cop, excop, oewg, icc, crc, poprc, bureau, workshop, webinar, "
        "other; conventions: unknown convention code “XX” (known: BC, BAN, RC, SC); "
        "online_url: “ftp://example.org/” is not a web address starting with http:// or https://; "
        "status: “maybe” is not one of scheduled, postponed, cancelled",
        f"{meetings}:8: slug: “bc-cop-16” is already on line 2",
        "Nothing was written: 6 rows rejected, 0 files rejected whole.",
    ]
    assert stored_rows() == NOTHING_STORED


def test_bad_decisions_are_reported_per_row_and_nothing_is_stored(run_import, write_csv):
    decisions = write_csv(
        "decisions.csv",
        DECISIONS_HEADER,
        "BC-14/12,Basel,14,Plastic waste amendments,https://www.basel.int/",
        "BC-14,Basel,14,No number,https://www.basel.int/",
        "SC-4/17,Basel,4,Wrong convention,https://chm.pops.int/",
        "RC-9/5,Rotterdam,8,Wrong meeting,https://www.pic.int/",
        "SC-8/3,Stockholm,8,Polychlorinated biphenyls,same as SC-9/9",
        "XY-1/1,Kyoto,one,,not an address",
        "bc 14/12,basel,14,The same decision typed otherwise,",
    )

    with pytest.raises(CommandError) as rejected:
        run_import(decisions)

    assert str(rejected.value).splitlines() == [
        f"{decisions}:3: code: “BC-14” is not a decision code such as BC-14/12, SC-4/17 or BC.Ex-1/1",
        f"{decisions}:4: convention: “Basel” does not match the code SC-4/17",
        f"{decisions}:5: cop: “8” does not match the code RC-9/5",
        f"{decisions}:7: code: “XY-1/1” is not a decision code such as BC-14/12, SC-4/17 or BC.Ex-1/1; "
        "convention: unknown convention “Kyoto”; cop: “one” is not the number of a meeting such as 14 (or Ex-1); "
        "title: missing",
        f"{decisions}:8: code: BC-14/12 is already on line 2",
        "Nothing was written: 5 rows rejected, 0 files rejected whole.",
    ]
    assert stored_rows() == NOTHING_STORED

    # Once every row is valid on its own, a "same as" that names no row is reported too.
    same_as = write_csv("same-as.csv", DECISIONS_HEADER, "SC-8/3,Stockholm,8,Polychlorinated biphenyls,same as SC-9/9")
    with pytest.raises(CommandError, match=r"same-as.csv:2: source_url: “same as SC-9/9” names no row of this file"):
        run_import(same_as)


def test_a_file_whose_header_has_no_known_shape_is_rejected_whole(run_import, write_csv):
    meetings = write_csv(
        "meetings.csv",
        "slug,title,kind,conventions,start_date,finish_date",
        "bc-cop-16,Sixteenth meeting,cop,BC,2023-05-01,2023-05-12",
    )
    good = write_csv("decisions.csv", DECISIONS_HEADER, "BC-14/12,Basel,14,Plastic waste amendments,")

    with pytest.raises(CommandError) as rejected:
        run_import(good, meetings)

    message = str(rejected.value)
    assert f"{meetings}: rejected whole: the header “slug,title,kind,conventions,start_date,finish_date”" in message
    assert "meetings: slug,title,kind,conventions,start_date,end_date" in message
    assert "Nothing was written: 0 rows rejected, 1 file rejected whole." in message
    assert stored_rows() == NOTHING_STORED


def test_an_editors_change_survives_a_reimport_and_overwrite_replaces_it(run_import, write_csv):
    meetings = write_csv("meetings.csv", MEETINGS_HEADER, COP_16)
    run_import(meetings)
    meeting = Meeting.objects.get(slug="bc-cop-16")
    assert meeting.sequence == 0
    # An editor corrects the title in the admin.
    meeting.title = "BC COP-16 (Geneva, 2023)"
    meeting.save()

    # A newer file brings another venue: it is taken, the editor's title is kept.
    newer = write_csv("meetings-2.csv", MEETINGS_HEADER, COP_16.replace(",CICG,", ",Palexpo,"))
    output = run_import(newer)
    meeting.refresh_from_db()
    assert (meeting.title, meeting.venue) == ("BC COP-16 (Geneva, 2023)", "Palexpo")
    assert "(meetings): 0 created, 1 updated, 0 unchanged (1 value kept as an editor changed it), 0 rejected" in output
    assert "1 value an editor changed in the admin was kept; --overwrite replaces it with the file's." in output
    # The place changed: calendars that subscribed must replace the event.
    assert meeting.sequence == 1

    assert "0 created, 0 updated, 1 unchanged (1 value kept" in run_import(newer)
    meeting.refresh_from_db()
    assert meeting.title == "BC COP-16 (Geneva, 2023)"

    output = run_import("--overwrite", newer)
    meeting.refresh_from_db()
    assert meeting.title == "Sixteenth meeting of the Conference of the Parties to the Basel Convention"
    assert "(meetings): 0 created, 1 updated, 0 unchanged, 0 rejected" in output
    # Only the title changed: not the dates, place or status.
    assert meeting.sequence == 1


def test_a_cancelled_meeting_and_an_online_one(run_import, write_csv):
    meetings = write_csv(
        "meetings.csv",
        MEETINGS_HEADER,
        "pacific-workshop,Pacific workshop,workshop,BC,,2026-12-01,2026-12-02,09:00,17:00,Pacific/Fiji,Suva,,FJI,,,"
        "cancelled,Called off.,",
        "webinar,Webinar,Webinar,SC;RC,,2026-12-10,2026-12-10,13:00,14:30,Europe/Zurich,,,,https://example.org/w,,,,",
    )

    run_import(meetings)

    workshop = Meeting.objects.get(slug="pacific-workshop")
    assert (workshop.status, workshop.timezone, workshop.start_time) == (
        MeetingStatus.CANCELLED,
        "Pacific/Fiji",
        datetime.time(9, 0),
    )
    webinar = Meeting.objects.get(slug="webinar")
    assert (webinar.kind, webinar.status, webinar.country, webinar.online_url) == (
        MeetingKind.WEBINAR,
        MeetingStatus.SCHEDULED,
        None,
        "https://example.org/w",
    )
    assert set(webinar.conventions.values_list("code", flat=True)) == {"SC", "RC"}


def test_decisions_find_their_meeting_topics_and_related_decisions(run_import, write_csv):
    decisions = write_csv(
        "decisions.csv",
        "code,convention,cop,title,source_url,summary,year,thematic_areas,related",
        "BC-16/1,BC,16,Strategic framework,https://www.basel.int/,Adopted a framework.,2023,"
        "national-coordination;technical-assistance,",
        "bc-16/2,Basel,16,Budget,same as BC-16/1,,2023,financial-resources,BC-16/1",
        "BC.Ex-1/1,Basel,Ex-1,Synergies,,,2010,,",
    )
    run_import(decisions)
    assert Decision.objects.get(code="BC-16/1").meeting is None

    # The meetings arrive later: a re-import links the decisions to them.
    meetings = write_csv(
        "meetings.csv",
        MEETINGS_HEADER,
        COP_16,
        "excops-1,ExCOPs,excop,BC;RC;SC,1,2010-02-22,2010-02-24,,,Asia/Makassar,Bali,,IDN,,,,,",
    )
    output = run_import(meetings, decisions)

    assert "(COP decisions): 0 created, 3 updated, 0 unchanged" in output
    framework = Decision.objects.get(code="BC-16/1")
    assert (framework.meeting.slug, framework.year, framework.summary) == ("bc-cop-16", 2023, "Adopted a framework.")
    assert set(framework.thematic_areas.values_list("slug", flat=True)) == {
        "national-coordination",
        "technical-assistance",
    }
    budget = Decision.objects.get(code="BC-16/2")
    assert budget.official_url == "https://www.basel.int/"
    # Related both ways.
    assert list(budget.related.values_list("code", flat=True)) == ["BC-16/1"]
    assert list(framework.related.values_list("code", flat=True)) == ["BC-16/2"]
    extraordinary = Decision.objects.get(code="BC.Ex-1/1")
    assert (extraordinary.is_extraordinary, extraordinary.meeting.slug) == (True, "excops-1")

    assert "0 created, 0 updated, 3 unchanged" in run_import(meetings, decisions)


def test_a_rotterdam_entry_of_several_rows_keeps_one_category(run_import, write_csv):
    rotterdam = write_csv(
        "rotterdam.csv",
        ROTTERDAM_HEADER,
        "Asbestos,Actinolite,77536-66-4,Industrial,test",
        "Asbestos,Amosite,12172-73-5,Pesticide,test",
        "Lindane,,58-89-9,Fungicide,test",
    )

    with pytest.raises(CommandError) as rejected:
        run_import(rotterdam)

    assert str(rejected.value).splitlines()[:2] == [
        f"{rotterdam}:4: category: “Fungicide” is not one of pesticide, industrial, shpf, pesticide_industrial",
        "Nothing was written: 1 row rejected, 0 files rejected whole.",
    ]
    fixed = write_csv("fixed.csv", ROTTERDAM_HEADER, *rotterdam.read_text(encoding="utf-8").splitlines()[1:3])
    with pytest.raises(CommandError, match=r"fixed.csv:3: category: “Pesticide” differs from “Industrial”"):
        run_import(fixed)
    assert stored_rows() == NOTHING_STORED


def test_waste_streams_need_known_decisions_and_topics(run_import, write_csv):
    wastes = write_csv(
        "wastes.csv",
        WASTE_HEADER,
        "plastic-waste,Plastic waste,Summary.,Y48 / A3210 / B3011,BC-14/12,plastic-waste",
        "e-waste,E-waste,Summary.,,BC-99,e-waste;space-debris",
    )

    with pytest.raises(CommandError) as rejected:
        run_import(wastes)

    assert str(rejected.value).splitlines()[:3] == [
        f"{wastes}:2: decision_codes: BC-14/12 has not been imported (import the decisions file first)",
        f"{wastes}:3: entries: missing; decision_codes: “BC-99” is not a decision code such as BC-14/12, SC-4/17 "
        "or BC.Ex-1/1; thematic_areas: unknown thematic area “space-debris” (known: environmentally-sound-management, "
        "transboundary-movements, plastic-waste, e-waste, prior-informed-consent, pesticides, industrial-chemicals, "
        "pops-elimination, pcbs, ddt-alternatives, contaminated-sites, national-implementation-plans, "
        "legal-institutional-frameworks, customs-enforcement, technical-assistance, financial-resources, "
        "gender-vulnerable-groups, monitoring-effectiveness, science-policy, public-awareness, national-coordination)",
        "Nothing was written: 2 rows rejected, 0 files rejected whole.",
    ]
    assert stored_rows() == NOTHING_STORED


def test_the_example_focal_points_import_and_bad_rows_are_reported(run_import, write_csv):
    example = DATA_DIRECTORY / "focal_points_example.csv"
    output = run_import(example)

    rows = rows_of("focal_points_example.csv")
    assert FocalPoint.objects.count() == len(rows) == 5
    assert all(row["email"].endswith("@example.org") for row in rows)
    kenya = FocalPoint.objects.get(country__iso3="KEN")
    assert (kenya.kind, kenya.email, kenya.updated_on) == (
        FocalPointKind.BC_FOCAL_POINT,
        "basel.focal.point.ken@example.org",
        datetime.date(2026, 1, 15),
    )
    assert "(focal points): 5 created, 0 updated, 0 unchanged, 0 rejected" in output
    assert "(focal points): 0 created, 0 updated, 5 unchanged" in run_import(example)

    bad = write_csv(
        "focal-points.csv",
        FOCAL_POINTS_HEADER,
        "KEN,Minister,,,,Ministry,,,,not-an-email,,,2026-02-30",
        "XKX,rc_dna,,,,,,,,,,,",
        "GHA,Rotterdam designated national authority,Office,,,EPA,,,,,,,",
        "GHA,rc_dna,office,,,epa,,,,,,,",
    )
    with pytest.raises(CommandError) as rejected:
        run_import(bad)
    assert str(rejected.value).splitlines() == [
        f"{bad}:2: kind: “Minister” is not one of bc_focal_point, bc_competent_authority, rc_dna, "
        "rc_official_contact, sc_focal_point, sc_official_contact; email: “not-an-email” is not an email address; "
        "updated_on: “2026-02-30” is not a date in the form yyyy-mm-dd",
        f"{bad}:3: country_iso3: unknown country code “XKX”; organisation: missing",
        f"{bad}:5: the same country, kind, organisation and office are already on line 4",
        "Nothing was written: 3 rows rejected, 0 files rejected whole.",
    ]
    assert FocalPoint.objects.count() == 5


def test_the_demo_adds_meetings_around_today_and_focal_points_for_the_demo_members():
    today = datetime.date(2026, 11, 27)

    counts = seed_packages(today=today)

    # Rows created: meetings 36 and 24 more from the sourced file (its other 38 rows are meetings of the
    # first file or of another convention's row), decisions 33 + 56 + 11, listings 43 + 58, waste streams 5.
    assert counts == {"imported": 36 + 24 + 33 + 56 + 11 + 43 + 58 + 5, "meetings": 6, "focal_points": 8, "tags": 40}
    demo = Meeting.objects.filter(slug__startswith="demo-")
    upcoming = demo.filter(start_date__gt=today)
    assert set(upcoming.values_list("status", flat=True)) == {
        MeetingStatus.SCHEDULED,
        MeetingStatus.CANCELLED,
        MeetingStatus.POSTPONED,
    }
    assert set(upcoming.filter(status=MeetingStatus.SCHEDULED).values_list("kind", flat=True)) == {
        MeetingKind.WEBINAR,
        MeetingKind.WORKSHOP,
    }
    assert demo.filter(end_date__lt=today).count() == 1
    nairobi = demo.get(slug="demo-workshop-pcb-elimination-africa")
    assert (nairobi.country.iso3, nairobi.timezone, nairobi.start_date) == (
        "KEN",
        "Africa/Nairobi",
        today + datetime.timedelta(days=40),
    )
    # Each demo member verified as a focal point has the entry of their country and kind.
    for member in load_members().focal_points:
        entries = FocalPoint.objects.filter(country__iso3=member.country, kind=member.focal_point_kind)
        assert entries.filter(person=member.name).count() == 1
    demo_countries = {"KEN", "COL", "VNM", "GHA", "SEN", "FRA"}
    assert demo_countries <= set(FocalPoint.objects.values_list("country__iso3", flat=True))
    assert all(email.endswith("@example.org") for email in FocalPoint.objects.values_list("email", flat=True))
    assert set(ChemicalProfile.objects.get(slug="ddt").decisions.values_list("code", flat=True)) == {
        "SC-2/2",
        "SC-4/2",
        "SC-7/2",
        "SC-8/2",
    }
    assert Decision.objects.filter(thematic_areas__slug="ddt-alternatives").count() == 4
    before = stored_rows()

    # Again, the next day: nothing new; the demo meetings move with the date.
    again = seed_packages(today=today + datetime.timedelta(days=1))

    assert again == {"imported": 0, "meetings": 0, "focal_points": 0, "tags": 0}
    assert stored_rows() == before
    nairobi.refresh_from_db()
    assert nairobi.start_date == today + datetime.timedelta(days=41)
