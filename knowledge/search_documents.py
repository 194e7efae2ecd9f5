"""Published knowledge items in the one search (core.indexing), each in its
page's language; a page unpublished, moved or restricted changes the rows of
the items at and under it. Registered in KnowledgeConfig.ready()."""

from django.utils import translation
from wagtail.models import Page

from conventions.search_documents import places
from core.indexing import Batch, Document, Facet, IndexSource, join, plain, register_source, text_of

from .models import KnowledgeItemPage
from .services import item_type_of


def _published():
    # An alias (a copy wagtail-localize keeps in step with its original) is
    # the original's text again: the original's row stands for it.
    return KnowledgeItemPage.objects.published().filter(alias_of__isnull=True)


def _queryset():
    return (
        _published()
        .specific()
        .select_related("locale")
        .prefetch_related("conventions", "countries", "regions", "thematic_areas", "tags", "decision_references")
    )


def _indexable(page) -> bool:
    return _published().filter(pk=page.pk).exists()


def _documents(page, batch: Batch) -> list[Document]:
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
    document.add_conventions(instrument.code for instrument in page.conventions.all())
    document.add_topics(page.thematic_areas.all())
    places(document, page.countries.all(), batch)
    document.add(Facet.REGION, (region.code for region in page.regions.all()))
    if page.year_start:
        last = min(page.year_end or page.year_start, page.year_start + 30)
        document.add(Facet.YEAR, range(page.year_start, last + 1))
    elif document.date:
        document.add(Facet.YEAR, [document.date.year])
    return [document]


def _under_page(page_id: int) -> list[int]:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return []
    return list(KnowledgeItemPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def register() -> None:
    register_source(
        IndexSource(
            "knowledge",
            "knowledge.KnowledgeItemPage",
            _queryset,
            _documents,
            indexable=_indexable,
            subclasses=True,
            under_page=_under_page,
        )
    )
