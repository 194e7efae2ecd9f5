"""Running a search for someone: what they asked (read from the URL and
checked), the matching documents they may see, their first results (at most
settings.SEARCH_COUNTED_RESULTS of them, counted), facet counts over those (each facet
without its own filter), a page of results with highlighted snippets, and
shortcuts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from core import indexing
from core.conventions import CONVENTION_NAMES
from core.indexing import facet_labels, private_groups_of, reads_everything
from knowledge.locales import with_language_prefix

from .backends import backend, clean_text
from .constants import (
    LEADING_CANDIDATES,
    NEUTRAL,
    RESULTS_PER_PAGE,
    SUGGESTIONS,
    Facet,
    Kind,
    Sort,
)
from .models import SearchDocument, SearchFacetValue, SearchTerm
from .query import ParsedQuery, parse_query

MAX_VALUES_PER_FACET = 10
MAX_PAGE = 1_000_000
INDEX_VERSION_KEY = "search:index-version"
# ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
NUMBER = re.compile(r"[0-9]{1,7}")
FACET_ORDER = [Facet.TYPE, Facet.CONVENTION, Facet.TOPIC, Facet.REGION, Facet.COUNTRY, Facet.YEAR]


@dataclass
class SearchRequest:
    """What was asked, as read from the URL; `problems` says what was left out."""

    q: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)
    sort: str = Sort.RELEVANCE
    page: int = 1
    # Every language by default, the reader's first: nothing disappears
    # because it was written in English. lang=only narrows to the reader's.
    all_languages: bool = True
    problems: list[str] = field(default_factory=list)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # of the chosen facet values

    @property
    def is_blank(self) -> bool:
        return not self.q.strip() and not self.facets

    def querystring(self, *, toggle: tuple[str, str] | None = None, **changes) -> str:
        """This search's address with one facet value added or removed, or
        sort/lang/page changed; always back to the first page unless given."""
        facets = {facet: list(values) for facet, values in self.facets.items()}
        if toggle:
            facet, value = toggle
            values = facets.setdefault(facet, [])
            if value in values:
                values.remove(value)
            else:
                values.append(value)
        q = changes.get("q", self.q)
        pairs = [("q", q)] if q else []
        pairs += [(facet, value) for facet in FACET_ORDER for value in facets.get(facet.value, [])]
        sort = changes.get("sort", self.sort)
        if sort != Sort.RELEVANCE:
            pairs.append(("sort", sort))
        if not changes.get("all_languages", self.all_languages):
            pairs.append(("lang", "only"))
        if changes.get("page", 1) != 1:
            pairs.append(("page", changes["page"]))
        return "?" + urlencode(pairs)


def _known_values(facet: str, values: list[str]) -> dict[str, str]:
    """The values of `values` that exist, each with its label."""
    if facet == Facet.TYPE:
        return {value: str(Kind(value).label) for value in values if value in Kind.values}
    if facet == Facet.CONVENTION:
        return {
            value.upper(): CONVENTION_NAMES[value.upper()] for value in values if value.upper() in CONVENTION_NAMES
        }
    if facet == Facet.YEAR:
        return {value: value for value in values if NUMBER.fullmatch(value) and 1900 <= int(value) <= 2100}
    return facet_labels(facet, values) or {}


def read_request(params) -> SearchRequest:
    """A SearchRequest from query parameters, never failing: what cannot be
    used is left out with a message."""
    request = SearchRequest(q=clean_text(params.get("q", "")))
    for facet in FACET_ORDER:
        values = [clean_text(value).strip()[:60] for value in params.getlist(facet.value)]
        values = [value for value in values if value]
        if not values:
            continue
        if len(values) > MAX_VALUES_PER_FACET:
            request.problems.append(
                _("Only the first %(count)d values of %(facet)s were used.")
                % {"count": MAX_VALUES_PER_FACET, "facet": facet.label}
            )
            values = values[:MAX_VALUES_PER_FACET]
        known = _known_values(facet, values)
        for value in values:
            if value not in known and value.upper() not in known:
                request.problems.append(
                    _("“%(value)s” is not a %(facet)s we know; that filter was left out.")
                    % {"value": value, "facet": str(facet.label).lower()}
                )
        if known:
            request.facets[facet.value] = list(dict.fromkeys(known))
            request.labels[facet.value] = known
    sort = params.get("sort", Sort.RELEVANCE)
    request.sort = sort if sort in Sort.values else Sort.RELEVANCE
    request.all_languages = params.get("lang") != "only"
    page = clean_text(params.get("page", "1")).strip()
    request.page = int(page) if NUMBER.fullmatch(page) and 0 < int(page) <= MAX_PAGE else 1
    if page not in ("", "1") and request.page == 1:
        request.problems.append(_("There is no page “%(page)s”; here is the first.") % {"page": page[:20]})
    return request


@dataclass
class Result:
    document: SearchDocument
    url: str
    snippet: str


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""
    # Counted over the first results only, and found in every one of them:
    # there may be more ("1,000+").
    at_least: bool = False


@dataclass
class SearchOutcome:
    request: SearchRequest
    query: ParsedQuery
    # The number of results, or how many were counted when there are more
    # (`capped`: the page says "1,000+ results").
    total: int = 0
    capped: bool = False
    # Some facet was counted over the first `counted` results only.
    facets_capped: bool = False
    counted: int = 0
    page: int = 1
    pages: int = 0
    results: list[Result] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    selected: list[tuple[str, str, str]] = field(default_factory=list)  # facet, label, address without it
    other_languages: int = 0
    correction: str = ""

    @property
    def first_number(self) -> int:
        return (self.page - 1) * RESULTS_PER_PAGE + 1


def counted_results() -> int:
    """How many first results a search counts (the SEARCH_COUNTED_RESULTS setting)."""
    return settings.SEARCH_COUNTED_RESULTS


def _filtered(user, request: SearchRequest, language: str, *, all_languages: bool, without: str = ""):
    """The rows `user` may see with every filter of `request` but the facet
    `without` (whose own counts are taken without it), whatever their text."""
    documents = SearchDocument.objects.visible_to(user)
    if not all_languages:
        documents = documents.in_languages(language)
    for facet, values in request.facets.items():
        if facet == without:
            continue
        if facet == Facet.TYPE:
            documents = documents.filter(kind__in=values)  # a column with an index: no join needed
            continue
        documents = documents.filter(
            pk__in=SearchFacetValue.objects.filter(facet=facet, value__in=values).values("document_id")
        )
    return documents


def _documents(
    user,
    request: SearchRequest,
    language: str,
    query: ParsedQuery,
    *,
    all_languages: bool,
    without: str = "",
    ranked: bool = False,
):
    """The matches: `_filtered` rows that match the query, each content
    once; with their `rank` when `ranked`."""
    documents = _filtered(user, request, language, all_languages=all_languages, without=without)
    if query.is_empty:
        if all_languages:
            documents = documents.one_per_translation(language)
        return documents.annotate(rank=Value(0.0)) if ranked else documents
    matches = backend().match(documents, query, None if all_languages else [language], ranked=ranked)
    if all_languages:
        # The matches compete with each other (built once: each build costs).
        matches = matches.one_per_translation(language, among=matches)
    return matches


def _order(documents, request: SearchRequest, language: str):
    # `recency` is the precomputed date order: newest first, undated last.
    order = ["-rank", "-recency", "pk"] if request.sort == Sort.RELEVANCE else ["-recency", "-rank", "pk"]
    if request.all_languages:
        # The reader's language (and reference data) first, then the rest.
        documents = documents.annotate(
            elsewhere=Case(When(language__in=[language, NEUTRAL], then=0), default=1, output_field=IntegerField())
        )
        order.insert(0, "elsewhere")
    return documents.order_by(*order)


def _newest(matches, limit: int) -> list[int]:
    """Ids of the `limit` newest matches, through the index on `recency`."""
    return list(matches.order_by("-recency", "-pk").values_list("pk", flat=True)[:limit])


def first_results(
    user, request: SearchRequest, language: str, query: ParsedQuery, matches, newest: list[int], limit: int
) -> list[int]:
    """Ids of the first `limit` results in the order the page shows them.
    Where the backend would otherwise rank every match (PostgreSQL, on which
    `waste` matches half the index), the ranked rows are candidates: the
    `newest` matches (up to `limit` of them) and, for a search by relevance,
    the newest LEADING_CANDIDATES that lead the ranking whatever their age
    (an exact name, every word in the title), found through their own
    indexes. With fewer matches than `limit` the candidates are every match
    and the order is exact; with more, the first results are the best of the
    candidates."""
    engine = backend()
    if engine.ranks_every_match:
        return list(_order(matches, request, language).values_list("pk", flat=True)[:limit])
    languages = None if request.all_languages else [language]
    candidates = list(newest)
    if len(candidates) == limit and not query.is_empty and request.sort == Sort.RELEVANCE:
        # A title holding every word matches the query, unless it excludes a
        # word: then no row's vector needs reading to know (the slow part).
        titled = matches
        if not any(part.excluded for part in query.parts):
            titled = _filtered(user, request, language, all_languages=request.all_languages)
            if request.all_languages:
                titled = titled.one_per_translation(language, among=matches)
        newest_first = ("-recency", "-pk")
        in_title = engine.in_title(titled, query, languages).order_by(*newest_first).values_list("pk", flat=True)
        named = engine.named(matches, query).order_by(*newest_first).values_list("pk", flat=True)
        candidates += in_title[:LEADING_CANDIDATES].union(named[:LEADING_CANDIDATES])
    if not candidates:
        return []
    rows = SearchDocument.objects.filter(_among("pk", set(candidates)))
    rows = rows.annotate(rank=Value(0.0)) if query.is_empty else engine.ranked(rows, query, languages)
    return list(_order(rows, request, language).values_list("pk", flat=True)[:limit])


def _among(field: str, ids) -> Q:
    """`field` is one of `ids`: on PostgreSQL a single array parameter, where
    a thousand placeholders would cost more to write and parse than the
    statement takes to run."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__in": RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])})
    return Q(**{f"{field}__in": list(ids)})


def _facet_counts(ids: list[int], *, only: str = "", leave_out=()) -> dict[str, dict[str, int]]:
    """{facet: {value: how many of these documents have it}}: one facet, or all but some."""
    if not ids:
        return {}
    values = SearchFacetValue.objects.filter(_among("document_id", ids))
    if only:
        values = values.filter(facet=only)
    elif leave_out:
        values = values.exclude(facet__in=list(leave_out))
    counts: dict[str, dict[str, int]] = {}
    for facet, value, count in values.values_list("facet", "value").annotate(count=Count("document_id")):
        counts.setdefault(facet, {})[value] = count
    return counts


def _count(user, request: SearchRequest, language: str, query: ParsedQuery) -> dict:
    """The first results (ids, at most counted_results()) and the facet
    counts. Counting stops at counted_results(): beyond, the values are
    counted in the newest that many matches (a walk of the index on
    `recency`, never every match). Each chosen facet is counted in the
    matches of the same search without its own filter, so that its other
    values stay in view with what choosing them would add. Every set counted
    is of rows `user` may see."""
    limit = counted_results()
    engine = backend()

    def matches(without=""):
        return _documents(
            user,
            request,
            language,
            query,
            all_languages=request.all_languages,
            without=without,
            ranked=engine.ranks_every_match,
        )

    found = matches()
    newest = _newest(found, limit + 1)
    ids = first_results(user, request, language, query, found, newest, limit + 1)
    capped = {facet.value: len(newest) > limit for facet in FACET_ORDER}
    counts = _facet_counts(newest[:limit], leave_out=request.facets)
    for facet in request.facets:
        theirs = _newest(matches(without=facet), limit + 1)
        counts.update(_facet_counts(theirs[:limit], only=facet))
        capped[facet] = len(theirs) > limit
    return {"ids": ids[:limit], "capped": len(newest) > limit, "counts": counts, "facets_capped": capped}


def localized_url(document: SearchDocument, language: str) -> str:
    """The result's address in the reader's language (a page in another
    language is served there inside the reader's interface)."""
    prefixed = with_language_prefix(document.url, language)
    # Posts and reference data are stored without a prefix.
    return prefixed if prefixed.startswith(f"/{language}/") else f"/{language}{document.url}"


def run_search(user, request: SearchRequest, language: str) -> SearchOutcome:
    """The page of results for `request` as `user` may see it. A constant
    number of queries whatever the size of the result, and bounded work: at
    most counted_results() results are ranked and counted."""
    query = parse_query(request.q)
    outcome = SearchOutcome(request=request, query=query)
    if query.truncated:
        request.problems.append(_("Your search was long; only its beginning was used."))
    if query.is_empty and not request.facets:
        if request.q.strip():
            request.problems.append(_("Type some words to search for: operators and punctuation alone find nothing."))
        return outcome
    key = _cache_key(user, request, language, query)
    counted = cache.get(key) if key else None
    with backend().planned():
        if counted is None:
            counted = _count(user, request, language, query)
            if key:
                cache.set(key, counted, settings.SEARCH_CACHE_SECONDS)
        _fill(outcome, counted, user, request, language, query)
    return outcome


def _fill(outcome: SearchOutcome, counted: dict, user, request: SearchRequest, language: str, query: ParsedQuery):
    ids = counted["ids"]
    outcome.total, outcome.capped = len(ids), counted["capped"]
    outcome.counted = counted_results()
    outcome.facets_capped = any(counted["facets_capped"].values())
    outcome.facets, outcome.selected = _facet_lists(counted["counts"], counted["facets_capped"], request)

    outcome.pages = max(1, -(-outcome.total // RESULTS_PER_PAGE))
    outcome.page = request.page
    if request.page > outcome.pages and outcome.total:
        request.problems.append(
            _("There is no page %(page)d: these results have %(pages)d. Here is the last one.")
            % {"page": request.page, "pages": outcome.pages}
        )
        outcome.page = outcome.pages
    if outcome.total:
        start = (outcome.page - 1) * RESULTS_PER_PAGE
        page_ids = ids[start : start + RESULTS_PER_PAGE]
        rows = (
            SearchDocument.objects.filter(pk__in=page_ids)
            .defer("body", "keywords", "search_vector", "rank_vector")
            # The opening words, for rows without a snippet.
            .annotate(lead=Substr("body", 1, 240))
        )
        by_id = {row.pk: row for row in rows}
        snippets = backend().snippets(page_ids, query)
        outcome.results = [
            Result(
                document=row,
                url=localized_url(row, language),
                snippet=snippets.get(row.pk) or row.metadata.get("summary") or row.lead,
            )
            for row in (by_id[pk] for pk in page_ids if pk in by_id)
        ]
    elif not query.is_empty:
        if not request.all_languages:
            everywhere = _documents(user, request, language, query, all_languages=True)
            outcome.other_languages = everywhere.count()
        if not outcome.other_languages:
            outcome.correction = _correction(user, request, language, query)


def _cache_key(user, request: SearchRequest, language: str, query: ParsedQuery) -> str:
    """Where the first results' ids and their counts are kept for a few
    minutes: popular searches repeat, and a broad one costs most in counting
    and ranking. The key holds who may see what (forum editor, anonymous, or
    the member's private groups) and the index version, which every write to
    the index changes: nothing cached outlives a change or crosses readers."""
    if not settings.SEARCH_CACHE_SECONDS:
        return ""
    if reads_everything(user):
        audience = "editor"
    elif not user.is_authenticated:
        audience = "anonymous"
    else:
        audience = "member:" + ",".join(str(group) for group in sorted(private_groups_of(user)))
    facets = sorted((facet, sorted(values)) for facet, values in request.facets.items())
    asked = repr(
        (
            index_version(),
            audience,
            language,
            query.parts,
            facets,
            request.sort,
            request.all_languages,
            counted_results(),
        )
    )
    return "search:first-results:" + hashlib.sha256(asked.encode()).hexdigest()


def index_version() -> int:
    return cache.get_or_set(INDEX_VERSION_KEY, 1, timeout=None)


def _correction(user, request: SearchRequest, language: str, query: ParsedQuery) -> str:
    """The query with misspelt words replaced by the closest words of the
    vocabulary, when that finds something; "" otherwise. Bounded: at most
    MAX_QUERY_TERMS words, each compared with a few words of about its
    length (SearchTerm.objects.spelled_like), never the whole vocabulary."""
    words = query.words
    known = set(SearchTerm.objects.filter(word__in=words).values_list("word", flat=True))
    corrected, changed = [], False
    for word in words:
        if word in known or len(word) < 4:
            corrected.append(word)
            continue
        candidates = list(SearchTerm.objects.spelled_like(word).values_list("word", flat=True))
        close = get_close_matches(word, candidates, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
        changed = changed or bool(close)
    if not changed:
        return ""
    text = " ".join(corrected)
    found = _documents(user, request, language, parse_query(text), all_languages=request.all_languages).exists()
    return text if found else ""


def _facet_lists(counts: dict[str, dict[str, int]], capped: dict[str, bool], request: SearchRequest):
    """Facet values by count (years newest first), the top ones, with labels;
    and the selected values as removable filters."""
    limit = counted_results()
    shown: dict[str, list[tuple[str, int]]] = {}
    for facet in FACET_ORDER:
        values = counts.get(facet.value, {})
        if facet == Facet.YEAR:
            ordered = sorted(values.items(), key=lambda item: item[0], reverse=True)
        else:
            ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
        selected = request.facets.get(facet.value, [])
        top = ordered[:12] + [(value, values.get(value, 0)) for value in selected if value not in dict(ordered[:12])]
        shown[facet.value] = top
    # Labels of the values shown, one query per facet that needs one; the
    # chosen values' labels were read with the request.
    wanted = {
        facet: {value for value, _count in top} - set(request.labels.get(facet, {})) for facet, top in shown.items()
    }
    labels: dict[str, dict[str, str]] = {
        Facet.TYPE.value: {value: str(Kind(value).label) for value in wanted["type"] if value in Kind.values},
        Facet.CONVENTION.value: dict(CONVENTION_NAMES),
        Facet.YEAR.value: {value: value for value in wanted["year"]},
        Facet.TOPIC.value: {},
        Facet.REGION.value: {},
        Facet.COUNTRY.value: {},
    }
    for facet in (Facet.TOPIC, Facet.REGION, Facet.COUNTRY):
        if wanted[facet.value]:
            labels[facet.value] = facet_labels(facet, sorted(wanted[facet.value])) or {}
    for facet, known in request.labels.items():
        labels[facet].update(known)
    facets = {
        facet: [
            FacetValue(
                value,
                labels[facet].get(value, value),
                count,
                value in request.facets.get(facet, []),
                request.querystring(toggle=(facet, value)),
                at_least=capped.get(facet, False) and count >= limit,
            )
            for value, count in top
            if count or value in request.facets.get(facet, [])
        ]
        for facet, top in shown.items()
    }
    selected = [
        (facet, labels[facet].get(value, value), request.querystring(toggle=(facet, value)))
        for facet, values in request.facets.items()
        for value in values
    ]
    return facets, selected


def matching_source_ids(source: str, text: str, limit: int = 1000) -> list[int]:
    """Ids of public objects of one source matching `text`, best first: full
    text inside one list page (COP decisions by thematic area)."""
    query = parse_query(text)
    if query.is_empty:
        return []
    documents = SearchDocument.objects.filter(source=source, private_group__isnull=True)
    matches = backend().match(documents, query, None).order_by("-rank", "pk")
    return list(matches.values_list("source_id", flat=True)[:limit])


def suggest(user, text: str, language: str) -> list[SearchDocument]:
    """Titles of the best matches for what is being typed, the last word as
    a prefix: the header box's suggestions."""
    query = parse_query(text)
    if query.is_empty or len(query.raw) < 2:
        return []
    documents = SearchDocument.objects.visible_to(user).in_languages(language)
    matches = backend().match(documents, query, [language], prefix=True)
    return list(matches.only("pk", "title", "kind", "url", "language").order_by("-rank", "pk")[:SUGGESTIONS])


def shortcut_for(user, text: str) -> indexing.Shortcut | None:
    """A decision code or CAS number jumps to its page; a country name or ISO
    code, or a member's handle, is offered first. Each app says which texts
    name one of its things (core.indexing.register_shortcut)."""
    return indexing.shortcut_for(user, text)
