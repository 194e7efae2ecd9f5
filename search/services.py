"""Writes to the search index and the search log. Views, signals, tasks and
`manage.py update_index` all come through here."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from core.indexing import Batch, Document, source, sources

from .backends import backend, clean_text
from .constants import MAX_QUERY_LENGTH, NEUTRAL, Kind, text_search_config
from .models import SearchDocument, SearchFacetValue, SearchQueryLog, SearchTerm
from .query import WORD
from .results import INDEX_VERSION_KEY

REBUILD_BATCH = 500
MIN_TERM_LENGTH = 3


def name_key(text: str) -> str:
    """A name as compared with a query: its words, lower-cased, accents kept."""
    return " ".join(WORD.findall(text.lower()))


def without_accents(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def _keywords(document: Document) -> str:
    """Keywords, the type's name (so "decision" or "meeting" in a query
    counts), and an accent-free copy of title and keywords when they have
    accents (PostgreSQL's configurations keep accents; FTS5 removes them)."""
    with translation.override("en"):
        kind = str(Kind(document.kind).label) if document.kind in Kind.values else ""
    keywords = f"{document.keywords} {kind}"
    plain = without_accents(f"{document.title} {document.keywords}")
    if plain != f"{document.title} {document.keywords}":
        keywords += " " + plain
    return clean_text(keywords)


def _row(label: str, pk: int, document: Document) -> SearchDocument:
    names = {name_key(name) for name in [document.title, *document.names] if name}
    return SearchDocument(
        kind=document.kind,
        source=label,
        source_id=pk,
        language=document.language or NEUTRAL,
        config=text_search_config(document.language),
        title=clean_text(document.title)[:500],
        keywords=_keywords(document),
        body=clean_text(document.body),
        url=document.url[:500],
        date=document.date,
        recency=document.date.toordinal() if document.date else 0,
        metadata={**document.metadata, "names": sorted(names - {""})},
        private_group_id=document.private_group_id,
        translation_key=document.translation_key,
    )


def _facet_rows(row: SearchDocument, document: Document) -> list[SearchFacetValue]:
    values = [("type", document.kind)] + [
        (facet, value) for facet, values in document.facets.items() for value in sorted(values)
    ]
    return [SearchFacetValue(document=row, facet=facet, value=value[:60]) for facet, value in values]


def remember_words(documents: list[Document]) -> None:
    """Add the words of titles and keywords to the vocabulary of corrections."""
    words = {
        word
        for document in documents
        for word in WORD.findall(f"{document.title} {document.keywords}".lower())
        if MIN_TERM_LENGTH <= len(word) <= 40 and not word.isdigit()
    }
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word, length=len(word)) for word in sorted(words)], ignore_conflicts=True, batch_size=1000
    )


def index_changed() -> None:
    """Cached search results (search.results) are for one index version:
    move to the next now and again once the change is committed, so that no
    search caches what was there in between."""

    def bump():
        try:
            cache.incr(INDEX_VERSION_KEY)
        except ValueError:  # not set yet (or evicted)
            cache.set(INDEX_VERSION_KEY, 2, timeout=None)

    bump()
    transaction.on_commit(bump)


def forget(label: str, pk: int) -> None:
    """Take something out of the index at once (unpublished, hidden, made
    private, deleted): removal never waits for a task."""
    ids = list(SearchDocument.objects.filter(source=label, source_id=pk).values_list("pk", flat=True))
    if ids:
        backend().forget(ids)
        SearchDocument.objects.filter(pk__in=ids).delete()
        index_changed()


def forget_many(label: str, pks: list[int]) -> None:
    """Take several objects of one source out of the index at once."""
    ids = list(SearchDocument.objects.filter(source=label, source_id__in=pks).values_list("pk", flat=True))
    if ids:
        backend().forget(ids)
        SearchDocument.objects.filter(pk__in=ids).delete()
        index_changed()


def narrow(label: str, pk: int, group_id: int, dependents: dict) -> None:
    """Something made private to a group (a group, and with it its
    questions): its rows and its dependents' rows are for that group's
    members from now on, at once (a task then rewrites them)."""
    SearchDocument.objects.filter(source=label, source_id=pk).update(private_group=group_id)
    for other, ids in dependents.items():
        SearchDocument.objects.filter(source=other, source_id__in=ids).update(private_group=group_id)
    index_changed()


@transaction.atomic
def write_documents(label: str, pk: int, documents: list[Document]) -> list[int]:
    """Make the index hold exactly `documents` for this object."""
    forget(label, pk)
    rows = SearchDocument.objects.bulk_create([_row(label, pk, document) for document in documents])
    SearchFacetValue.objects.bulk_create(
        [value for row, document in zip(rows, documents, strict=True) for value in _facet_rows(row, document)]
    )
    ids = [row.pk for row in rows]
    backend().write(ids)
    remember_words(documents)
    index_changed()
    return ids


def index_object(label: str, pk: int, batch: Batch | None = None) -> int:
    """Index one object as it is now in the database (or forget it, when it
    is gone or no longer for everyone). Returns how many rows it has.
    Callers indexing many objects pass one `batch` for them all."""
    its_source = source(label)
    instance = its_source.queryset().filter(pk=pk).first()
    if instance is None or not its_source.indexable(instance):
        forget(label, pk)
        return 0
    return len(write_documents(label, pk, its_source.build(instance, batch or Batch())))


def index_objects(label: str, pks) -> int:
    """Index several objects of one source with the reference data read once."""
    batch = Batch()
    return sum(index_object(label, pk, batch) for pk in pks)


def rebuild(labels: list[str] | None = None, progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Rebuild the index of each source (all by default) from scratch, one
    transaction per source: searches meanwhile see the old rows."""
    counts = {}
    for label in labels or list(sources()):
        counts[label] = _rebuild_source(label, progress)
    return counts


def _rebuild_source(label: str, progress) -> int:
    its_source = source(label)
    batch = Batch()
    queryset = its_source.queryset().order_by("pk")
    total = queryset.count()
    written = done = 0
    with transaction.atomic():
        old = list(SearchDocument.objects.filter(source=label).values_list("pk", flat=True))
        for start in range(0, len(old), 5000):
            backend().forget(old[start : start + 5000])
            SearchDocument.objects.filter(pk__in=old[start : start + 5000]).delete()
        if progress:
            progress(label, 0, total)
        last = 0
        while found := list(queryset.filter(pk__gt=last)[:REBUILD_BATCH]):
            last = found[-1].pk
            pairs = [(instance.pk, document) for instance in found for document in its_source.build(instance, batch)]
            rows = SearchDocument.objects.bulk_create([_row(label, pk, document) for pk, document in pairs])
            SearchFacetValue.objects.bulk_create(
                [
                    value
                    for row, (_pk, document) in zip(rows, pairs, strict=True)
                    for value in _facet_rows(row, document)
                ]
            )
            backend().write([row.pk for row in rows])
            remember_words([document for _pk, document in pairs])
            written += len(rows)
            done += len(found)
            if progress:
                progress(label, done, total)
    index_changed()
    return written


def log_search(query: str, language: str, results: int) -> None:
    """Count a search by its text (lower-cased, spaces collapsed), language
    and day, with the latest result count. Nothing about who searched."""
    text = " ".join(query.lower().split())[:MAX_QUERY_LENGTH]
    if not text:
        return
    day = timezone.localdate()
    key = {"query": text, "language": language[:10], "day": day}
    if SearchQueryLog.objects.filter(**key).update(searches=F("searches") + 1, results=results):
        return
    try:
        with transaction.atomic():
            SearchQueryLog.objects.create(**key, searches=1, results=results)
    except IntegrityError:  # somebody logged the same query in between
        SearchQueryLog.objects.filter(**key).update(searches=F("searches") + 1, results=results)
