"""The demo content under demo/content/, checked as data: everything a file
names exists (demo members, thematic areas, countries, regions, decisions,
groups) and every knowledge item fits its type, so a broken file fails here
rather than halfway through `manage.py seed_demo`. No database: the files are
read with demo.content and compared with the reference data files."""

import csv
import datetime
import importlib
import re
import zoneinfo
from collections import Counter

import pytest
from django.conf import settings
from django.utils.text import slugify

from community.constants import GroupPrivacy
from conventions.codes import parse_decision_code
from conventions.constants import FocalPointKind, MeetingKind, MeetingStatus
from conventions.importers import DATA_DIRECTORY, RegionalGroupsImporter
from demo.content import (
    DemoContentError,
    load_documents,
    load_focal_points,
    load_groups,
    load_knowledge_items,
    load_meetings,
    load_members,
    load_tagging,
    load_threads,
)
from knowledge.forms import TYPE_FIELDS
from knowledge.services import ITEM_TYPES_BY_KEY
from packages.models import DocumentKind


def _rows(name: str) -> list[dict]:
    with open(DATA_DIRECTORY / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


# The reference data the demo is seeded on.
GROUP_ROWS = _rows("un_regional_groups.csv")
GROUPS_OF: dict[str, set[str]] = {}
for row in GROUP_ROWS:
    GROUPS_OF.setdefault(row["iso3"], set()).add(row["group_code"])
REGIONS = set().union(*GROUPS_OF.values())
DECISIONS = {row["code"] for row in _rows("cop_decisions_sample.csv")}
CENTRE_COUNTRIES = {row["country_iso2"] for row in _rows("regional_centres.csv")}
# The conventions and the thematic areas are not files: a data migration
# loads them (and editors maintain them in the admin afterwards).
VOCABULARY = importlib.import_module("conventions.migrations.0002_instruments_and_thematic_areas")
TOPICS = {slug for slug, _name in VOCABULARY.THEMATIC_AREAS}
CONVENTIONS = {instrument[0] for instrument in VOCABULARY.INSTRUMENTS}
# seed_demo names each regional group's forum group after its short name.
REGIONAL_GROUP_SLUGS = {
    slugify(RegionalGroupsImporter.SHORT_NAMES.get(row["group_code"]) or row["group_name"]) for row in GROUP_ROWS
}
LANGUAGES = {code for code, _name in settings.LANGUAGES}

# The demo content.
MEMBERS = load_members()
EVERYONE = {member.handle for member in MEMBERS.everyone()}
# Knowledge items are submitted by members of the hub, not by the secretariat.
COUNTRY_OF_SUBMITTER = {
    member.handle: member.country for member in [*MEMBERS.focal_points, *MEMBERS.experts, *MEMBERS.members]
}
ITEMS = load_knowledge_items()
THREADS = load_threads()
GROUPS = load_groups()
THEMATIC_GROUP_SLUGS = {group.slug for group in GROUPS.thematic}

# The day the content was written: project statuses are true as of then.
WRITTEN_ON = datetime.date(2026, 11, 27)
STATES = {"published", "in_review", "changes_requested", "declined", "draft"}
MIN_PER_TYPE = {
    "best_practice": 9,
    "project_summary": 6,
    "coordination_mechanism": 6,
    "awareness_material": 5,
    "legal_information": 5,
}
MIN_PER_STATE = {"in_review": 4, "changes_requested": 2, "declined": 1, "draft": 2}
# The model has no choices for it; these are the currencies the demo's projects are funded in.
DEMO_CURRENCIES = {"USD", "EUR"}
LIST_ITEM = re.compile(r"(- |\d+\. )")


def _name(content) -> str:
    return content.path.name


def _choices(item_type: str, name: str) -> set[str] | None:
    if name == "funding_currency":
        return DEMO_CURRENCIES
    field = ITEM_TYPES_BY_KEY[item_type].model._meta.get_field(name)
    return {value for value, _label in field.choices} if field.choices else None


# Members -----------------------------------------------------------------------


def test_members_have_unique_handles_that_work_in_addresses():
    handles = [member.handle for member in MEMBERS.everyone()]
    assert len(set(handles)) == len(handles), Counter(handles).most_common(1)
    for handle in handles:
        assert handle == slugify(handle), handle  # /people/<handle>/


def test_member_emails_can_reach_no_one():
    # .example is reserved (RFC 2606): the demo's published password opens no real mailbox.
    assert MEMBERS.domain.endswith(".example")
    assert MEMBERS.password


@pytest.mark.parametrize("member", MEMBERS.everyone(), ids=lambda member: member.handle)
def test_member_lives_in_a_country_of_the_reference_data_and_speaks_the_sites_languages(member):
    assert member.name and member.title and member.organisation and member.bio
    # A country of a UN regional group: seed_demo adds the member to that group.
    assert member.country in GROUPS_OF
    assert member.languages and len(set(member.languages)) == len(member.languages)
    assert set(member.languages) <= LANGUAGES, set(member.languages) - LANGUAGES


def test_focal_points_experts_and_requests_name_known_kinds_and_topics():
    for member in MEMBERS.focal_points:
        assert member.focal_point_kind in FocalPointKind.values, member.handle
    for member in MEMBERS.experts:
        assert member.expertise and set(member.expertise) <= TOPICS, member.handle
    for member in MEMBERS.members:
        assert set(member.expert_request) <= TOPICS, member.handle
    assert any(member.expert_request for member in MEMBERS.members), "one request is left for the editor"


# Knowledge items -----------------------------------------------------------------


def test_there_are_enough_items_and_their_titles_are_unique():
    assert len(ITEMS) >= 32
    titles = Counter(item.title for item in ITEMS)
    assert len(titles) == len(ITEMS), titles.most_common(1)  # seed_demo finds an item again by its title


@pytest.mark.parametrize("item", ITEMS, ids=_name)
def test_item_is_described_with_the_reference_data(item):
    assert item.type in TYPE_FIELDS
    assert 0 < len(item.title) <= 120
    assert 0 < len(item.summary) <= 300
    countries = item.countries
    max_countries = 6 if item.type == "project_summary" else 3
    assert 1 <= len(countries) <= max_countries and len(set(countries)) == len(countries)
    assert all(country in GROUPS_OF for country in countries), countries
    expected_regions = set().union(*(GROUPS_OF[country] for country in countries))
    assert set(item.regions) <= REGIONS
    assert set(item.regions) == expected_regions or (not item.regions and len(countries) == 1), expected_regions
    assert item.conventions and set(item.conventions) <= CONVENTIONS
    assert 1 <= len(item.topics) <= 3 and set(item.topics) <= TOPICS, set(item.topics) - TOPICS
    assert 1 <= len(item.tags) <= 4
    assert all(tag and tag == tag.lower() and tag == tag.strip() for tag in item.tags), item.tags
    assert len(item.decisions) <= 2 and set(item.decisions) <= DECISIONS
    for code in item.decisions:
        assert code.split("-")[0] in item.conventions, code
    assert isinstance(item.year_start, int) and 1980 <= item.year_start <= 2030
    assert item.year_end is None or (isinstance(item.year_end, int) and item.year_start <= item.year_end <= 2035)
    assert 0 < len(item.organisation) <= 200


@pytest.mark.parametrize("item", ITEMS, ids=_name)
def test_item_is_submitted_by_a_member_of_one_of_its_countries_and_reviewed(item):
    assert item.submitter in COUNTRY_OF_SUBMITTER
    assert COUNTRY_OF_SUBMITTER[item.submitter] in item.countries, "the submitter's country"
    assert item.state in STATES
    needs_comment = item.state in {"changes_requested", "declined"}
    assert bool(item.review_comment.strip()) == needs_comment


@pytest.mark.parametrize("item", ITEMS, ids=_name)
def test_item_has_the_fields_of_its_type(item):
    fields = item.fields
    expected = {name for name, _kind in TYPE_FIELDS[item.type]}
    assert set(fields) == expected, set(fields) ^ expected
    for name, kind in TYPE_FIELDS[item.type]:
        value = fields[name]
        choices = _choices(item.type, name)
        if choices is not None:
            assert value in choices, (name, value)
        if kind == "markdown":
            assert value.strip(), name
            # A Markdown list needs a blank line before it, or it runs into the paragraph.
            lines = value.split("\n")
            for before, line in zip(lines, lines[1:], strict=False):
                assert not LIST_ITEM.match(line) or not before or LIST_ITEM.match(before), (name, line)
    if item.type == "project_summary":
        begins, ends = fields["start_date"], fields["end_date"]
        assert isinstance(begins, datetime.date) and (ends is None or isinstance(ends, datetime.date))
        assert begins.year == item.year_start and (ends.year if ends else None) == item.year_end
        assert not ends or ends > begins
        status = "planned" if begins > WRITTEN_ON else "completed" if ends and ends < WRITTEN_ON else "ongoing"
        assert fields["status"] == status
        assert isinstance(fields["funding_amount"], int) and fields["funding_amount"] > 0
        assert fields["funding_source"] and fields["partners"]
    if item.type == "coordination_mechanism":
        assert fields["legal_basis"].strip() and "\n" not in fields["legal_basis"]
    if item.type == "awareness_material":
        assert 0 < len(fields["audience"]) <= 200
    if item.type == "legal_information":
        assert fields["jurisdiction"] in item.countries
        assert 0 < len(fields["convention_articles"]) <= 300


@pytest.mark.parametrize("item", ITEMS, ids=_name)
def test_item_links_nowhere(item):
    texts = [item.title, item.summary, item.review_comment]
    texts += [value for value in item.fields.values() if isinstance(value, str)]
    assert not any("http" in text or "www." in text or "](" in text for text in texts)


def test_items_show_every_type_state_convention_and_region():
    types = Counter(item.type for item in ITEMS)
    states = Counter(item.state for item in ITEMS)
    assert all(types[item_type] >= count for item_type, count in MIN_PER_TYPE.items()), types
    assert all(states[state] >= count for state, count in MIN_PER_STATE.items()), states
    assert states["published"] > len(ITEMS) / 2, states
    assert {code for item in ITEMS for code in item.conventions} >= {"BC", "RC", "SC"}
    assert {region for item in ITEMS for region in item.regions} == REGIONS


# Forum -----------------------------------------------------------------------------


def test_thread_titles_are_unique():
    titles = Counter(thread.title for thread in THREADS)
    assert len(titles) == len(THREADS), titles.most_common(1)  # seed_demo finds a thread again by its title


@pytest.mark.parametrize("thread", THREADS, ids=_name)
def test_thread_is_between_demo_members(thread):
    assert thread.asker in EVERYONE
    for answer in thread.answers:
        assert answer.author in EVERYONE
        assert set(answer.voters) <= EVERYONE, set(answer.voters) - EVERYONE
        # The forum refuses a vote on one's own answer, and a second vote withdraws the first.
        assert answer.author not in answer.voters
        assert len(set(answer.voters)) == len(answer.voters)


@pytest.mark.parametrize("thread", THREADS, ids=_name)
def test_thread_is_filed_under_known_topics_countries_conventions_and_group(thread):
    assert thread.title and thread.body
    assert thread.topics and set(thread.topics) <= TOPICS, set(thread.topics) - TOPICS
    assert set(thread.countries) <= set(GROUPS_OF)
    assert set(thread.conventions) <= CONVENTIONS
    assert not thread.group or thread.group in REGIONAL_GROUP_SLUGS | THEMATIC_GROUP_SLUGS, thread.group


@pytest.mark.parametrize("thread", THREADS, ids=_name)
def test_thread_accepts_one_answer_at_most_and_its_state_fits(thread):
    assert sum(answer.accepted for answer in thread.answers) <= 1
    assert all(answer.body for answer in thread.answers)
    if thread.state == "held":
        assert not thread.answers, "a question awaiting review has no answers"
    if thread.state == "flagged":
        assert thread.answers, "the last answer is the one flagged"


def test_threads_show_every_state():
    states = Counter(thread.state for thread in THREADS)
    assert states["held"] == 1 and states["flagged"] == 1, states
    assert sum(not thread.answers for thread in THREADS) >= 5
    assert sum(any(answer.accepted for answer in thread.answers) for thread in THREADS) >= 10


def test_groups_are_run_by_demo_members():
    assert len(THEMATIC_GROUP_SLUGS) == len(GROUPS.thematic)
    assert not THEMATIC_GROUP_SLUGS & REGIONAL_GROUP_SLUGS
    for group in GROUPS.thematic:
        assert group.slug == slugify(group.slug), group.slug
        assert group.privacy in GroupPrivacy.values, group.name
        assert group.moderator in EVERYONE and set(group.members) <= EVERYONE, group.name
    for staff in GROUPS.centre_staff:
        assert staff.handle in EVERYONE
        assert staff.centre_country in CENTRE_COUNTRIES, staff.centre_country
    # The descriptions name only what seed_demo fills in.
    assert GROUPS.regional_description.format(name="African States")
    assert GROUPS.centre_description.format(name="BCRC Senegal", city="Dakar")
    assert GROUPS.centre_notice.title and GROUPS.centre_notice.body


# Information packages ----------------------------------------------------------------


def test_demo_meetings_are_of_known_kinds_places_and_times():
    meetings = load_meetings()
    slugs = [meeting.slug for meeting in meetings]
    assert len(set(slugs)) == len(slugs)
    for meeting in meetings:
        assert meeting.slug.startswith("demo-") and meeting.slug == slugify(meeting.slug), meeting.slug
        assert meeting.kind in MeetingKind.values and meeting.status in MeetingStatus.values, meeting.slug
        assert meeting.conventions and set(meeting.conventions) <= CONVENTIONS, meeting.slug
        assert meeting.days >= 1, meeting.slug
        assert bool(meeting.city) == bool(meeting.country), meeting.slug  # no city: online
        assert not meeting.country or meeting.country in GROUPS_OF, meeting.slug
        assert (meeting.start_time is None) == (meeting.end_time is None), meeting.slug
        assert meeting.start_time is None or meeting.start_time < meeting.end_time, meeting.slug
        zoneinfo.ZoneInfo(meeting.timezone)
    assert {meeting.status for meeting in meetings} == set(MeetingStatus.values)
    assert any(meeting.starts_in_days < 0 for meeting in meetings)


def test_demo_documents_name_known_meetings_kinds_languages_and_instruments():
    documents = load_documents()
    symbols = [document.symbol for document in documents]
    assert len(set(symbols)) == len(symbols)
    meetings = {row["slug"] for row in _rows("meetings.csv")}
    languages = {code for code, _name in settings.LANGUAGES}
    for document in documents:
        assert document.kind in DocumentKind.values, document.symbol
        assert document.languages and set(document.languages) <= languages, document.symbol
        assert set(document.titles) <= languages and "en" in document.titles, document.symbol
        if document.kind == "legal_text":
            assert document.instrument in {"BC", "BAN", "RC", "SC"}, document.symbol
            assert not document.adopted_by or parse_decision_code(document.adopted_by), document.symbol
        else:
            assert document.meeting in meetings, document.symbol
            assert document.conventions and set(document.conventions) <= CONVENTIONS, document.symbol
    assert {document.kind for document in documents} >= {"working", "information", "in_session", "legal_text"}


def test_demo_focal_points_are_of_other_countries_or_kinds_than_the_demo_members():
    members = {(member.country, member.focal_point_kind) for member in MEMBERS.focal_points}
    for focal_point in load_focal_points():
        assert focal_point.country in GROUPS_OF and focal_point.kind in FocalPointKind.values
        assert focal_point.organisation
        assert (focal_point.country, focal_point.kind) not in members


def test_demo_tagging_names_known_decisions_and_topics():
    tagging = load_tagging()
    for code, topics in tagging.decision_topics.items():
        assert code in DECISIONS and topics and set(topics) <= TOPICS, code
    for slug, tags in tagging.chemical_profiles.items():
        assert tags.topics and set(tags.topics) <= TOPICS, slug
        assert set(tags.decisions) <= DECISIONS, slug


# Malformed files ----------------------------------------------------------------------

THREAD = "title: Who ships e-waste?\nasker: sione-tupou\ntopics: [e-waste]\nbody: We collect 40 tonnes a year.\n"
MEETING = (
    "meetings:\n  - slug: demo-webinar\n    title: A webinar\n    kind: webinar\n    conventions: [BC]\n"
    '    starts_in_days: 12\n    days: 1\n    start_time: "13:00"\n    timezone: Europe/Zurich\n'
    "    status: scheduled\n    description: Online.\n"
)
ITEM_FRONT_MATTER = (
    "type: awareness_material\ntitle: Posters\nsummary: Posters for workers.\ncountries: [GHA]\nregions: []\n"
    "conventions: [BC]\ntopics: [e-waste]\ntags: [posters]\nyear_start: 2024\norganisation: EPA\n"
    "submitter: kwame-mensah\nstate: draft\naudience: Workers\nmaterial_format: poster\n"
)


@pytest.mark.parametrize(
    ("path", "text", "load", "message"),
    [
        ("members.yaml", "domain: [demo.example\n", load_members, "not valid YAML on line 2"),
        ("forum/01-e-waste.yaml", THREAD.replace("asker: sione-tupou\n", ""), load_threads, "asker: is missing"),
        ("forum/01-e-waste.yaml", THREAD + "colour: red\n", load_threads, "unknown keys: colour"),
        ("forum/01-e-waste.yaml", THREAD + "countries: [NO]\n", load_threads, "countries: expected a list of texts"),
        ("forum/01-e-waste.yaml", THREAD + "state: hidden\n", load_threads, "state: expected one of"),
        ("forum/01-e-waste.yml", THREAD, load_threads, "only .yaml files"),
        ("knowledge/01-posters.md", "Posters for workers.\n", load_knowledge_items, "expected front matter"),
        (
            "knowledge/01-posters.md",
            f"---\n{ITEM_FRONT_MATTER}---\n\n## Description\n\n",
            load_knowledge_items,
            "`## Description` is empty",
        ),
        (
            "knowledge/01-posters.md",
            f"---\n{ITEM_FRONT_MATTER.replace('year_start: 2024', 'year_start: soon')}---\n\n## Description\n\nA.\n",
            load_knowledge_items,
            "year_start: expected a whole number",
        ),
        (
            "packages/meetings.yaml",
            MEETING.replace('"13:00"', "13:00"),
            load_meetings,
            'start_time: expected a time in quotes, such as "13:00"',
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and "\n" not in value and " " not in value else None,
)
def test_a_malformed_file_is_refused_with_its_name_and_what_is_wrong(tmp_path, path, text, load, message):
    file = tmp_path / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")

    with pytest.raises(DemoContentError) as refused:
        load(tmp_path)

    assert str(refused.value).startswith(f"{file}: "), refused.value
    assert message in str(refused.value)
