"""The conventions' official documents (#16): recording a document and its
language versions, and finding them in the library.

A document's files are Wagtail documents in the "Official documents"
collection, served as attachments by Wagtail's serve view; until the
document is published only the secretariat may download them (the
before_serve_document hook in wagtail_hooks). A language version is never
replaced: a corrected text (Rev.1, Corr.1, Add.1) is a new file, and every
file carries its SHA-256 checksum.
"""

import hashlib
import re
from datetime import date
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Collection

from conventions.models import Country
from knowledge.uploads import validate_attachment
from profiles.constants import Role
from profiles.models import Verification

from . import events
from .models import AgendaItem, DocumentFile, DocumentKind, OfficialDocument, agenda_sort_key

COLLECTION_NAME = "Official documents"
VERSION = re.compile(r"^((Rev|Corr|Add)\.\d{1,2})?$")
CHUNK_BYTES = 1024 * 1024
LANGUAGE_ORDER = [code for code, _name in settings.LANGUAGES]


def symbol_slug(symbol: str) -> str:
    """UNEP/CHW.16/1 → unep-chw.16-1: the symbol as a readable address."""
    return re.sub(r"[^a-z0-9.]+", "-", symbol.strip().lower()).strip("-.")


def search_text(document: OfficialDocument) -> str:
    """What the library's search box looks in: the symbol, every title and summary."""
    texts = [document.symbol, *document.titles.values(), *(document.summaries or {}).values()]
    return "\n".join(text for text in texts if text)


def save_document(document: OfficialDocument, *, announce: bool = True) -> OfficialDocument:
    """Save a document with its address and search text; a symbol that
    exists already (whatever its case or punctuation) is refused. Published
    now for the first time, it is announced unless `announce` is False (a
    caller that sets its conventions and files first announces it after,
    with announce_publication)."""
    document.symbol = " ".join(document.symbol.split())
    document.slug = symbol_slug(document.symbol)
    if not document.slug:
        raise ValidationError({"symbol": _("Enter the document's symbol, e.g. UNEP/CHW.16/1.")})
    check_symbol_free(document.symbol, document)
    document.search_text = search_text(document)
    was_published = was_published_before(document)
    if document.is_published and not was_published and document.published_at is None:
        document.published_at = timezone.now()
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as error:
        # Another editor saved the same symbol between the check and now.
        clash = OfficialDocument.objects.filter(slug=document.slug).exclude(pk=document.pk).first()
        if clash is None:
            raise
        raise ValidationError(
            {"symbol": _("The document %(symbol)s exists already.") % {"symbol": clash.symbol}}
        ) from error
    if announce and document.is_published and not was_published:
        events.document_published(document)
    return document


def check_symbol_free(symbol: str, document: OfficialDocument | None = None) -> None:
    """Refuse a symbol another document has, whatever its case or punctuation."""
    query = OfficialDocument.objects.filter(slug=symbol_slug(symbol))
    clash = query.exclude(pk=document.pk).first() if document is not None and document.pk else query.first()
    if clash:
        raise ValidationError({"symbol": _("The document %(symbol)s exists already.") % {"symbol": clash.symbol}})


def was_published_before(document: OfficialDocument) -> bool:
    return bool(document.pk) and OfficialDocument.objects.filter(pk=document.pk, is_published=True).exists()


def announce_publication(document: OfficialDocument, *, was_published: bool, added: DocumentFile | None) -> None:
    """After a change made in several steps (the admin's form): the document
    newly published, or a version added to one that already was."""
    if document.is_published and not was_published:
        events.document_published(document)
    elif document.is_published and added is not None:
        events.version_published(added)


def official_collection() -> Collection:
    """Where the files go in Wagtail's documents (created on first use)."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=COLLECTION_NAME).first() or root.add_child(name=COLLECTION_NAME)


def sha256_of(upload) -> str:
    """The file's SHA-256, read a piece at a time; the file is left at its start."""
    digest = hashlib.sha256()
    upload.seek(0)
    while chunk := upload.read(CHUNK_BYTES):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_new_file(document: OfficialDocument | None, *, language: str, version: str, upload) -> str:
    """Everything about a new language version that can be checked before
    anything is written: the language, the version's form, that this
    language and version are not there yet, the file itself (type sniffed,
    structure), and that the same file was not uploaded before for this
    document. Returns the file's SHA-256 checksum; raises ValidationError."""
    if language not in LANGUAGE_ORDER:
        raise ValidationError({"language": _("Choose one of the six languages.")})
    if not VERSION.match(version.strip()):
        raise ValidationError({"version": _("Leave empty for the original, or write Rev.1, Corr.1 or Add.1.")})
    files = document.files.all() if document is not None and document.pk else DocumentFile.objects.none()
    if files.filter(language=language, version=version.strip()).exists():
        raise ValidationError(
            {
                "version": _(
                    "This language version is there already. A corrected text is a new version "
                    "(Rev.1, Corr.1 or Add.1): nothing is overwritten."
                )
            }
        )
    try:
        validate_attachment(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    checksum = sha256_of(upload)
    same = files.filter(sha256=checksum).first()
    if same:
        raise ValidationError(
            {"file": _("This file was uploaded already for this document (%(version)s).") % {"version": str(same)}}
        )
    return checksum


@transaction.atomic
def add_file(
    document: OfficialDocument,
    *,
    language: str,
    version: str,
    issued_on: date,
    upload,
    user=None,
    announce: bool = True,
) -> DocumentFile:
    """Add one language version, once check_new_file found nothing wrong
    with it (checked again here: a service is called by more than forms)."""
    checksum = check_new_file(document, language=language, version=version, upload=upload)
    version = version.strip()
    Document = get_document_model()
    stored = Document(
        title=f"{document.symbol} {language} {version}".strip(),
        file=upload,
        collection=official_collection(),
        uploaded_by_user=user,
    )
    stored.file_size = upload.size
    stored.save()
    try:
        with transaction.atomic():
            added = DocumentFile.objects.create(
                document=document,
                language=language,
                version=version,
                file=stored,
                sha256=checksum,
                size=upload.size,
                stored_name=stored.file.name,
                issued_on=issued_on,
            )
    except IntegrityError as error:  # the same upload twice at once
        stored.file.delete(save=False)  # the database rolls back; storage does not
        raise ValidationError({"file": _("This language version was just added by someone else.")}) from error
    except Exception:
        stored.file.delete(save=False)
        raise
    if announce and document.is_published:
        events.version_published(added)
    return added


def versions_for_reader(document: OfficialDocument, language: str) -> list[DocumentFile]:
    """The document's files, the reader's language first, then in the UN
    order; within a language the original, then its corrections, addenda
    and revisions by number."""
    files = list(document.files.all())
    order = [language, *(code for code in LANGUAGE_ORDER if code != language)]
    return sorted(files, key=lambda each: (order.index(each.language), version_rank(each.version)))


def version_rank(version: str) -> tuple:
    """The original first, then Corr.1, Corr.2, Add.1, Rev.1 …"""
    kind, _dot, number = version.partition(".")
    return ({"": 0, "Corr": 1, "Add": 2, "Rev": 3}.get(kind, 4), int(number) if number.isdigit() else 0)


def file_label(file: DocumentFile) -> str:
    """A language version's file name inside a ZIP or a bag: fr.pdf, fr-corr.1.pdf."""
    suffix = PurePosixPath(file.file.file.name).suffix.lower()
    version = f"-{file.version.lower()}" if file.version else ""
    return f"{file.language}{version}{suffix}"


def statement_countries(user):
    """The countries a member is a verified focal point of."""
    if not user.is_authenticated:
        return Country.objects.none()
    verified = Verification.objects.approved().filter(user=user, role=Role.FOCAL_POINT).exclude(country=None)
    return Country.objects.filter(pk__in=verified.values("country")).order_by("name")


def agenda_items(meeting) -> list[str]:
    """The meeting's agenda items: those the secretariat entered, or, for a
    meeting without, as its published documents number them."""
    entered = list(AgendaItem.objects.filter(meeting=meeting).values_list("number", flat=True))
    if entered:
        return entered
    items = meeting.official_documents.published().exclude(agenda_item="").values_list("agenda_item", flat=True)
    return sorted(set(items), key=agenda_sort_key)


def check_agenda_item(meeting, item: str) -> None:
    """Refuse an agenda item the meeting's agenda does not have (when the
    secretariat entered its agenda)."""
    item = " ".join(item.split())
    if not item or meeting is None:
        return
    entered = list(AgendaItem.objects.filter(meeting=meeting).values_list("number", flat=True))
    if entered and item not in entered:
        raise ValidationError(
            {
                "agenda_item": _("There is no agenda item “%(item)s” in this meeting's agenda (it has %(items)s).")
                % {"item": item, "items": ", ".join(entered)}
            }
        )


@transaction.atomic
def submit_statement(
    user, meeting, *, country, agenda_item: str, language: str, title: str, upload
) -> OfficialDocument:
    """A verified focal point sends their country's statement on an agenda
    item while the meeting is not over; it waits, unpublished, until the
    secretariat accepts it. Everything is checked before anything is written."""
    if country not in statement_countries(user):
        raise PermissionDenied(_("Only a verified focal point of the country can send its statement."))
    if meeting.end_date < timezone.localdate():
        raise ValidationError({"file": _("This meeting is over: statements are taken until its last day.")})
    if agenda_item not in agenda_items(meeting):
        raise ValidationError(
            {"agenda_item": _("There is no agenda item “%(item)s” in this meeting's agenda.") % {"item": agenda_item}}
        )
    check_new_file(None, language=language, version="", upload=upload)
    base = f"{meeting.slug.upper()}/STATEMENT/{country.iso3}/{agenda_item.replace(' ', '')}"
    symbol, number = base, 1
    while OfficialDocument.objects.filter(slug=symbol_slug(symbol)).exists():
        number += 1
        symbol = f"{base}/{number}"
    document = OfficialDocument(
        symbol=symbol,
        kind=DocumentKind.STATEMENT,
        meeting=meeting,
        agenda_item=agenda_item,
        issued_on=timezone.localdate(),
        titles={language: title.strip() or country.name},
        country=country,
        submitted_by=user,
        is_published=False,
    )
    save_document(document)
    document.conventions.set(meeting.conventions.all())
    add_file(document, language=language, version="", issued_on=document.issued_on, upload=upload, user=user)
    return document
