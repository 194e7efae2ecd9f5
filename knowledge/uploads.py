"""What a member may attach to knowledge items, and the checks that prove it.

A file is accepted only when its extension is on the allow-list, the type
python-magic sniffs from its content agrees with that extension, and its
structure holds up: archives (Office and OpenDocument files) are not bombs
and hold the parts their kind always has, images decode within a pixel
budget, PDFs and images carry no second format inside, and CSV is plain
UTF-8 text.
"""

import codecs
import csv
import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from PIL import Image

# Extension -> content types python-magic may report for it. The first is the
# type stored and served. libmagic names some Office files only by their
# container (application/zip or application/octet-stream); those are accepted
# because every Office and OpenDocument file then passes the archive check,
# which proves it is that kind of document.
OOXML_CONTAINER_TYPES = ("application/zip", "application/octet-stream")
ATTACHMENT_TYPES: dict[str, tuple[str, ...]] = {
    "pdf": ("application/pdf",),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", *OOXML_CONTAINER_TYPES),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", *OOXML_CONTAINER_TYPES),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", *OOXML_CONTAINER_TYPES),
    "odt": ("application/vnd.oasis.opendocument.text",),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet",),
    "csv": ("text/csv", "text/plain"),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
    "png": ("image/png",),
    "webp": ("image/webp",),
}

# The part that makes an Office Open XML package a document of its kind.
OOXML_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
# OpenDocument files name their own type in a `mimetype` entry.
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
ARCHIVE_EXTENSIONS = frozenset(OOXML_MAIN_PARTS) | frozenset(ODF_MIMETYPES)
# Pillow is only allowed to try the decoder the extension names.
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Read this much for python-magic: enough for it to see past the first
# entries of an Office archive.
SNIFF_BYTES = 64 * 1024
# Files are read in pieces this big; an attachment can be tens of megabytes.
CHUNK_BYTES = 1024 * 1024

MAX_ARCHIVE_ENTRIES = 2_000
MAX_ARCHIVE_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# A high ratio on a small entry (a run of blank cells, say) harms nothing;
# the ratio rule applies to entries that unpack to more than this.
COMPRESSION_RATIO_MIN_BYTES = 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000

ZIP_LOCAL_HEADER = b"PK\x03\x04"
ZIP_CENTRAL_DIRECTORY = b"PK\x01\x02"
ZIP_END_OF_DIRECTORY = b"PK\x05\x06"
# The fixed parts of a central directory header and of the end record.
ZIP_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
ZIP_END_RECORD = struct.Struct("<4s4H2LH")
# Matched against lower-cased bytes: signs of a web page or script.
HTML_MARKERS = (b"<script", b"<html", b"<svg", b"<iframe", b"<!doctype html", b"javascript:")
# In compressed binary data (PDF streams, image pixels) a short marker such as
# "<svg" turns up by chance in a few percent of large files; only the long
# ones are specific enough there.
BINARY_MARKERS = (b"<script", b"<html", b"<iframe", b"<!doctype html", b"javascript:")
# A ZIP is read from its end record, which sits in the last 22 bytes plus a
# comment of at most 64 KiB: an archive appended to a PDF or image shows there.
ZIP_TAIL_BYTES = 22 + 65535


def validate_attachment(upload: File) -> str:
    """Refuse anything but an allowed, well-formed document, spreadsheet,
    presentation, CSV or image within the size limit.

    Returns the content type to store with the file. Raises ValidationError
    with a message for the member and a code saying which rule failed. The
    file is left at its start either way.
    """
    extension = _extension(upload.name)
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            _("Files of this type cannot be attached. Accepted types: %(accepted)s.")
            % {"accepted": ", ".join(f".{name}" for name in sorted(ATTACHMENT_TYPES))},
            code="type_not_allowed",
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = getattr(settings, "KNOWLEDGE_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES)
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    try:
        # CSV has no signature for python-magic to find, so its own reading
        # comes first and gives the member the precise reason.
        if extension == "csv":
            _check_csv(upload)
        if _sniff(upload) not in ATTACHMENT_TYPES[extension]:
            raise ValidationError(
                _("The content of this file does not match its .%(extension)s extension.") % {"extension": extension},
                code="type_mismatch",
            )
        if extension in ARCHIVE_EXTENSIONS:
            _check_archive(upload, extension)
        elif extension == "pdf" or extension in IMAGE_FORMATS:
            _check_single_type(upload)
        if extension in IMAGE_FORMATS:
            _check_image(upload, extension)
    finally:
        upload.seek(0)
    return ATTACHMENT_TYPES[extension][0]


def _extension(name: str | None) -> str:
    """The lower-cased text after the file name's last dot, or ""."""
    name = name or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _chunks(upload: File) -> Iterator[bytes]:
    """The file's bytes from the start, a piece at a time."""
    upload.seek(0)
    while chunk := upload.read(CHUNK_BYTES):
        yield chunk


def _contains_markers(upload: File, markers: tuple[bytes, ...]) -> bool:
    """Whether any of the markers appears anywhere in the file, in any letter case."""
    # Keep the end of each piece so a marker split across two is still found.
    overlap = max(len(marker) for marker in markers) - 1
    tail = b""
    for chunk in _chunks(upload):
        window = tail + chunk
        lowered = window.lower()
        if any(marker in lowered for marker in markers):
            return True
        tail = window[-overlap:]
    return False


def _has_zip_end_record(upload: File) -> bool:
    """Whether a ZIP archive ends the file (one appended to a PDF or image)."""
    upload.seek(0, os.SEEK_END)
    size = upload.tell()
    upload.seek(max(0, size - ZIP_TAIL_BYTES))
    return ZIP_END_OF_DIRECTORY in upload.read(ZIP_TAIL_BYTES)


def _sniff(upload: File) -> str:
    """The content type python-magic reads from the start of the file."""
    upload.seek(0)
    return magic.from_buffer(upload.read(SNIFF_BYTES), mime=True)


def _check_csv(upload: File) -> None:
    """CSV must be UTF-8 text (a byte-order mark is fine) with no NUL bytes
    and nothing a browser would run."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    not_text = ValidationError(
        _("A CSV file must be plain text saved as UTF-8. Save it again with UTF-8 encoding and upload the new copy."),
        code="invalid_csv",
    )
    try:
        for chunk in _chunks(upload):
            if b"\x00" in chunk:
                raise not_text
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise not_text from error
    if _contains_markers(upload, HTML_MARKERS):
        raise ValidationError(
            _("This CSV file contains web page or script code, which a spreadsheet never needs."),
            code="polyglot",
        )
    formulas = _formula_cells(upload)
    if formulas:
        row, column, text = formulas[0]
        raise ValidationError(
            _(
                "Row %(row)s, column %(column)s starts like a spreadsheet formula (%(text)s), which a spreadsheet "
                "would run when a reader opens the file. If it is data, put an apostrophe before it; "
                "if it is a formula, attach the spreadsheet itself (.xlsx or .ods)."
            )
            % {"row": row, "column": column, "text": text},
            code="csv_formula",
        )


# A cell a spreadsheet runs as a formula (CSV injection, OWASP): one
# starting with = or @, or with + or - not followed by a number, or with a
# tab or carriage return. Negative and signed numbers are data.
FORMULA_START = re.compile(r"^(?:[=@\t\r]|[+-](?![\d.,\s]*$))")


def _formula_cells(upload: File, most: int = 3) -> list[tuple[int, int, str]]:
    """The first cells of a (UTF-8) CSV that would run as formulas, as
    (row, column, first characters), counted from 1."""
    upload.seek(0)
    text = io.TextIOWrapper(upload, encoding="utf-8-sig", newline="")
    found = []
    try:
        for row_number, row in enumerate(csv.reader(text), start=1):
            for column_number, cell in enumerate(row, start=1):
                if FORMULA_START.match(cell.lstrip(" ")):
                    found.append((row_number, column_number, Truncator(cell.strip()).chars(30)))
                    if len(found) >= most:
                        return found
    except csv.Error as error:  # a cell too long to read, a stray quote: it cannot be checked, so it is not taken
        raise ValidationError(
            _("This CSV file cannot be read as a table (%(problem)s). Save it again from a spreadsheet.")
            % {"problem": error},
            code="invalid_csv",
        ) from error
    finally:
        text.detach()
        upload.seek(0)
    return found


def _check_single_type(upload: File) -> None:
    """Refuse a PDF or image that also holds an archive, a web page or a
    script: a polyglot that other software would read as something else."""
    if _has_zip_end_record(upload) or _contains_markers(upload, BINARY_MARKERS):
        raise ValidationError(
            _(
                "This file looks like more than one type at once, so it cannot be attached. "
                "Save or export it again and upload the new copy."
            ),
            code="polyglot",
        )


def _entry_count(upload: File) -> int | None:
    """How many entries the ZIP lists, or None when it has no end record.

    The central directory is walked header by header, stopping one past the
    limit, before zipfile parses it: a file of countless tiny entries is
    refused without building them all, and without trusting the count the
    end record declares (zipfile itself ignores that count).
    """
    # The end record sits at the very end, after a comment of at most 64 KiB.
    upload.seek(0, os.SEEK_END)
    tail_start = max(0, upload.tell() - (ZIP_END_RECORD.size + 0xFFFF))
    upload.seek(tail_start)
    tail = upload.read()
    position = tail.rfind(ZIP_END_OF_DIRECTORY)
    if position < 0 or len(tail) - position < ZIP_END_RECORD.size:
        return None
    declared, directory_size = ZIP_END_RECORD.unpack_from(tail, position)[4:6]
    if directory_size == 0xFFFFFFFF:
        # Zip64 keeps the real size elsewhere; zipfile finds it, and the
        # count is checked again once it has parsed the directory.
        return declared
    directory_start = tail_start + position - directory_size
    if directory_start < 0:
        return None
    upload.seek(directory_start)
    counted = 0
    while counted <= MAX_ARCHIVE_ENTRIES:
        header = upload.read(ZIP_CENTRAL_HEADER.size)
        if len(header) < ZIP_CENTRAL_HEADER.size or not header.startswith(ZIP_CENTRAL_DIRECTORY):
            break
        counted += 1
        name_length, extra_length, comment_length = ZIP_CENTRAL_HEADER.unpack(header)[12:15]
        upload.seek(name_length + extra_length + comment_length, os.SEEK_CUR)
    return max(counted, declared)


def _is_unsafe_path(name: str) -> bool:
    """Whether an entry name is absolute, carries a drive letter or climbs
    out with `..`."""
    normal = name.replace("\\", "/")
    return normal.startswith("/") or normal[1:2] == ":" or ".." in PurePosixPath(normal).parts


def _check_archive(upload: File, extension: str) -> None:
    """An Office or OpenDocument file must be a sound ZIP of modest size,
    with safe entry names and the parts its kind always has."""
    not_archive = ValidationError(
        _("This .%(extension)s file is damaged or is not a real document of that kind.") % {"extension": extension},
        code="invalid_archive",
    )
    too_many = ValidationError(
        _("This document holds more than %(count)s parts; it cannot be attached.")
        % {"count": number_format(MAX_ARCHIVE_ENTRIES, force_grouping=True)},
        code="too_many_entries",
    )
    count = _entry_count(upload)
    if count is None:
        raise not_archive
    if count > MAX_ARCHIVE_ENTRIES:
        raise too_many
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ARCHIVE_ENTRIES:
                raise too_many
            _check_entries(entries, extension)
            if extension in ODF_MIMETYPES:
                _check_odf_mimetype(archive, extension)
    # Whatever a malformed archive makes zipfile or zlib raise.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as error:
        raise not_archive from error


def _check_entries(entries: list[zipfile.ZipInfo], extension: str) -> None:
    """Refuse zip bombs, unsafe or encrypted entries, and packages missing
    the parts of their kind."""
    bomb = ValidationError(
        _("This document unpacks to far more than its size suggests (a “zip bomb”); it cannot be attached."),
        code="archive_bomb",
    )
    total = 0
    for entry in entries:
        if _is_unsafe_path(entry.filename):
            raise ValidationError(
                _("This document contains a part with an unsafe name (%(name)s); it cannot be attached.")
                % {"name": Truncator(entry.filename).chars(80)},
                code="unsafe_path",
            )
        if entry.flag_bits & 0x1:
            raise ValidationError(
                _("This document is protected with a password. Remove the password and upload it again."),
                code="invalid_archive",
            )
        total += entry.file_size
        if total > MAX_ARCHIVE_UNCOMPRESSED_BYTES:
            raise bomb
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > COMPRESSION_RATIO_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise bomb
    names = {entry.filename for entry in entries}
    if extension in OOXML_MAIN_PARTS:
        required = {"[Content_Types].xml", OOXML_MAIN_PARTS[extension]}
    else:
        required = {"mimetype", "content.xml"}
    if not required <= names:
        raise ValidationError(
            _("This is not a complete .%(extension)s document: parts every such document has are missing.")
            % {"extension": extension},
            code="missing_parts",
        )


def _check_odf_mimetype(archive: zipfile.ZipFile, extension: str) -> None:
    """The `mimetype` entry of an OpenDocument file must name its kind."""
    expected = ODF_MIMETYPES[extension].encode("ascii")
    entry = archive.getinfo("mimetype")
    # Read only when it is as short as the name it should hold.
    if entry.file_size != len(expected) or archive.read(entry) != expected:
        raise ValidationError(
            _("The content of this file does not match its .%(extension)s extension.") % {"extension": extension},
            code="type_mismatch",
        )


def _check_image(upload: File, extension: str) -> None:
    """Pillow must read the image as the kind its extension names, its
    pixels must fit the budget, and its data must verify."""
    too_big = ValidationError(
        _("The image has too many pixels; the limit is %(limit)s megapixels.")
        % {"limit": MAX_IMAGE_PIXELS // 1_000_000},
        code="image_too_large",
    )
    upload.seek(0)
    try:
        with Image.open(upload, formats=[IMAGE_FORMATS[extension]]) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise too_big
            image.verify()
    # Pillow warns above its own limit (higher than ours) and raises above
    # twice it; where warnings are errors the warning arrives raised. Either
    # way the image is over our limit.
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_big from error
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error) as error:
        raise ValidationError(_("The image could not be read; it may be damaged."), code="corrupt") from error
