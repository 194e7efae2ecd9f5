"""Text responses travel compressed (#17): Brotli when the client accepts it,
else gzip, never for files that are compressed already; streamed exports
are compressed as they stream; a page's CSRF token differs in every
response, so compression gives nothing away (BREACH)."""

import gzip
import io
import re

import brotli
import pytest
from django.core.management import call_command

from packages.documents import add_file
from packages.models import DocumentKind
from tests.conventions.factories import DecisionFactory, InstrumentFactory, MeetingFactory
from tests.packages.factories import OfficialDocumentFactory, pdf_upload
from tests.profiles.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_a_page_travels_as_brotli_when_the_browser_accepts_it(client):
    plain = client.get("/en/decisions/")
    response = client.get("/en/decisions/", headers={"accept-encoding": "gzip, deflate, br"})

    assert response["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response["Vary"]
    body = brotli.decompress(response.content)
    assert body.startswith(b"<!DOCTYPE html>")
    assert int(response["Content-Length"]) == len(response.content)
    assert len(response.content) * 3 < len(plain.content)
    # Same page, apart from the per-response CSRF mask.
    token = re.compile(rb'"X-CSRFToken": "[^"]*"')
    assert token.sub(b"", body) == token.sub(b"", plain.content)


def test_gzip_when_brotli_is_not_accepted_and_nothing_when_neither_is(client):
    gzipped = client.get("/en/decisions/", headers={"accept-encoding": "gzip"})
    assert gzipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(gzipped.content).startswith(b"<!DOCTYPE html>")

    refused = client.get("/en/decisions/", headers={"accept-encoding": "br;q=0, gzip;q=0"})
    assert not refused.has_header("Content-Encoding")
    assert "Accept-Encoding" in refused["Vary"]
    plain = client.get("/en/decisions/")
    assert not plain.has_header("Content-Encoding")
    assert plain.content.startswith(b"<!DOCTYPE html>")


def test_the_csrf_token_differs_in_every_compressed_response(client):
    client.force_login(MemberFactory())
    tokens = set()
    for _ in range(3):
        body = brotli.decompress(client.get("/en/", headers={"accept-encoding": "br"}).content)
        tokens.add(re.search(rb'"X-CSRFToken": "([^"]+)"', body)[1])
    assert len(tokens) == 3


def test_open_data_and_streamed_csv_are_compressed_as_they_stream(client):
    InstrumentFactory(code="BC", name="Basel Convention")
    for number in range(1, 40):
        DecisionFactory(code=f"BC-14/{number}", title=f"Decision number {number} on plastic waste")

    api = client.get("/api/v1/decisions/", headers={"accept-encoding": "gzip"})
    assert api["Content-Encoding"] == "gzip"
    assert b"BC-14/12" in gzip.decompress(api.content)

    # The open data files are streamed from storage, as CSV text.
    call_command("build_open_data", stdout=io.StringIO())
    csv = client.get("/en/data/decisions.csv", headers={"accept-encoding": "br"})
    assert csv.status_code == 200
    assert csv.streaming
    assert csv["Content-Encoding"] == "br"
    assert not csv.has_header("Content-Length")
    text = brotli.decompress(b"".join(csv.streaming_content)).decode("utf-8-sig")
    assert "BC-14/12" in text
    assert len(text.splitlines()) == 40  # the header and 39 decisions


def test_files_that_are_compressed_already_are_sent_as_they_are(client):
    InstrumentFactory(code="BC", name="Basel Convention")
    meeting = MeetingFactory(slug="bc-cop-17", conventions=["BC"])
    document = OfficialDocumentFactory(symbol="UNEP/CHW.17/1", meeting=meeting, kind=DocumentKind.WORKING)
    version = add_file(document, language="en", version="", issued_on=document.issued_on, upload=pdf_upload("x"))

    response = client.get(version.file.url, headers={"accept-encoding": "br, gzip"})

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
