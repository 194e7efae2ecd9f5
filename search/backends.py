"""The two places full text lives: PostgreSQL's tsvector column with a GIN
index (production) and an SQLite FTS5 table (the embedded default). Each
backend writes vectors for documents, narrows a queryset to the matches of a
parsed query with a `rank` to order by, and cuts highlighted snippets."""

from __future__ import annotations

import re
from contextlib import contextmanager, nullcontext

from django.contrib.postgres.search import (
    CombinedSearchVector,
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, transaction
from django.db.models import Case, F, FloatField, Func, Q, QuerySet, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .constants import MAX_BODY_LENGTH, MAX_VECTOR_TEXT, NEUTRAL_CONFIG, TEXT_SEARCH_CONFIG, text_search_config
from .models import SearchDocument
from .query import ParsedQuery

# Rank tiers above the engine's own score: a result whose name is exactly what
# was typed ("DDT", "Kenya", a decision's title), then one whose title holds
# every word, then the rest, each ordered by the engine's score.
NAME_BONUS = 2000
TITLE_BONUS = 1000

# How much of the body (its opening: a summary, the question) the ranking vector holds.
RANK_BODY_LENGTH = 600

# Snippet markers: control characters that stored text never contains (they
# are removed on the way in), turned into <mark> after the text is escaped.
START, STOP = "\x02", "\x03"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ue000\ue001]")
# Private-use characters standing in for < and > inside ts_headline.
ANGLE_STAND_INS = "\ue000\ue001"


def clean_text(text: str) -> str:
    return CONTROL.sub(" ", text or "")


def highlighted(fragment: str) -> SafeString:
    return mark_safe(escape(fragment).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 (escaped first, then only our markers become tags)


class RegexpReplace(Func):
    """regexp_replace(text, pattern, replacement, 'g'): every match replaced.
    Django has no expression for it."""

    function = "regexp_replace"
    output_field = TextField()

    def __init__(self, expression, pattern: str, replacement: str):
        super().__init__(expression, Value(pattern), Value(replacement), Value("g"))


class Translate(Func):
    """translate(text, from, to): each character of `from` becomes the one at
    the same place in `to`. Django has no expression for it."""

    function = "translate"
    output_field = TextField()

    def __init__(self, expression, characters: str, replacements: str):
        super().__init__(expression, Value(characters), Value(replacements))


class TitleLexemes(Func):
    """ts_filter(vector, '{a}'): the lexemes a vector holds with the title's
    weight, A. Django has no expression for ts_filter."""

    function = "ts_filter"
    template = "%(function)s(%(expressions)s, '{a}')"
    output_field = SearchVectorField()


def normalized(text):
    """A text expression as PostgreSQL's parser should read it: "COP-17" as
    "COP 17" (it would read a negative number), "PCBs" as "PCB" (no stemmer
    takes the plural s off an acronym)."""
    unhyphenated = RegexpReplace(text, "([[:alnum:]])-([[:digit:]])", r"\1 \2")
    return RegexpReplace(unhyphenated, "([A-Z]{2,})s([^[:alnum:]]|$)", r"\1\2")


def weighted_vector(body_length: int) -> CombinedSearchVector:
    """Title weighs most, keywords next (also unstemmed, for codes and
    names), the first `body_length` characters of the body least; each row in
    its own language's configuration."""
    row_config = F("config")
    return (
        SearchVector(normalized(F("title")), config=row_config, weight="A")
        + SearchVector(normalized(F("keywords")), config=row_config, weight="B")
        + SearchVector(normalized(F("keywords")), config="simple", weight="B")
        + SearchVector(normalized(Left("body", body_length)), config=row_config, weight="D")
    )


class PostgresBackend:
    vendor = "postgresql"
    # A broad search ranks candidates (the newest matches and the leading
    # ones), not every match: search.results.first_results.
    ranks_every_match = False

    def write(self, ids: list[int]) -> None:
        """(Re)compute the vectors of these documents: `search_vector` (the
        whole text, matched through the GIN index) and `rank_vector` (the
        body's opening only, ranked on)."""
        if not ids:
            return
        SearchDocument.objects.filter(pk__in=ids).update(
            search_vector=weighted_vector(MAX_VECTOR_TEXT), rank_vector=weighted_vector(RANK_BODY_LENGTH)
        )

    def forget(self, ids: list[int]) -> None:
        """Nothing to do: the vector lives in the row."""

    def configs(self, languages: list[str] | None) -> list[str]:
        if languages is None:
            return sorted(set(TEXT_SEARCH_CONFIG.values()) | {NEUTRAL_CONFIG})
        return sorted({text_search_config(language) for language in languages} | {NEUTRAL_CONFIG})

    def _tsqueries(self, query: ParsedQuery, languages: list[str] | None, *, prefix=False) -> dict:
        """One constant tsquery per configuration searched."""
        if prefix:
            text, search_type = query.tsquery_prefix(), "raw"
        else:
            text, search_type = query.websearch(), "websearch"
        return {
            config: SearchQuery(text, config=config, search_type=search_type) for config in self.configs(languages)
        }

    def match(
        self, documents: QuerySet, query: ParsedQuery, languages: list[str] | None, *, prefix=False, ranked=True
    ):
        """Rows matching the query, with `rank`. One constant tsquery per
        configuration keeps the GIN indexes usable (one per configuration,
        search/0008: the condition on `config` is then the index's own and no
        row's vector is read to check it); the rank uses each row's own.
        Without `ranked`, no rank (building it costs, even unused)."""
        tsqueries = self._tsqueries(query, languages, prefix=prefix)
        matches = Q()
        for config, tsquery in tsqueries.items():
            matches |= Q(config=config, search_vector=tsquery)
        return self._ranked(documents.filter(matches), query, tsqueries) if ranked else documents.filter(matches)

    def ranked(self, documents: QuerySet, query: ParsedQuery, languages: list[str] | None):
        """`documents` (matches already) with the query's `rank`, not filtered again."""
        return self._ranked(documents, query, self._tsqueries(query, languages))

    def _ranked(self, documents: QuerySet, query: ParsedQuery, tsqueries: dict):
        # The row's query: a constant per configuration (parsed once, not per row).
        row_tsquery = Case(
            *[When(config=config, then=tsquery) for config, tsquery in tsqueries.items()],
            output_field=SearchQueryField(),
        )
        exact_name = Case(When(self._exact_name(query), then=Value(NAME_BONUS)), default=Value(0))
        in_title = Case(
            *[
                When(config=config, title_lexemes=tsquery, then=Value(TITLE_BONUS))
                for config, tsquery in tsqueries.items()
            ],
            default=Value(0),
        )
        rank = exact_name + in_title + SearchRank(F("rank_vector"), row_tsquery, normalization=1)
        return documents.alias(title_lexemes=TitleLexemes("rank_vector")).annotate(rank=rank)

    def _exact_name(self, query: ParsedQuery) -> Q:
        return Q(metadata__names__has_key=" ".join(query.words))

    def in_title(self, documents: QuerySet, query: ParsedQuery, languages: list[str] | None) -> QuerySet:
        """Those of `documents` whose title holds every word (the rank's
        second tier), through the index of titles' lexemes (search/0008).
        Such a title matches the query unless the query excludes a word."""
        in_title = Q()
        for config, tsquery in self._tsqueries(query, languages).items():
            in_title |= Q(config=config, title_lexemes=tsquery)
        return documents.alias(title_lexemes=TitleLexemes("rank_vector")).filter(in_title)

    def named(self, documents: QuerySet, query: ParsedQuery) -> QuerySet:
        """Those of `documents` whose name is exactly the query (the rank's
        first tier), through the index of names (search/0008)."""
        return documents.filter(self._exact_name(query))

    @contextmanager
    def planned(self):
        """The search's statements in one transaction with the planner told
        what this kind of query needs (SET LOCAL: nothing outlives it):
        no JIT compilation, which costs more than the statement it would speed
        up (half of a broad search's 2.5 s in bench/search.py's EXPLAIN
        ANALYZE); and index pages priced as the cached pages they are, so that
        the per-configuration GIN indexes and the index of the newest are
        chosen over reading the table (whose vectors must then be detoasted
        row by row)."""
        with transaction.atomic():
            with connection.cursor() as cursor:
                # SET LOCAL of both, in one statement.
                cursor.execute("SELECT set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)")
            yield

    def snippets(self, ids: list[int], query: ParsedQuery) -> dict[int, SafeString]:
        if not ids or query.is_empty:
            return {}
        row_config = F("config")
        # ts_headline drops whatever looks like an HTML tag: angle brackets go
        # in as stand-ins and come back as written (then escaped).
        headline = SearchHeadline(
            Translate(Left("body", MAX_BODY_LENGTH), "<>", ANGLE_STAND_INS),
            SearchQuery(query.websearch(), config=row_config, search_type="websearch"),
            config=row_config,
            max_fragments=2,
            max_words=28,
            min_words=12,
            start_sel=START,
            stop_sel=STOP,
            fragment_delimiter=" … ",
        )
        rows = SearchDocument.objects.filter(pk__in=ids).exclude(body="").values_list("pk", headline)
        back = str.maketrans(ANGLE_STAND_INS, "<>")
        return {pk: highlighted(text.translate(back)) for pk, text in rows if START in text}


class SqliteBackend:
    vendor = "sqlite"
    # FTS5 ranks inside its own index; the embedded database holds small sites.
    ranks_every_match = True
    # title, keywords, body
    weights = (10.0, 6.0, 1.0)

    def write(self, ids: list[int]) -> None:
        if not ids:
            return
        self.forget(ids)
        rows = SearchDocument.objects.filter(pk__in=ids).values_list("pk", "title", "keywords", "body")
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts(rowid, title, keywords, body) VALUES (%s, %s, %s, %s)",
                [(pk, title, keywords, body[:MAX_VECTOR_TEXT]) for pk, title, keywords, body in rows],
            )

    def forget(self, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                cursor.execute(
                    f"DELETE FROM search_fts WHERE rowid IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608 (only placeholders are formatted in)
                    chunk,
                )

    def match(
        self, documents: QuerySet, query: ParsedQuery, languages: list[str] | None, *, prefix=False, ranked=True
    ):
        expression = query.fts5(prefix=prefix)
        weights = ", ".join(str(weight) for weight in self.weights)
        in_title = "{title} : (" + expression + ")"
        rank = RawSQL(  # noqa: S611 (values are parameters; only constants are formatted in)
            "CASE WHEN EXISTS (SELECT 1 FROM json_each(search_searchdocument.metadata, '$.names') WHERE value = %s)"  # noqa: S608 (only constants)
            f" THEN {NAME_BONUS} ELSE 0 END"
            " + CASE WHEN EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH %s"
            f" AND search_fts.rowid = search_searchdocument.id) THEN {TITLE_BONUS} ELSE 0 END"
            f" + (SELECT -bm25(search_fts, {weights}) FROM search_fts"
            " WHERE search_fts MATCH %s AND search_fts.rowid = search_searchdocument.id)",
            [" ".join(query.words), in_title, expression],
        )
        matches = RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression])
        return documents.filter(pk__in=matches).annotate(rank=rank) if ranked else documents.filter(pk__in=matches)

    def planned(self):
        return nullcontext()

    def snippets(self, ids: list[int], query: ParsedQuery) -> dict[int, SafeString]:
        if not ids or query.is_empty:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, snippet(search_fts, 2, %s, %s, ' … ', 24) FROM search_fts"  # noqa: S608 (only placeholders are formatted in)
                f" WHERE search_fts MATCH %s AND rowid IN ({', '.join(['%s'] * len(ids))})",
                [START, STOP, query.fts5(), *ids],
            )
            return {pk: highlighted(text) for pk, text in cursor.fetchall() if START in text}


class WagtailBackend:
    """Matches from the engine Wagtail is configured with (OpenSearch or
    Elasticsearch for large corpora: settings.SEARCH_BACKEND). The engine
    ranks; permissions, languages and facets stay in the database, over the
    engine's best MAX_MATCHES matches. No highlighting: snippets fall back to
    each document's summary."""

    vendor = "wagtail"
    MAX_MATCHES = 1000
    # The engine has ranked them already, at most MAX_MATCHES.
    ranks_every_match = True

    def _engine(self):
        from wagtail.search.backends import get_search_backend

        return get_search_backend()

    def write(self, ids: list[int]) -> None:
        if ids:
            engine = self._engine()
            engine.add_bulk(SearchDocument, list(SearchDocument.objects.filter(pk__in=ids)))

    def forget(self, ids: list[int]) -> None:
        engine = self._engine()
        for document in SearchDocument.objects.filter(pk__in=ids):
            engine.delete(document)

    def match(
        self, documents: QuerySet, query: ParsedQuery, languages: list[str] | None, *, prefix=False, ranked=True
    ):
        engine = self._engine()
        text = " ".join(query.words)
        if prefix:
            found = engine.autocomplete(text, SearchDocument)
        else:
            found = engine.search(text, SearchDocument, operator="and")
        scored = [
            (document.pk, float(getattr(document, "score", 0) or 0))
            for document in found.annotate_score("score")[: self.MAX_MATCHES]
        ]
        excluded = [" ".join(part.words) for part in query.parts if part.excluded]
        for phrase in excluded:
            documents = documents.exclude(Q(title__icontains=phrase) | Q(body__icontains=phrase))
        count = len(scored)
        rank = Case(
            *[When(pk=pk, then=Value(float(count - position))) for position, (pk, _score) in enumerate(scored)],
            default=Value(0.0),
            output_field=FloatField(),
        )
        documents = documents.filter(pk__in=[pk for pk, _score in scored])
        return documents.annotate(rank=rank) if ranked else documents

    def planned(self):
        return nullcontext()

    def snippets(self, ids: list[int], query: ParsedQuery) -> dict[int, SafeString]:
        return {}


def backend():
    from django.conf import settings

    if settings.SEARCH_ENGINE == "wagtail":
        return WagtailBackend()
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
