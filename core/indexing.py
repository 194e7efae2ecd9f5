"""What each app contributes to the one search, declared by the app itself.

An app registers, from its AppConfig.ready() (its `search_documents`
module), one `IndexSource` per kind of thing it has: which rows may be
indexed at all (its public rule), the queryset a rebuild walks, the documents
to write for one object, and which saves of other models change them. It may
also say how its facet values are named, which search texts jump straight to
one of its pages, and who may read rows kept for a private audience.

`search/` reads only this registry: it writes, ranks and shows documents
without importing any other app's models."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from html import unescape

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from .conventions import CONVENTION_OF_INSTRUMENT

# The stored text a snippet is cut from; the vector still covers everything.
MAX_BODY_LENGTH = 20_000
# Reference data (decisions, meetings, chemicals, directories) is published in
# English and belongs to every language's results.
NEUTRAL = ""


class Kind(models.TextChoices):
    """What a result is, in the order the type facet lists them."""

    BEST_PRACTICE = "best_practice", _("Best practice")
    PROJECT_SUMMARY = "project_summary", _("Project summary")
    COORDINATION_MECHANISM = "coordination_mechanism", _("National coordination")
    AWARENESS_MATERIAL = "awareness_material", _("Awareness material")
    LEGAL_INFORMATION = "legal_information", _("Legal information")
    QUESTION = "question", _("Forum question")
    DECISION = "decision", _("COP decision")
    MEETING = "meeting", _("Meeting")
    DOCUMENT = "document", _("Official document")
    CHEMICAL = "chemical", _("Chemical")
    WASTE = "waste", _("Waste stream")
    COUNTRY = "country", _("Country profile")
    FOCAL_POINT = "focal_point", _("Focal point")
    REGIONAL_CENTRE = "regional_centre", _("Regional centre")
    GROUP = "group", _("Group")
    MEMBER = "member", _("Member")


class Facet(models.TextChoices):
    """The facets, with the URL parameter each is kept in."""

    TYPE = "type", _("Type")
    CONVENTION = "convention", _("Convention")
    TOPIC = "topic", _("Thematic area")
    REGION = "region", _("UN region")
    COUNTRY = "country", _("Country")
    YEAR = "year", _("Year")


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

    def add_topics(self, topics) -> None:
        """Thematic areas: their slugs as the facet, their names as keywords."""
        topics = list(topics)
        self.add(Facet.TOPIC, (topic.slug for topic in topics))
        self.keywords += " " + " ".join(topic.name for topic in topics)

    def add_conventions(self, codes: Iterable[str]) -> None:
        """Conventions by instrument code (the Ban Amendment counts as Basel)."""
        conventions = sorted({CONVENTION_OF_INSTRUMENT.get(code, code) for code in codes if code})
        self.add(Facet.CONVENTION, conventions)
        if conventions:
            self.metadata["conventions"] = conventions


class Batch:
    """What builders read once for many objects (reference data): each
    loader runs at most once per batch, the first time it is asked for."""

    def __init__(self):
        self._values: dict[str, object] = {}

    def cached(self, name: str, load: Callable[[], object]):
        if name not in self._values:
            self._values[name] = load()
        return self._values[name]


def _always(obj) -> bool:
    return True


@dataclass
class Related:
    """A save of another model that changes a source's row: which object's
    row (`key` names the attribute with its id) and, optionally, when the
    change takes text out of that row (`leaves`: the row goes at once,
    before it is written again)."""

    model: str
    key: str
    leaves: Callable[[object], bool] | None = None


@dataclass
class IndexSource:
    label: str
    model: str  # "app_label.ModelName"
    queryset: Callable[[], QuerySet]
    build: Callable[[object, Batch], list[Document]]
    # The model's public rule: what is not indexable leaves the index at once.
    indexable: Callable[[object], bool] = _always
    # Subclasses of the model count too (Wagtail page types).
    subclasses: bool = False
    related: list[Related] = field(default_factory=list)
    # Many-to-many fields whose changes change the row.
    relations: list[str] = field(default_factory=list)
    # Pages: the ids of this source's objects at and under a page (a page
    # unpublished, moved or restricted changes their rows).
    under_page: Callable[[int], Iterable[int]] | None = None
    # Rows of other sources that follow this object's audience (a group's
    # questions): {label: ids}, re-read when it changes.
    dependents: Callable[[object], dict[str, Iterable[int]]] | None = None
    # Whether this object now keeps its rows (and its dependents') to a
    # private audience: they are narrowed at once, before being re-read.
    private_audience: Callable[[object], int | None] | None = None

    @property
    def model_class(self):
        from django.apps import apps

        return apps.get_model(self.model)


_sources: dict[str, IndexSource] = {}
_listeners: list[Callable[[IndexSource], None]] = []


def register_source(source: IndexSource) -> None:
    _sources[source.label] = source
    for listener in _listeners:
        listener(source)


def when_registered(listener: Callable[[IndexSource], None]) -> None:
    """Call `listener` with every source, registered already or later (apps
    are made ready in the order of INSTALLED_APPS, the search app among them)."""
    if listener not in _listeners:
        _listeners.append(listener)
    for source in list(_sources.values()):
        listener(source)


def sources() -> dict[str, IndexSource]:
    return dict(_sources)


def source(label: str) -> IndexSource:
    return _sources[label]


def source_for(instance) -> IndexSource | None:
    """The source an instance belongs to (page subclasses included)."""
    label = instance._meta.label
    for each in _sources.values():
        if each.model == label or (each.subclasses and isinstance(instance, each.model_class)):
            return each
    return None


# Facet values' names ------------------------------------------------------------------------------------

_facet_labels: dict[str, Callable[[list[str]], dict[str, str]]] = {}


def register_facet_labels(facet: str, labels: Callable[[list[str]], dict[str, str]]) -> None:
    """`labels(values)` → {value: name in the active language} for the values
    that exist (unknown ones are left out, and so refused as filters)."""
    _facet_labels[facet] = labels


def facet_labels(facet: str, values: list[str]) -> dict[str, str] | None:
    """None when no app names this facet's values."""
    labels = _facet_labels.get(facet)
    return labels(values) if labels is not None else None


# Shortcuts ----------------------------------------------------------------------------------------------


@dataclass
class Shortcut:
    """Something to offer above the results (or jump to)."""

    kind: str
    title: str
    url: str
    jump: bool = False


_shortcuts: list[tuple[int, Callable[[object, str], Shortcut | None]]] = []


def register_shortcut(order: int, find: Callable[[object, str], Shortcut | None]) -> None:
    """`find(user, text)` → a Shortcut when `text` names one thing (a
    decision code, a CAS number, a country, a handle); lower `order` first."""
    if all(existing is not find for _order, existing in _shortcuts):
        _shortcuts.append((order, find))
        _shortcuts.sort(key=lambda pair: pair[0])


def shortcut_for(user, text: str) -> Shortcut | None:
    text = text.strip()
    if not text or len(text) > 80:
        return None
    for _order, find in _shortcuts:
        if (found := find(user, text)) is not None:
            return found
    return None


# Private audiences --------------------------------------------------------------------------------------

_audience: dict[str, Callable] = {}


def register_audience(*, reads_everything: Callable[[object], bool], private_groups_of: Callable) -> None:
    """Rows kept for a private group: who reads them all (the forum's
    editors), and the private groups a member reads (a queryset of ids)."""
    _audience["reads_everything"] = reads_everything
    _audience["private_groups_of"] = private_groups_of


def reads_everything(user) -> bool:
    return bool(_audience) and _audience["reads_everything"](user)


def private_groups_of(user):
    """The ids of the private groups whose rows `user` reads (a queryset or a list)."""
    if not _audience or not user.is_authenticated:
        return []
    return _audience["private_groups_of"](user)


# Helpers for builders -----------------------------------------------------------------------------------


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
