"""The conventions' documents as a BagIt bag (RFC 8493; the Library of
Congress's `bagit` library writes and verifies it), for archiving the
institutional memory outside the hub.

A bag holds, under data/, one folder per document (its symbol as an
address) with every language version of it and a metadata.json, and a
documents.json listing them all; its manifests carry SHA-256 and SHA-512
checksums of every file. After writing, the bag is verified twice: by
bagit (every checksum of the manifests) and against the SHA-256 the hub
recorded when each version was uploaded, so a file that changed in storage
since then is caught. `verify_archive` checks a bag again later, after it
was copied or restored.
"""

import json
import shutil
from datetime import date
from pathlib import Path

import bagit
from django.conf import settings
from django.utils import timezone

from .documents import file_label, version_rank
from .models import DocumentFile, OfficialDocument

ALGORITHMS = ["sha256", "sha512"]


class ArchiveError(Exception):
    """The bag could not be written, or does not hold what it should."""


def _metadata(document: OfficialDocument, versions: list[DocumentFile]) -> dict:
    return {
        "symbol": document.symbol,
        "type": document.kind,
        "date": document.issued_on.isoformat(),
        "meeting": document.meeting.slug if document.meeting_id else None,
        "agenda_item": document.agenda_item,
        "conventions": sorted(convention.code for convention in document.conventions.all()),
        "titles": document.titles,
        "summaries": document.summaries,
        "files": [
            {
                "path": file_label(version),
                "language": version.language,
                "version": version.version,
                "date": version.issued_on.isoformat(),
                "sha256": version.sha256,
                "bytes": version.size,
                "uploaded": version.uploaded_at.isoformat(),
            }
            for version in versions
        ],
    }


def export_archive(destination: Path, *, since: date | None = None) -> tuple[Path, int]:
    """Write a bag of the published documents (with a version uploaded on or
    after `since`, when given) into `destination`, a folder that must not
    exist yet; verify it; return its path and the number of files."""
    destination = Path(destination)
    if destination.exists():
        raise ArchiveError(f"{destination} exists already: give the path of a new folder.")
    documents = (
        OfficialDocument.objects.published()
        .select_related("meeting")
        .prefetch_related("conventions", "files__file")
        .order_by("symbol")
    )
    if since:
        documents = documents.filter(files__uploaded_at__date__gte=since).distinct()
    destination.mkdir(parents=True)
    index, count = [], 0
    try:
        for document in documents:
            versions = sorted(document.files.all(), key=lambda each: (each.language, version_rank(each.version)))
            folder = destination / document.slug
            folder.mkdir()
            for version in versions:
                # A piece at a time: a bag of hundreds of documents in bounded memory.
                try:
                    with version.file.open_file() as source, (folder / file_label(version)).open("wb") as target:
                        shutil.copyfileobj(source, target, length=1024 * 1024)
                except FileNotFoundError as error:
                    raise ArchiveError(f"{document.symbol} {version}: the file is missing from storage.") from error
                count += 1
            metadata = _metadata(document, versions)
            (folder / "metadata.json").write_text(json.dumps(metadata, ensure_ascii=False, indent=2), "utf-8")
            index.append({"symbol": document.symbol, "folder": document.slug, "files": len(versions)})
        (destination / "documents.json").write_text(json.dumps(index, ensure_ascii=False, indent=2), "utf-8")
        bagit.make_bag(
            str(destination),
            bag_info={
                "Source-Organization": "Secretariat of the Basel, Rotterdam and Stockholm conventions",
                "External-Description": "Official documents of the conventions and their language versions",
                "External-Identifier": settings.SITE_URL,
                "Bagging-Date": timezone.localdate().isoformat(),
                **({"Bag-Group-Identifier": f"since {since.isoformat()}"} if since else {}),
            },
            checksums=ALGORITHMS,
        )
        verify_archive(destination)
    except Exception:
        # Never a half-written bag, nor one that does not hold what was recorded.
        shutil.rmtree(destination, ignore_errors=True)
        raise
    return destination, count


def verify_archive(path: Path) -> int:
    """Check a bag: bagit's own validation (every file, every checksum, no
    file missing or added) and every version against the SHA-256 recorded in
    its metadata.json. Raises ArchiveError saying what is wrong; returns the
    number of document files checked."""
    try:
        bag = bagit.Bag(str(path))
        bag.validate(processes=1)
    except (bagit.BagError, bagit.BagValidationError) as error:
        raise ArchiveError(f"The bag at {path} does not verify: {error}") from error
    checked = 0
    data = Path(path) / "data"
    manifest = bag.payload_entries()
    for metadata_file in sorted(data.glob("*/metadata.json")):
        metadata = json.loads(metadata_file.read_text("utf-8"))
        for each in metadata["files"]:
            entry = f"data/{metadata_file.parent.name}/{each['path']}"
            recorded = manifest.get(entry, {}).get("sha256")
            if recorded != each["sha256"]:
                raise ArchiveError(
                    f"{entry}: its checksum in the bag ({recorded}) is not the one recorded at upload "
                    f"({each['sha256']}): the file changed in storage."
                )
            checked += 1
    return checked
