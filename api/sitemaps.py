"""/sitemap.xml: every public page and record, in every language.

Django's sitemap framework: /sitemap.xml is an index of one sitemap per kind
of page, /sitemap-<section>.xml (?p=2 and on once a section outgrows one
file). Each address is listed in every language the site serves it in, and
names its versions in the other languages and the address without a
language prefix (x-default: it sends a reader to their own language) as
hreflang alternates, with the date it last changed where the record keeps
one. Addresses are on the site's public host (django.contrib.sites, which
set_site_domain writes from SITE_URL after every migrate), as the framework
builds them.

A section lists what a visitor who is not signed in may read, through the
querysets the pages themselves use (live().public(), visible_to): never a
draft, a page in review or behind a login, a private group or its
questions, a held, hidden or deleted post or a private profile; and no
account or search pages at all.
"""

import functools
import operator
from dataclasses import dataclass, field
from datetime import datetime
from math import ceil

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Expression, F, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from community.models import Group, Question
from conventions.models import (
    ChemicalProfile,
    Country,
    Decision,
    FocalPoint,
    Meeting,
    PartyStatus,
    RegionalCentre,
    ThematicArea,
)
from knowledge.locales import locale_code
from profiles.models import Profile


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class HubSitemap(Sitemap):
    """What every section shares: each address in every language, naming
    the others and the x-default address."""

    i18n = True
    alternates = True
    x_default = True
    # Addresses per file: five hundred records in six languages. With their
    # seven alternates each, a file is about 2 MB (the protocol allows 50,000
    # addresses and 50 MB) and takes a second or two to build.
    limit = 3000

    def __init__(self, request):
        self.request = request


class InEveryLanguage:
    """The (record, language) pairs the framework paginates, without
    reading every record for every file: the length is a COUNT, and a slice
    reads only the records it spans (one query whatever its size)."""

    def __init__(self, records: QuerySet, languages: list[str]):
        self.records = records
        self.languages = languages

    @functools.cached_property
    def record_count(self) -> int:
        return self.records.count()

    def __len__(self) -> int:
        return self.record_count * len(self.languages)

    def __getitem__(self, index: slice) -> list[tuple]:
        start, stop, _step = index.indices(len(self))
        width = len(self.languages)
        first, last = start // width, ceil(stop / width)
        pairs = [(record, language) for record in self.records[first:last] for language in self.languages]
        return pairs[start - first * width : stop - first * width]


class RecordSitemap(HubSitemap):
    """A section over one model's records, each served in every language."""

    def __init__(self, request):
        super().__init__(request)
        self.addresses: dict[tuple, str] = {}

    def records(self) -> QuerySet:
        raise NotImplementedError

    def path(self, record) -> str:
        """The record's address in the active language."""
        raise NotImplementedError

    def location(self, record) -> str:
        # The framework asks for each address seven times: for its own <url>
        # and as an alternate of each of the other languages' (and reversing
        # a URL is most of a file's time).
        key = (record.pk, translation.get_language())
        if key not in self.addresses:
            self.addresses[key] = self.path(record)
        return self.addresses[key]

    def last_modified(self) -> Expression | None:
        """When a record's page last changed, as an expression; None where
        the record keeps no such time."""
        return F("updated_at")

    def items(self) -> QuerySet:
        records = self.records()
        modified = self.last_modified()
        if modified is not None:
            records = records.annotate(sitemap_lastmod=modified)
        # A fixed order: each file is a slice.
        return records.order_by("pk")

    @property
    def paginator(self) -> Paginator:
        return Paginator(InEveryLanguage(self.items(), language_codes()), self.limit)

    def lastmod(self, record) -> datetime | None:
        return getattr(record, "sitemap_lastmod", None)

    def get_latest_lastmod(self) -> datetime | None:
        """The index's date for the section, in one query."""
        if self.last_modified() is None:
            return None
        return self.items().aggregate(latest=Max("sitemap_lastmod"))["latest"]


@dataclass
class PageVersions:
    """One page in each language it can be read in: the address of that
    language's version and when it was last published."""

    paths: dict[str, str] = field(default_factory=dict)
    published: dict[str, datetime | None] = field(default_factory=dict)


class PageSitemap(HubSitemap):
    """The Wagtail pages of the request's site, in every locale's tree: live
    and public (no view restriction on them or above them). Translations of
    a page share its translation_key (wagtail-localize); each language gets
    its own version where one is live and public, else the default
    language's page, which the site serves under every language's prefix
    (knowledge.locales)."""

    def items(self) -> list[PageVersions]:
        return self.pages

    @functools.cached_property
    def pages(self) -> list[PageVersions]:
        site = Site.find_for_request(self.request) or Site.objects.select_related("root_page").get(
            is_default_site=True
        )
        in_site = functools.reduce(
            operator.or_,
            (
                Page.objects.descendant_of_q(root, inclusive=True)
                for root in site.root_page.get_translations(inclusive=True)
            ),
        )
        # Only the fields every page has (specific(defer=True)): enough for
        # the addresses, which the page's own class builds.
        pages = Page.objects.live().public().filter(in_site).order_by("path").specific(defer=True)
        by_translation: dict = {}
        for page in pages:
            by_translation.setdefault(page.translation_key, {})[locale_code(page.locale_id)] = page
        return [self.versions_of(versions) for versions in by_translation.values()]

    def versions_of(self, versions: dict[str, Page]) -> PageVersions:
        """A language whose only address would be another language's (a
        page that exists only in translation) is left out."""
        found = PageVersions()
        taken = set()
        # A language's own version first, so that no fallback takes its address.
        for code in sorted(language_codes(), key=lambda code: code not in versions):
            page = versions.get(code) or versions.get(settings.LANGUAGE_CODE)
            if page is None:
                continue
            with translation.override(code):
                parts = page.get_url_parts(self.request)
            if not parts or parts[2] is None or parts[2] in taken:
                continue
            taken.add(parts[2])
            found.paths[code] = parts[2]
            found.published[code] = page.last_published_at or page.latest_revision_created_at
        found.paths = {code: found.paths[code] for code in language_codes() if code in found.paths}
        return found

    def get_languages_for_item(self, item: PageVersions) -> list[str]:
        return list(item.paths)

    def location(self, item: PageVersions) -> str:
        return item.paths[translation.get_language()]

    def lastmod(self, item: PageVersions) -> datetime | None:
        return max((when for when in item.published.values() if when), default=None)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        # The framework asks for one date per page whatever the language (the
        # latest, which dates the section); each version has its own.
        for url in urls:
            versions, language = url["item"]
            url["lastmod"] = versions.published[language]
        return urls


# The lists and directories, by URL name; the home page and the knowledge
# index are Wagtail pages.
LISTING_PAGES = [
    "packages:packages",
    "community:forum",
    "community:groups",
    "packages:topics",
    "packages:decisions",
    "packages:calendar",
    "packages:parties",
    "packages:centres",
    "packages:focal_points",
    "packages:chemicals",
    "packages:indicators",
    "packages:documents",
    "packages:legal",
    "profiles:people",
]


class ListingSitemap(HubSitemap):
    def items(self) -> list[str]:
        return LISTING_PAGES

    def location(self, name: str) -> str:
        return reverse(name)


class QuestionSitemap(RecordSitemap):
    """The forum's questions a visitor may read (Question.objects.visible_to)."""

    def records(self) -> QuerySet:
        # Not the text: a file reads a thousand questions.
        return Question.objects.visible_to(AnonymousUser()).only("pk", "title", "last_activity_at", "edited_at")

    def last_modified(self) -> Expression:
        # Answers and votes move last_activity_at; an edit sets edited_at.
        return Greatest("last_activity_at", Coalesce("edited_at", "last_activity_at"))

    def path(self, question: Question) -> str:
        return question.get_absolute_url()


class GroupSitemap(RecordSitemap):
    """The groups a visitor may see: never a private one."""

    def records(self) -> QuerySet:
        return Group.objects.visible_to(AnonymousUser()).only("pk", "slug", "created_at")

    def last_modified(self) -> Expression:
        # A group keeps no time of change; its page lists its latest questions.
        latest_question = (
            Question.objects.visible_to(AnonymousUser())
            .filter(group=OuterRef("pk"))
            .order_by("-last_activity_at")
            .values("last_activity_at")[:1]
        )
        return Greatest("created_at", Coalesce(Subquery(latest_question), "created_at"))

    def path(self, group: Group) -> str:
        return group.get_absolute_url()


class TopicSitemap(RecordSitemap):
    """A page per thematic area (the vocabulary, in the default language;
    the page shows the reader's translation)."""

    def records(self) -> QuerySet:
        return ThematicArea.objects.originals().only("pk", "slug", "updated_at")

    def path(self, area: ThematicArea) -> str:
        return reverse("packages:topic", args=[area.slug])


class DecisionSitemap(RecordSitemap):
    def records(self) -> QuerySet:
        return Decision.objects.only("pk", "code", "updated_at")

    def path(self, decision: Decision) -> str:
        return reverse("packages:decision", args=[decision.path_code])


class MeetingSitemap(RecordSitemap):
    def records(self) -> QuerySet:
        return Meeting.objects.only("pk", "slug", "updated_at")

    def path(self, meeting: Meeting) -> str:
        return reverse("packages:meeting", args=[meeting.slug])


class ChemicalSitemap(RecordSitemap):
    def records(self) -> QuerySet:
        return ChemicalProfile.objects.only("pk", "slug", "updated_at")

    def path(self, profile: ChemicalProfile) -> str:
        return reverse("packages:chemical", args=[profile.slug])


class CountrySitemap(RecordSitemap):
    """The country profiles with something to show: states in a UN regional
    group or with a status under a convention, and the European Union. The
    other territories of ISO 3166 (Antarctica, Bouvet Island…) have a page
    too, but an empty one."""

    def records(self) -> QuerySet:
        return Country.objects.members_can_be_from().only("pk", "iso3", "updated_at")

    def last_modified(self) -> Expression:
        # The profile is mostly the country's party statuses and focal points.
        def latest(model) -> Subquery:
            return Subquery(
                model.objects.filter(country=OuterRef("pk")).order_by("-updated_at").values("updated_at")[:1]
            )

        return Greatest(
            "updated_at",
            Coalesce(latest(PartyStatus), "updated_at"),
            Coalesce(latest(FocalPoint), "updated_at"),
        )

    def path(self, country: Country) -> str:
        return reverse("packages:country", args=[country.iso3])


class RegionalCentreSitemap(RecordSitemap):
    def records(self) -> QuerySet:
        return RegionalCentre.objects.only("pk", "slug", "updated_at")

    def path(self, centre: RegionalCentre) -> str:
        return reverse("packages:centre", args=[centre.slug])


class PeopleSitemap(RecordSitemap):
    """Public profiles of active members (Profile.objects.visible_to)."""

    def records(self) -> QuerySet:
        return Profile.objects.visible_to(AnonymousUser()).select_related("user").only("user__handle")

    def last_modified(self) -> None:
        return None

    def path(self, profile: Profile) -> str:
        return profile.get_absolute_url()


# The sections, in the index's order: /sitemap-<name>.xml.
SECTIONS: dict[str, type[HubSitemap]] = {
    "pages": PageSitemap,
    "listings": ListingSitemap,
    "questions": QuestionSitemap,
    "groups": GroupSitemap,
    "topics": TopicSitemap,
    "decisions": DecisionSitemap,
    "meetings": MeetingSitemap,
    "chemicals": ChemicalSitemap,
    "countries": CountrySitemap,
    "regional-centres": RegionalCentreSitemap,
    "people": PeopleSitemap,
}


@require_safe
def sitemap(request, section: str | None = None):
    """/sitemap.xml, the index of the sections, and /sitemap-<section>.xml."""
    sitemaps = {name: kind(request) for name, kind in SECTIONS.items()}
    if section is None:
        return sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap_section")
    return sitemap_views.sitemap(request, sitemaps, section=section)
