"""Demo official documents for `manage.py seed_demo` (#16): the 2025
meetings' documents and the legal texts' structure of
demo/content/packages/documents.yaml, each language version a small PDF
made here whose text names the symbol and the language and says it is a
demonstration file. Through the services, like the secretariat's own; safe
to run again (a document or version already there is left as it is)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from conventions.models import Instrument, Meeting
from packages.documents import add_file, save_document, symbol_slug
from packages.models import AgendaItem, OfficialDocument

from .content import DemoDocument, load_agendas, load_documents


def demo_pdf(document: DemoDocument, language: str) -> SimpleUploadedFile:
    titles = document.titles
    title = titles.get(language) or titles.get("en") or next(iter(titles.values()))
    with translation.override(language):
        html = render_to_string(
            "reports/demo_document.html",
            {
                "symbol": document.symbol,
                "title": title,
                "language": language,
                "bidi": translation.get_language_bidi(),
            },
        )
    pdf = HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()
    name = f"{symbol_slug(document.symbol)}-{language}.pdf"
    return SimpleUploadedFile(name, pdf, content_type="application/pdf")


def _fetch_nothing(url, *args, **kwargs):
    raise ValueError(f"A demo document fetches nothing ({url}).")


def seed_agendas(meetings: dict) -> None:
    """The demo meetings' agenda items that are not there yet."""
    for item in load_agendas():
        meeting = meetings.get(item.meeting)
        if meeting is not None and not AgendaItem.objects.filter(meeting=meeting, number=item.number).exists():
            AgendaItem.objects.create(meeting=meeting, number=item.number, titles=item.titles)


def seed_documents(editor) -> int:
    """Create the demo agendas and the documents that are not there yet;
    how many documents were."""
    meetings = {meeting.slug: meeting for meeting in Meeting.objects.all()}
    seed_agendas(meetings)
    instruments = {instrument.code: instrument for instrument in Instrument.objects.all()}
    created = 0
    for entry in load_documents():
        document = OfficialDocument.objects.filter(slug=symbol_slug(entry.symbol)).first()
        if document is None:
            document = OfficialDocument(
                symbol=entry.symbol,
                kind=entry.kind,
                meeting=meetings.get(entry.meeting),
                agenda_item=entry.agenda_item,
                instrument=instruments.get(entry.instrument),
                adopted_by=entry.adopted_by,
                issued_on=entry.issued,
                titles=entry.titles,
                is_published=True,
            )
            save_document(document, announce=False)  # demo content announces nothing
            codes = entry.conventions or ([entry.instrument] if entry.instrument else [])
            document.conventions.set([instruments[code] for code in codes if code in instruments])
            created += 1
        for language in entry.languages:
            if not document.files.filter(language=language, version="").exists():
                add_file(
                    document,
                    language=language,
                    version="",
                    issued_on=entry.issued,
                    upload=demo_pdf(entry, language),
                    user=editor,
                    announce=False,
                )
    return created
