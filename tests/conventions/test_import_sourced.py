"""The sourced reference files of the second round (conventions/data, from
the shared data folder): every Stockholm and Rotterdam listing with its
decision and how sure the source is, every conference of the Parties, more
decisions, and the regional centres with the countries they serve; the
conflicts between sources they report, and what readers see of them."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from conventions.constants import ListingAnnex, MeetingKind, SourceStatus, TitleStatus
from conventions.importers import DEFAULT_REFERENCE_FILES
from conventions.models import ChemicalProfile, Decision, Listing, Meeting, RegionalCentre

# Every test is a database test: pytest-django runs them before the
# transactional tests, which flush the rows the migrations wrote.
pytestmark = pytest.mark.django_db

PFOS = "perfluorooctane-sulfonic-acid-its-salts-and-perfluorooctane-sulfonyl-fluoride"
SOURCED_FILES = (
    "stockholm_listings.csv",
    "rotterdam_annex_iii_listings.csv",
    "meetings_cops.csv",
    "decisions_recent.csv",
    "decisions_other_confirmed.csv",
    "regional_centres_served.csv",
)
ROTTERDAM_HEADER = (
    "entry,components,cas_numbers,category,listing_decision,decision_code_status,year,meeting,status,source,notes"
)
STOCKHOLM_HEADER = (
    "name,abbreviation,cas_numbers,annex,listing_decision,decision_code_status,year_listed,meeting,"
    "exemptions_summary,source,notes"
)


def import_files(*paths) -> str:
    stdout = io.StringIO()
    call_command("import_reference_data", *[str(path) for path in paths], stdout=stdout, stderr=io.StringIO())
    return stdout.getvalue()


def rejected(*paths) -> str:
    with pytest.raises(CommandError) as error:
        import_files(*paths)
    return str(error.value)


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """The default run, once for the module, rolled back afterwards; its output."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = import_files()
        yield output
        transaction.set_rollback(True)


def test_the_default_run_imports_every_sourced_file(imported):
    assert set(SOURCED_FILES) <= set(DEFAULT_REFERENCE_FILES)
    assert "stockholm_annexes_abc.csv" not in DEFAULT_REFERENCE_FILES
    for name, rows in (
        ("stockholm_listings.csv", 43),
        ("rotterdam_annex_iii_listings.csv", 58),
        ("meetings_cops.csv", 62),
        ("decisions_recent.csv", 11),
        ("decisions_other_confirmed.csv", 62),
        ("regional_centres_served.csv", 23),
    ):
        line = next(line for line in imported.splitlines() if line.startswith(f"conventions/data/{name} "))
        counts = re.search(r"(\d+) created, (\d+) updated, (\d+) unchanged, 0 rejected", line)
        assert counts, line
        assert sum(int(count) for count in counts.groups()) == rows, line
    assert "Reference data imported" in imported


def test_each_listing_keeps_its_decision_year_and_how_sure_the_source_is(imported):
    stockholm = Listing.objects.filter(annex__in=[ListingAnnex.SC_A, ListingAnnex.SC_B, ListingAnnex.SC_C])
    assert stockholm.count() == 43
    rotterdam = Listing.objects.filter(annex=ListingAnnex.RC_III)
    assert rotterdam.count() == 58

    chlorpyrifos = Listing.objects.get(profile__slug="chlorpyrifos")
    assert (chlorpyrifos.decision_code, chlorpyrifos.decision_status, chlorpyrifos.year_listed) == (
        "SC-12/9",
        SourceStatus.CONFIRMED,
        2025,
    )
    methoxychlor = Listing.objects.get(profile__slug="methoxychlor")
    assert (methoxychlor.decision_code, methoxychlor.decision_status) == ("SC-11/10", SourceStatus.UNCONFIRMED)
    aldrin = Listing.objects.get(profile__slug="aldrin", annex=ListingAnnex.SC_A)
    assert (aldrin.in_original_text, aldrin.decision_code, aldrin.year_listed) == (True, "", 2001)
    assert aldrin.decision_status == SourceStatus.NOT_STATED
    # Rotterdam's original-versus-interim split is from general knowledge, says the file: unconfirmed.
    rotterdam_aldrin = Listing.objects.get(profile__slug="aldrin", annex=ListingAnnex.RC_III)
    assert (rotterdam_aldrin.in_original_text, rotterdam_aldrin.decision_status) == (True, SourceStatus.UNCONFIRMED)
    # A listing is linked to its decision when that decision was imported.
    alachlor = Listing.objects.get(profile__slug="alachlor")
    assert alachlor.decision.code == "RC-5/3"
    assert alachlor.decision.title == "Inclusion of alachlor in Annex III"

    # Deleted entries are kept as such; tributyltin is listed in two categories.
    crocidolite = Listing.objects.get(entry="Crocidolite")
    assert crocidolite.is_deleted
    assert crocidolite.notes.startswith("deleted 2004 (RC-1/3")
    assert rotterdam.filter(is_deleted=True).count() == 4
    assert sorted(
        Listing.objects.filter(profile__slug="all-tributyltin-compounds").values_list("category", "decision_code")
    ) == [("industrial", "RC-8/5"), ("pesticide", "")]


def test_one_chemical_is_one_profile_whatever_each_annex_calls_it(imported):
    """PFOS: Stockholm Annex B (listed by SC-4/17, amended by SC-9/4) and
    Rotterdam Annex III's wording share CAS numbers, so one profile."""
    pfos = ChemicalProfile.objects.get(slug=PFOS)
    assert sorted(pfos.listings.values_list("annex", "decision_code")) == [
        (ListingAnnex.RC_III, ""),
        (ListingAnnex.SC_B, "SC-4/17"),
        (ListingAnnex.SC_B, "SC-9/4"),
    ]
    # (JSON containment is PostgreSQL's only: read the lists.)
    assert [each.slug for each in ChemicalProfile.objects.all() if "1763-23-1" in each.cas_numbers] == [PFOS]
    assert {"PFOS", "PFOSF", "N-EtFOSA"} <= set(pfos.synonyms)
    # The abbreviations and components are other names.
    for slug, names in (
        ("hexabromocyclododecane", {"HBCD", "HBCDD"}),
        ("tetrabromodiphenyl-ether-and-pentabromodiphenyl-ether", {"pentaBDE", "c-PentaBDE"}),
        ("short-chain-chlorinated-paraffins", {"SCCPs"}),
        ("perfluorohexane-sulfonic-acid-pfhxs-its-salts-and-pfhxs-related-compounds", {"PFHxS"}),
        ("all-tributyltin-compounds", {"tributyltin oxide", "tributyltin fluoride"}),
        ("asbestos", {"crocidolite", "tremolite"}),
    ):
        assert names <= set(ChemicalProfile.objects.get(slug=slug).synonyms), slug
    # A formulation is not merged with a chemical it contains, nor a group with one of its members.
    assert ChemicalProfile.objects.get(slug="carbofuran").listings.get().decision_code == "RC-8/2"
    assert ChemicalProfile.objects.get(slug="polybrominated-biphenyls").listings.get().annex == ListingAnnex.RC_III
    assert "Polybrominated biphenyls" not in ChemicalProfile.objects.get(slug="hexabromobiphenyl").synonyms
    # A component that describes ("K, Li, NH4 … salts") is not a name.
    assert not [name for name in pfos.synonyms if name.startswith("K, Li")]
    # The listings of 2015 to 2025 are there.
    for slug in ("dicofol", "methoxychlor", "dechlorane-plus-and-its-syn-and-anti-isomers", "uv-328", "chlorpyrifos"):
        assert ChemicalProfile.objects.filter(slug=slug).exists(), slug


def test_every_conference_is_a_meeting_and_unconfirmed_dates_say_so(imported):
    cops = Meeting.objects.filter(kind=MeetingKind.COP, conventions__code="BC").exclude(number=None)
    assert sorted(cops.values_list("number", flat=True)) == list(range(1, 19))
    first = Meeting.objects.get(slug="bc-cop-1")
    assert (str(first.start_date), first.city, first.country.iso3) == ("1992-12-03", "Piriápolis", "URY")
    assert first.facts_status == SourceStatus.CONFIRMED
    for slug in ("bc-cop-3", "bc-cop-6", "crc-21", "bc-cop-18"):
        assert Meeting.objects.get(slug=slug).facts_status == SourceStatus.UNCONFIRMED, slug
    # The simultaneous extraordinary meetings: one meeting of three conventions.
    excops = Meeting.objects.get(slug="excops-2")
    assert set(excops.conventions.values_list("code", flat=True)) == {"BC", "RC", "SC"}
    # A meeting the calendar file stored keeps its identifier and title.
    resumed = Meeting.objects.get(slug="brs-cops-2022-resumed")
    assert resumed.number is None
    assert "meetings_cops.csv" not in resumed.title
    assert resumed.source.startswith("http")
    # Decisions of every year are linked to their conference.
    assert Decision.objects.get(code="BC-9/10").meeting.slug == "bc-cop-9"  # "IX/10" in the file


def test_decisions_keep_how_exact_their_titles_are(imported):
    assert Decision.objects.count() == 100
    ban = Decision.objects.get(code="BC-3/1")  # "III/1" in the file, as early Basel decisions were numbered
    assert (ban.year, ban.title_status, ban.meeting.slug) == (1995, TitleStatus.PARAPHRASED, "bc-cop-3")
    assert "Ban Amendment" in ban.keywords
    assert ban.official_url.startswith("https://www.basel.int/")
    # A decision of the two-segment meetings of 2021-2022 is dated by its adoption.
    assert Decision.objects.get(code="BC-15/3").year == 2022
    # The title another file stored stays; the difference is reported.
    assert Decision.objects.get(code="SC-2/9").title == "Technical assistance"
    assert (
        "decisions_other_confirmed.csv:53: SC-2/9: titled “Technical assistance (terms of reference for regional "
        "and subregional centres)” here, “Technical assistance” by an earlier file" in imported
    )
    assert Decision.objects.filter(year=None, meeting=None).count() == 0


def test_centres_get_the_countries_they_serve_and_keep_their_coordinates(imported):
    assert RegionalCentre.objects.count() == 23
    uruguay = RegionalCentre.objects.get(host_country__iso3="URY")
    assert uruguay.slug == "bccc-scrc-uruguay-latu-ministry-of-housing-land-planning-and-environment"
    assert (uruguay.latitude, uruguay.countries_served.count()) == (-34.90328, 30)
    assert uruguay.host_institution.startswith("Uruguayan Technological Laboratory")
    assert uruguay.countries_served_note == "stated by source"
    served = RegionalCentre.objects.filter(countries_served__isnull=False).distinct()
    assert served.count() == 4
    unconfirmed = RegionalCentre.objects.filter(facts_status=SourceStatus.UNCONFIRMED)
    assert sorted(unconfirmed.values_list("host_country__iso3", flat=True)) == ["DZA", "KEN", "PAN"]
    assert not RegionalCentre.objects.get(host_country__iso3="ARG").city_confirmed
    # A centre new in this file: its source, and no coordinates to put it on the map.
    india = RegionalCentre.objects.get(host_country__iso3="IND")
    assert india.source_url.startswith("http://www.neeri.res.in/")
    assert (india.latitude, india.countries_served.count()) == (None, 11)


def test_the_conflicts_between_sources_are_reported(imported):
    assert (
        "stockholm_listings.csv:26: Hexabromocyclododecane: the sources disagree on the listing decision: "
        "SC-6/13 here, SC-6/11 in the notes" in imported
    )
    assert Listing.objects.get(profile__slug="hexabromocyclododecane", annex=ListingAnnex.SC_A).decision_code == (
        "SC-6/13"
    )


def test_a_second_run_writes_nothing(imported):
    with CaptureQueriesContext(connection) as queries:
        output = import_files()
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert "Nothing to do: every row is unchanged." in output


def page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_pages_show_unconfirmed_values_as_unconfirmed(client, imported):
    listings = page(client, "/en/chemicals/methoxychlor/").find(id="listings-heading").find_parent("section")
    row = listings.find("tbody").find("tr")
    assert "SC-11/10" in row.get_text()
    assert row.find(class_="badge", string="unconfirmed")

    chlorpyrifos = page(client, "/en/chemicals/chlorpyrifos/").find(id="listings-heading").find_parent("section")
    assert "SC-12/9" in chlorpyrifos.get_text()
    assert not chlorpyrifos.find(class_="badge", string="unconfirmed")

    original = page(client, "/en/chemicals/captafol/").find(id="listings-heading").find_parent("section")
    assert "the Convention's original text" in original.get_text()
    assert original.find(class_="badge", string="unconfirmed")

    asbestos = page(client, "/fr/chemicals/asbestos/")
    deleted = [row for row in asbestos.select("tbody tr") if "Crocidolite" in row.get_text()]
    assert deleted and deleted[0].find(class_="badge", string=re.compile("annexe|annex"))

    meeting = page(client, "/en/calendar/bc-cop-3/")
    assert meeting.find(string="Dates or place unconfirmed")
    assert not page(client, "/en/calendar/bc-cop-7/").find(string="Dates or place unconfirmed")

    decision = page(client, "/en/decisions/BC-3-1/")
    assert decision.find(string=re.compile("paraphrases the decision"))

    kenya = RegionalCentre.objects.get(host_country__iso3="KEN")
    centre = page(client, f"/en/regional-centres/{kenya.slug}/")
    assert centre.find(class_="alert-warning", string=re.compile("No source at hand confirms"))
    uruguay = RegionalCentre.objects.get(host_country__iso3="URY")
    served = page(client, f"/en/regional-centres/{uruguay.slug}/").find(id="served-heading").find_parent("section")
    assert len(served.find_all("li")) == 30
    assert "stated by source" in served.get_text()
