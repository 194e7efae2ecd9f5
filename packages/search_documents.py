"""The official documents in the one search (core.indexing), and a symbol
typed in full as a shortcut straight to its document. Registered in
PackagesConfig.ready()."""

from django.urls import reverse

from core.indexing import (
    Batch,
    Document,
    Facet,
    IndexSource,
    Kind,
    Shortcut,
    join,
    neutral_path,
    register_shortcut,
    register_source,
)

from .documents import symbol_slug
from .models import OfficialDocument

ENGLISH = "en"


def _documents(document: OfficialDocument, batch: Batch) -> list[Document]:
    # Reference data: one row for every language, titled in English (or the
    # first language it has), every title searchable.
    title, _language = document.text_in("titles", ENGLISH)
    row = Document(
        kind=Kind.DOCUMENT,
        title=f"{document.symbol} {title}".strip(),
        url=neutral_path("packages:document", slug=document.slug),
        keywords=" ".join([document.symbol, *document.titles.values()]),
        names=[document.symbol],
        body=join(*(document.summaries or {}).values(), document.meeting.title if document.meeting_id else ""),
        date=document.issued_on,
        metadata={"symbol": document.symbol},
    )
    row.add_conventions(convention.code for convention in document.conventions.all())
    row.add(Facet.YEAR, [document.issued_on.year])
    return [row]


def document_shortcut(user, text: str):
    """A full symbol (UNEP/CHW.16/1) opens its document."""
    if "/" not in text:
        return None
    document = OfficialDocument.objects.published().filter(slug=symbol_slug(text)).only("symbol", "slug").first()
    if document is None:
        return None
    return Shortcut(Kind.DOCUMENT, document.symbol, reverse("packages:document", args=[document.slug]), jump=True)


def register() -> None:
    register_source(
        IndexSource(
            "official_document",
            "packages.OfficialDocument",
            lambda: OfficialDocument.objects.published().select_related("meeting").prefetch_related("conventions"),
            _documents,
            indexable=lambda document: document.is_published,
            relations=["conventions"],
        )
    )
    register_shortcut(5, document_shortcut)
