"""/sitemap.xml: an index of one sitemap per kind of page, each address in
the six languages with its hreflang alternates and the date it changed, and
nothing a visitor may not read."""

from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.operations import TranslationCreator

from community.constants import GroupPrivacy, PostStatus
from tests.community.factories import GroupFactory, QuestionFactory
from tests.conventions.factories import (
    ChemicalProfileFactory,
    CountryFactory,
    DecisionFactory,
    MeetingFactory,
    PartyStatusFactory,
    RegionalCentreFactory,
)
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import MemberFactory

pytestmark = pytest.mark.django_db

# In the order of settings.LANGUAGES, the sitemap's.
LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SECTIONS = [
    "pages",
    "listings",
    "questions",
    "groups",
    "topics",
    "decisions",
    "meetings",
    "chemicals",
    "countries",
    "regional-centres",
    "people",
]


@dataclass
class Entry:
    """A <url> of a sitemap, its addresses as paths."""

    lastmod: str | None
    alternates: dict[str, str]


def path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def read(client, url: str, **headers) -> ElementTree.Element:
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert "noindex" in response["X-Robots-Tag"]
    return ElementTree.fromstring(response.content)  # noqa: S314 (the site's own response, not untrusted input)


def entries(client, section: str, page: int = 1) -> dict[str, Entry]:
    """The section's addresses (paths), each with its lastmod and alternates."""
    root = read(client, f"/sitemap-{section}.xml" + (f"?p={page}" if page > 1 else ""))
    found = {}
    for url in root.iter(f"{SITEMAP}url"):
        location = path(url.findtext(f"{SITEMAP}loc"))
        assert location not in found, f"{location} is listed twice"
        found[location] = Entry(
            lastmod=url.findtext(f"{SITEMAP}lastmod"),
            alternates={link.get("hreflang"): path(link.get("href")) for link in url.iter(f"{XHTML}link")},
        )
    return found


def everywhere(path_after_language: str) -> dict[str, str]:
    """The alternates of an address served in every language: each
    language's prefix, and the x-default without one."""
    return {code: f"/{code}{path_after_language}" for code in LANGUAGES} | {"x-default": path_after_language}


def day(moment) -> str:
    return timezone.localtime(moment).date().isoformat()


def assert_in_every_language(found: dict[str, Entry], path_after_language: str, lastmod=None):
    alternates = everywhere(path_after_language)
    for code in LANGUAGES:
        entry = found[f"/{code}{path_after_language}"]
        assert entry.alternates == alternates
        if lastmod is not None:
            assert entry.lastmod == day(lastmod)


def published(page, editor):
    """The page published as an editor publishes it (a revision, dated)."""
    page.save_revision(user=editor).publish()
    page.refresh_from_db()
    return page


def translate(page, editor, others: list[str]) -> dict:
    """The page translated into these languages (wagtail-localize), each
    with a slug of its own, and published: the versions by language."""
    TranslationCreator(editor, list(Locale.objects.filter(language_code__in=others))).create_translations(page)
    versions = {"en": page}
    for code in others:
        translated = page.get_translation(Locale.objects.get(language_code=code)).specific
        translated.title = f"{page.title} ({code})"
        translated.slug = f"{code}-{page.slug}"
        versions[code] = published(translated, editor)
    return versions


@pytest.fixture
def pages(editor):
    """The pages the sitemap lists and those it must not."""
    # The items first: the factory finds the knowledge index, one until the
    # first translation makes one in each language's tree.
    translated = published(BestPracticeFactory(title="Cable burning alternative", slug="cable-burning"), editor)
    untranslated = published(BestPracticeFactory(title="Lead battery recycling", slug="lead-batteries"), editor)
    draft = BestPracticeFactory(title="Unfinished draft", slug="unfinished-draft", live=False)
    in_review = BestPracticeFactory(title="Awaiting review", slug="awaiting-review", live=False)
    in_review.save_revision(user=editor)
    in_review.get_workflow().start(in_review, editor)
    members_only = BestPracticeFactory(title="Members only", slug="members-only")
    PageViewRestriction.objects.create(page=members_only, restriction_type=PageViewRestriction.LOGIN)
    secret = BestPracticeFactory(title="Public original", slug="public-original")
    versions = translate(translated, editor, [code for code in LANGUAGES if code != "en"])
    # A French translation behind a login: the French address stays the original's.
    secret_versions = translate(secret, editor, ["fr", "es"])
    PageViewRestriction.objects.create(page=secret_versions["fr"], restriction_type=PageViewRestriction.LOGIN)
    return SimpleNamespace(
        versions=versions,
        untranslated=untranslated,
        excluded=[draft, in_review, members_only],
        secret_versions=secret_versions,
    )


@pytest.fixture
def community(db):
    """Questions, groups and members, public and not."""
    open_group = GroupFactory(name="E-waste practitioners")
    closed_group = GroupFactory(name="Customs officers", privacy=GroupPrivacy.CLOSED)
    private_group = GroupFactory(name="Bureau", privacy=GroupPrivacy.PRIVATE)
    return SimpleNamespace(
        public_question=QuestionFactory(title="How do you store PCB oil?", group=open_group),
        private_question=QuestionFactory(title="Bureau agenda", group=private_group),
        taken_down=[
            QuestionFactory(title="Held question", status=PostStatus.HELD),
            QuestionFactory(title="Hidden question", status=PostStatus.HIDDEN),
            QuestionFactory(title="Deleted question", status=PostStatus.DELETED),
        ],
        open_group=open_group,
        closed_group=closed_group,
        private_group=private_group,
        public_member=MemberFactory(handle="amina-diallo", profile__is_public=True),
        private_member=MemberFactory(handle="hidden-person"),
        inactive_member=MemberFactory(handle="gone-away", is_active=False, profile__is_public=True),
    )


def test_the_index_lists_every_section_on_the_host_asked(client):
    root = read(client, "/sitemap.xml", HTTP_HOST="testserver", secure=True)
    assert root.tag == f"{SITEMAP}sitemapindex"
    locations = [element.findtext(f"{SITEMAP}loc") for element in root.iter(f"{SITEMAP}sitemap")]
    assert locations == [f"https://testserver/sitemap-{section}.xml" for section in SECTIONS]
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.post("/sitemap.xml").status_code == 405


def test_a_translated_page_is_listed_in_every_language_with_its_real_translations(client, pages):
    found = entries(client, "pages")
    addresses = {code: f"/{code}/knowledge/{page.slug}/" for code, page in pages.versions.items()}
    assert addresses["fr"] == "/fr/knowledge/fr-cable-burning/"
    for code, page in pages.versions.items():
        entry = found[addresses[code]]
        assert entry.alternates == addresses | {"x-default": "/knowledge/cable-burning/"}
        assert entry.lastmod == day(page.last_published_at)
    # The original under the other prefixes would only redirect: not listed.
    assert "/fr/knowledge/cable-burning/" not in found

    # An untranslated page is served under every prefix, in the reader's interface.
    assert_in_every_language(found, "/knowledge/lead-batteries/", pages.untranslated.last_published_at)
    # The home page and the knowledge index are pages too.
    assert "/ar/" in found and "/zh-hans/knowledge/" in found


def test_drafts_pages_in_review_and_pages_behind_a_login_are_not_listed(client, pages):
    found = entries(client, "pages")
    listed = " ".join(found)
    for page in pages.excluded:
        assert page.slug not in listed
    # The French translation behind a login: French readers get the original.
    secret = pages.secret_versions
    assert secret["fr"].slug not in listed
    entry = found["/fr/knowledge/public-original/"]
    assert entry.alternates["fr"] == "/fr/knowledge/public-original/"
    assert entry.alternates["es"] == f"/es/knowledge/{secret['es'].slug}/"


def test_records_are_listed_in_every_language_with_the_date_they_changed(client):
    decision = DecisionFactory(code="BC-14/12")
    meeting = MeetingFactory(slug="bc-cop-14")
    chemical = ChemicalProfileFactory(name="PFOS", slug="pfos")
    centre = RegionalCentreFactory(name="BCRC Caribbean", slug="bcrc-caribbean")
    kenya = CountryFactory(iso2="KE", iso3="KEN", name="Kenya")
    status = PartyStatusFactory(country=kenya)
    CountryFactory(iso2="AQ", iso3="ATA", name="Antarctica")  # a territory: an empty profile

    assert_in_every_language(entries(client, "decisions"), "/decisions/BC-14-12/", decision.updated_at)
    assert_in_every_language(entries(client, "meetings"), "/calendar/bc-cop-14/", meeting.updated_at)
    assert_in_every_language(entries(client, "chemicals"), "/chemicals/pfos/", chemical.updated_at)
    assert_in_every_language(
        entries(client, "regional-centres"), "/regional-centres/bcrc-caribbean/", centre.updated_at
    )
    countries = entries(client, "countries")
    assert_in_every_language(countries, "/countries/KEN/", max(kenya.updated_at, status.updated_at))
    assert len(countries) == len(LANGUAGES)
    topics = entries(client, "topics")
    assert_in_every_language(topics, "/topics/e-waste/")
    assert all(entry.lastmod for entry in topics.values())


def test_only_what_a_visitor_may_read_of_the_forum_groups_and_people(client, community):
    question = community.public_question
    questions = entries(client, "questions")
    assert_in_every_language(questions, question.get_absolute_url().removeprefix("/en"), question.last_activity_at)
    assert len(questions) == len(LANGUAGES)  # not the private group's, nor those taken down

    groups = entries(client, "groups")
    assert_in_every_language(groups, f"/groups/{community.open_group.slug}/", question.last_activity_at)
    assert f"/en/groups/{community.closed_group.slug}/" in groups
    assert not [location for location in groups if community.private_group.slug in location]

    people = entries(client, "people")
    assert_in_every_language(people, "/people/amina-diallo/")
    assert len(people) == len(LANGUAGES)

    everything = " ".join(location for section in SECTIONS for location in entries(client, section))
    for never in ["bureau", "held-question", "hidden-question", "deleted-question", "hidden-person", "gone-away"]:
        assert never not in everything
    for never in ["/accounts/", "/account/", "/search/", "/notifications/", "/knowledge/share/", "/forum/ask/"]:
        assert never not in everything


def test_the_lists_and_directories_are_listed_in_every_language(client):
    found = entries(client, "listings")
    for listing in ["/forum/", "/groups/", "/topics/", "/decisions/", "/calendar/", "/parties/"]:
        assert_in_every_language(found, listing)
    for listing in ["/regional-centres/", "/focal-points/", "/chemicals/", "/people/", "/information/"]:
        assert_in_every_language(found, listing)


def test_the_x_default_address_sends_a_reader_to_their_language(client):
    DecisionFactory(code="SC-4/17")
    entry = entries(client, "decisions")["/en/decisions/SC-4-17/"]
    response = client.get(entry.alternates["x-default"], headers={"accept-language": "fr"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/decisions/SC-4-17/"


def test_a_large_section_is_split_into_files_the_index_names(client, monkeypatch):
    from api.sitemaps import DecisionSitemap

    monkeypatch.setattr(DecisionSitemap, "limit", 4)
    decisions = [DecisionFactory(code=f"RC-9/{number}") for number in range(1, 4)]
    root = read(client, "/sitemap.xml")
    locations = [path(element.findtext(f"{SITEMAP}loc")) for element in root.iter(f"{SITEMAP}sitemap")]
    files = [location for location in locations if location.startswith("/sitemap-decisions.xml")]
    # Three decisions in six languages, four addresses a file.
    assert files == ["/sitemap-decisions.xml"] + [f"/sitemap-decisions.xml?p={page}" for page in range(2, 6)]
    listed = [location for page in range(1, 6) for location in entries(client, "decisions", page)]
    expected = [f"/{code}/decisions/{decision.path_code}/" for decision in decisions for code in LANGUAGES]
    assert listed == expected
    assert client.get("/sitemap-decisions.xml?p=6").status_code == 404


def test_a_sections_queries_do_not_grow_with_its_records(client):
    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def counts() -> list[int]:
        urls = ["/sitemap.xml", "/sitemap-questions.xml", "/sitemap-decisions.xml", "/sitemap-groups.xml"]
        return [queries(url) for url in [*urls, "/sitemap-countries.xml", "/sitemap-pages.xml"]]

    def add(count: int):
        for _ in range(count):
            group = GroupFactory()
            QuestionFactory(group=group)
            DecisionFactory()
            PartyStatusFactory()
            BestPracticeFactory()

    add(3)
    counts()  # fills the caches a first request fills (content types, sites)
    few = counts()
    add(17)
    assert counts() == few
