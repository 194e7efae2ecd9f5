"""What each kind of content looks like in the search index.

One `Source` per model: which rows may be indexed at all (`indexable`, the
public rule of that model: published pages, visible posts, public profiles),
the queryset a rebuild walks, and `documents(obj)`, the rows to write. A
source whose object is not indexable yields nothing, and search.services then
deletes whatever the index held for it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from html import unescape

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from .constants import MAX_BODY_LENGTH, NEUTRAL, Facet, Kind

# Convention facet values: the Ban Amendment belongs to Basel.
CONVENTION_OF_INSTRUMENT = {"BC": "BC", "BAN": "BC", "RC": "RC", "SC": "SC"}
CONVENTION_OF_ANNEX = {"SC-A": "SC", "SC-B": "SC", "SC-C": "SC", "RC-III": "RC", "BC": "BC"}


@dataclass
class Document:
    kind: str
    title: str
    url: str
    language: str = NEUTRAL
    keywords: str = ""
    body: str = ""
    date: date | None = None
    metadata: dict = field(default_factory=dict)
    private_group_id: int | None = None
    facets: dict[str, set[str]] = field(default_factory=dict)
    # Other exact names a reader may type for it (synonyms, official names, handles).
    names: list[str] = field(default_factory=list)
    # The same content in other languages shares it (Wagtail's translation_key).
    translation_key: str | None = None

    def add(self, facet: str, values: Iterable) -> None:
        self.facets.setdefault(facet, set()).update(str(value) for value in values if value not in (None, ""))


class Lookups:
    """Reference data every builder needs, read once per batch."""

    @cached_property
    def regions_of_country(self) -> dict[int, list[str]]:
        from conventions.models import RegionalGroupMembership

        regions: dict[int, list[str]] = {}
        memberships = RegionalGroupMembership.objects.values_list("country_id", "group__code")
        for country_id, code in memberships:
            regions.setdefault(country_id, []).append(code)
        return regions

    def places(self, document: Document, countries: Iterable) -> None:
        """Country and (derived) UN region facets, and country names to search."""
        countries = list(countries)
        document.add(Facet.COUNTRY, (country.iso3 for country in countries))
        for country in countries:
            document.add(Facet.REGION, self.regions_of_country.get(country.pk, ()))
        if countries:
            # Code and English name: results show the name in the reader's language.
            document.metadata["countries"] = [[country.iso2, country.name] for country in countries[:5]]
            document.keywords += " " + " ".join(country.name for country in countries)


def neutral_path(name: str, **kwargs) -> str:
    """A URL without its language prefix: reference data is shown in whatever
    language the reader uses (search.results puts the prefix back)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(name, kwargs=kwargs)
    return path.removeprefix(f"/{settings.LANGUAGE_CODE}")


def plain(html: str) -> str:
    """The text of sanitized HTML, as a reader sees it (entities decoded)."""
    return unescape(strip_tags(html or ""))


def text_of(value) -> str:
    """The words in StreamField data or HTML, without markup."""
    parts: list[str] = []

    def walk(node):
        if isinstance(node, str):
            parts.append(node)
        elif isinstance(node, dict):
            for key, child in node.items():
                if key not in ("type", "id"):
                    walk(child)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)

    walk(value)
    return plain(" ".join(parts))


def join(*texts) -> str:
    return "\n".join(text for text in texts if text)[: MAX_BODY_LENGTH * 10]


def _topics(document: Document, topics) -> None:
    topics = list(topics)
    document.add(Facet.TOPIC, (topic.slug for topic in topics))
    document.keywords += " " + " ".join(topic.name for topic in topics)


def _conventions(document: Document, codes: Iterable[str]) -> None:
    conventions = sorted({CONVENTION_OF_INSTRUMENT.get(code, code) for code in codes})
    document.add(Facet.CONVENTION, conventions)
    if conventions:
        document.metadata["conventions"] = conventions


@dataclass
class Source:
    label: str
    model_path: str
    indexable: Callable[[object], bool]
    queryset: Callable[[], QuerySet]
    build: Callable[[object, Lookups], list[Document]]

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_path)


# Knowledge items ---------------------------------------------------------------------------------------


def _knowledge_queryset():
    from knowledge.models import KnowledgeItemPage

    # An alias (a copy wagtail-localize keeps in step with its original) is
    # the original's text again: the original's row stands for it.
    return (
        KnowledgeItemPage.objects.published()
        .filter(alias_of__isnull=True)
        .specific()
        .select_related("locale")
        .prefetch_related("conventions", "countries", "regions", "thematic_areas", "tags", "decision_references")
    )


def _knowledge_indexable(page) -> bool:
    from knowledge.models import KnowledgeItemPage

    return KnowledgeItemPage.objects.published().filter(pk=page.pk, alias_of__isnull=True).exists()


def _knowledge_documents(page, lookups: Lookups) -> list[Document]:
    from knowledge.services import item_type_of

    page = page.specific
    # Rich text is HTML: its words, not its tags, go into the body snippets come from.
    details = [plain(getattr(page, name, "")) for name in page.detail_fields]
    # Stored under the page's own language prefix; results show it under the reader's.
    with translation.override(page.locale.language_code):
        url = page.get_url(None) or page.url_path
    document = Document(
        kind=item_type_of(page).key,
        title=page.title,
        url=url,
        language=page.content_language,
        translation_key=str(page.translation_key),
        keywords=" ".join(
            [tag.name for tag in page.tags.all()] + [reference.code for reference in page.decision_references.all()]
        ),
        body=join(page.summary, *details, text_of(page.body.get_prep_value()), page.organisation),
        date=(page.first_published_at or page.latest_revision_created_at).date() if page.first_published_at else None,
        metadata={"summary": page.summary[:300]},
    )
    _conventions(document, (instrument.code for instrument in page.conventions.all()))
    _topics(document, page.thematic_areas.all())
    lookups.places(document, page.countries.all())
    document.add(Facet.REGION, (region.code for region in page.regions.all()))
    if page.year_start:
        last = min(page.year_end or page.year_start, page.year_start + 30)
        document.add(Facet.YEAR, range(page.year_start, last + 1))
    elif document.date:
        document.add(Facet.YEAR, [document.date.year])
    return [document]


# Forum questions (with their visible answers) ----------------------------------------------------------


def _question_queryset():
    from community.constants import PostStatus
    from community.models import Answer, Question

    return (
        Question.objects.filter(status=PostStatus.VISIBLE)
        .select_related("group")
        .prefetch_related(
            "thematic_areas",
            "conventions",
            "countries",
            "tags",
            Prefetch("answers", queryset=Answer.objects.filter(status=PostStatus.VISIBLE), to_attr="visible_answers"),
        )
    )


def _question_indexable(question) -> bool:
    from community.constants import PostStatus

    return question.status == PostStatus.VISIBLE


def _question_documents(question, lookups: Lookups) -> list[Document]:
    from community.constants import GroupPrivacy

    answers = getattr(question, "visible_answers", None)
    if answers is None:
        from community.constants import PostStatus

        answers = list(question.answers.filter(status=PostStatus.VISIBLE))
    private = question.group_id and question.group.privacy == GroupPrivacy.PRIVATE
    document = Document(
        kind=Kind.QUESTION,
        title=question.title,
        url=neutral_path("community:question_short", pk=question.pk),
        # Indexed with its language's stemmer; a post from before posts had
        # a language counts as written in every language.
        language=question.language or NEUTRAL,
        keywords=" ".join(tag.name for tag in question.tags.all()),
        body=join(plain(question.body_html), *(plain(answer.body_html) for answer in answers)),
        date=question.created_at.date(),
        metadata={"answers": len(answers), "accepted": bool(question.accepted_answer_id)},
        private_group_id=question.group_id if private else None,
    )
    _conventions(document, (instrument.code for instrument in question.conventions.all()))
    _topics(document, question.thematic_areas.all())
    lookups.places(document, question.countries.all())
    document.add(Facet.YEAR, [document.date.year])
    return [document]


# Reference data ----------------------------------------------------------------------------------------


def _decision_documents(decision, lookups: Lookups) -> list[Document]:
    from conventions.codes import parse_decision_code

    parsed = parse_decision_code(decision.code)
    day = (
        decision.meeting.start_date if decision.meeting_id else (date(decision.year, 1, 1) if decision.year else None)
    )
    document = Document(
        kind=Kind.DECISION,
        title=f"{decision.code} {decision.title}",
        url=neutral_path("packages:decision", code=parsed.path if parsed else decision.code),
        keywords=" ".join(filter(None, [decision.code, parsed.path if parsed else ""])),
        names=[decision.code],
        body=join(decision.summary, decision.text, decision.meeting.title if decision.meeting_id else ""),
        date=day,
        metadata={"code": decision.code, "summary": decision.summary[:300]},
    )
    _conventions(document, [decision.convention.code])
    _topics(document, decision.thematic_areas.all())
    # The year recorded for it, else the year its meeting began (Decision.objects.with_year()).
    year = decision.year or (decision.meeting.start_date.year if decision.meeting_id else None)
    if year:
        document.add(Facet.YEAR, [year])
    return [document]


def _meeting_documents(meeting, lookups: Lookups) -> list[Document]:
    document = Document(
        kind=Kind.MEETING,
        title=meeting.title,
        url=neutral_path("packages:meeting", slug=meeting.slug),
        keywords=" ".join(filter(None, [meeting.city, meeting.venue])),
        body=meeting.description,
        date=meeting.start_date,
        metadata={
            "start": meeting.start_date.isoformat(),
            "end": meeting.end_date.isoformat(),
            "status": meeting.status,
        },
    )
    _conventions(document, (instrument.code for instrument in meeting.conventions.all()))
    if meeting.country_id:
        lookups.places(document, [meeting.country])
    document.add(Facet.YEAR, [meeting.start_date.year])
    return [document]


def _chemical_documents(profile, lookups: Lookups) -> list[Document]:
    from conventions.constants import ProfileKind

    listings = list(profile.listings.all())
    document = Document(
        kind=Kind.WASTE if profile.kind == ProfileKind.WASTE else Kind.CHEMICAL,
        title=profile.name,
        url=neutral_path("packages:chemical", slug=profile.slug),
        keywords=" ".join([*profile.synonyms, *profile.cas_numbers]),
        # "DDT" for "DDT (1,1,1-trichloro-2,2-bis(4-chlorophenyl)ethane)"
        names=[profile.name.split(" (")[0], *profile.synonyms],
        body=join(
            profile.summary,
            *(f"{listing.get_annex_display()} {listing.entry} {listing.specific_exemptions}" for listing in listings),
        ),
        metadata={"cas": profile.cas_numbers[:3], "summary": profile.summary[:300]},
    )
    _conventions(document, (CONVENTION_OF_ANNEX.get(listing.annex, "") for listing in listings))
    _topics(document, profile.thematic_areas.all())
    return [document]


def _country_documents(country, lookups: Lookups) -> list[Document]:
    document = Document(
        kind=Kind.COUNTRY,
        title=country.name,
        url=neutral_path("packages:country", iso3=country.iso3),
        names=[country.official_name, country.iso2, country.iso3],
    )
    lookups.places(document, [country])
    document.keywords = " ".join(filter(None, [country.official_name, country.iso2, country.iso3]))
    return [document]


def _focal_point_documents(focal_point, lookups: Lookups) -> list[Document]:
    from conventions.constants import FOCAL_POINT_KIND_CONVENTION

    document = Document(
        kind=Kind.FOCAL_POINT,
        title=f"{focal_point.get_kind_display()}: {focal_point.country.name}",
        url=neutral_path("packages:focal_points") + f"?country={focal_point.country.iso3}",
        keywords=" ".join(filter(None, [focal_point.person, focal_point.office, focal_point.organisation])),
        body=join(focal_point.position, focal_point.organisation),
        date=focal_point.updated_on,
    )
    _conventions(document, [FOCAL_POINT_KIND_CONVENTION.get(focal_point.kind, "")])
    lookups.places(document, [focal_point.country])
    return [document]


def _centre_documents(centre, lookups: Lookups) -> list[Document]:
    served = list(centre.countries_served.all())
    document = Document(
        kind=Kind.REGIONAL_CENTRE,
        title=centre.name,
        url=neutral_path("packages:centre", slug=centre.slug),
        keywords=" ".join(
            filter(None, [centre.city, centre.host_country.name if centre.host_country_id else "", "regional centre"])
        ),
        body=join(", ".join(country.name for country in served)),
    )
    _conventions(document, (instrument.code for instrument in centre.conventions.all()))
    if centre.host_country_id:
        lookups.places(document, [centre.host_country])
        document.metadata["countries"] = [[centre.host_country.iso2, centre.host_country.name]]
    return [document]


# Groups and members ------------------------------------------------------------------------------------


def _group_documents(group, lookups: Lookups) -> list[Document]:
    from community.constants import GroupPrivacy

    document = Document(
        kind=Kind.GROUP,
        title=group.name,
        url=neutral_path("community:group", slug=group.slug),
        body=group.description,
        metadata={"privacy": group.privacy},
        private_group_id=group.pk if group.privacy == GroupPrivacy.PRIVATE else None,
    )
    if group.regional_group_id:
        document.add(Facet.REGION, [group.regional_group.code])
    return [document]


def _member_indexable(profile) -> bool:
    return profile.is_public and profile.user.is_active


def _member_documents(profile, lookups: Lookups) -> list[Document]:
    user = profile.user
    document = Document(
        kind=Kind.MEMBER,
        title=profile.name,  # the name the site shows everywhere, never the account's first/last name
        url=neutral_path("profiles:detail", handle=user.handle),
        keywords=" ".join(filter(None, [user.handle, f"@{user.handle}"])),
        names=[user.handle],
        body=join(profile.title, profile.organisation, plain(profile.bio_html)),
        metadata={"handle": user.handle, "title": profile.title, "organisation": profile.organisation},
    )
    _topics(document, profile.expertise.all())
    if profile.country_id:
        lookups.places(document, [profile.country])
    return [document]


def _always(obj) -> bool:
    return True


def _all(model_path: str, *related, select=()):
    def queryset():
        from django.apps import apps

        return apps.get_model(model_path).objects.select_related(*select).prefetch_related(*related)

    return queryset


SOURCES: dict[str, Source] = {
    source.label: source
    for source in [
        Source(
            "knowledge", "knowledge.KnowledgeItemPage", _knowledge_indexable, _knowledge_queryset, _knowledge_documents
        ),
        Source("question", "community.Question", _question_indexable, _question_queryset, _question_documents),
        Source(
            "decision",
            "conventions.Decision",
            _always,
            _all("conventions.Decision", "thematic_areas", select=["convention", "meeting"]),
            _decision_documents,
        ),
        Source(
            "meeting",
            "conventions.Meeting",
            _always,
            _all("conventions.Meeting", "conventions", select=["country"]),
            _meeting_documents,
        ),
        Source(
            "chemical",
            "conventions.ChemicalProfile",
            _always,
            _all("conventions.ChemicalProfile", "listings", "thematic_areas"),
            _chemical_documents,
        ),
        Source("country", "conventions.Country", _always, _all("conventions.Country"), _country_documents),
        Source(
            "focal_point",
            "conventions.FocalPoint",
            _always,
            _all("conventions.FocalPoint", select=["country"]),
            _focal_point_documents,
        ),
        Source(
            "regional_centre",
            "conventions.RegionalCentre",
            _always,
            _all("conventions.RegionalCentre", "conventions", "countries_served", select=["host_country"]),
            _centre_documents,
        ),
        Source(
            "group", "community.Group", _always, _all("community.Group", select=["regional_group"]), _group_documents
        ),
        Source(
            "member",
            "profiles.Profile",
            _member_indexable,
            lambda: _all("profiles.Profile", "expertise", select=["user", "country"])().filter(
                is_public=True, user__is_active=True
            ),
            _member_documents,
        ),
    ]
}


def source_for(instance) -> Source | None:
    """The source an instance belongs to (knowledge item subclasses included)."""
    from knowledge.models import KnowledgeItemPage

    if isinstance(instance, KnowledgeItemPage):
        return SOURCES["knowledge"]
    label = instance._meta.label
    return next((source for source in SOURCES.values() if source.model_path == label), None)
