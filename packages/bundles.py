"""A meeting's documents in one language as one ZIP (#16), for delegates
who take them offline before a session.

The ZIP is built by a Celery task into the media storage and kept until a
document of the meeting changes: its name carries a fingerprint of the files
it holds, so a new document or version makes a new name, and the old ZIPs
of that meeting and language are deleted when the new one is built. Files
are copied into the archive a piece at a time (and stored, not compressed
again: PDFs and Office files are compressed already), so a meeting with
hundreds of documents is built in bounded memory; the download streams it.
"""

import hashlib
import tempfile
import zipfile
from pathlib import PurePosixPath

from django.core.files import File
from django.core.files.storage import default_storage

from .documents import file_label, version_rank
from .models import DocumentFile

FOLDER = "meeting-documents"
CHUNK_BYTES = 1024 * 1024


def language_files(meeting, language: str) -> list[DocumentFile]:
    """Every version in `language` of the meeting's published documents (a
    corrigendum or addendum does not replace the original: both are read)."""
    files = (
        DocumentFile.objects.published()
        .filter(document__meeting=meeting, language=language)
        .select_related("document", "file")
    )
    return sorted(files, key=lambda each: (each.document.symbol, version_rank(each.version)))


def fingerprint(files: list[DocumentFile]) -> str:
    return hashlib.sha256(",".join(f"{each.pk}:{each.sha256}" for each in files).encode()).hexdigest()[:16]


def bundle_name(meeting, language: str, files: list[DocumentFile]) -> str:
    return f"{FOLDER}/{meeting.slug}/{language}-{fingerprint(files)}.zip"


def entry_name(file: DocumentFile) -> str:
    """A folder per document (two symbols can read alike once flattened)."""
    return f"{file.document.slug}/{file_label(file)}"


def build_bundle(meeting, language: str) -> str | None:
    """Build the meeting's ZIP in `language` unless it is there already; its
    storage name, or None when the meeting has no document in it."""
    files = language_files(meeting, language)
    if not files:
        return None
    name = bundle_name(meeting, language, files)
    if default_storage.exists(name):
        return name
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
            for each in files:
                with each.file.open_file() as source, archive.open(entry_name(each), "w", force_zip64=True) as target:
                    while chunk := source.read(CHUNK_BYTES):
                        target.write(chunk)
        spool.seek(0)
        saved = default_storage.save(name, File(spool, name=PurePosixPath(name).name))
    if saved != name:
        # Another build of the same files finished first: keep its ZIP.
        default_storage.delete(saved)
    # Keep this ZIP and the one of the files as they are now (a newer build
    # that finished first is never deleted by this older one).
    now = bundle_name(meeting, language, language_files(meeting, language))
    keep = {PurePosixPath(name).name, PurePosixPath(now).name}
    _, built = default_storage.listdir(f"{FOLDER}/{meeting.slug}")
    for other in built:
        if other.startswith(f"{language}-") and other not in keep:
            default_storage.delete(f"{FOLDER}/{meeting.slug}/{other}")
    return name


def ready_bundle(meeting, language: str) -> tuple[str | None, list[DocumentFile]]:
    """The storage name of the meeting's current ZIP in `language` if it is
    built, and the files it holds (or will)."""
    files = language_files(meeting, language)
    if not files:
        return None, files
    name = bundle_name(meeting, language, files)
    return (name if default_storage.exists(name) else None), files


def building_key(meeting_id: int, language: str) -> str:
    """Held while a worker builds this ZIP, so that it is asked for once."""
    return f"bundle-building:{meeting_id}:{language}"
