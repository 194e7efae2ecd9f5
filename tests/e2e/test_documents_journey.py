"""The document library in Chromium: a delegate finds a meeting's document
by its filters, opens it and downloads the French version, whose bytes are
the ones the secretariat uploaded; axe-clean in English and Arabic."""

import datetime
import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from packages.documents import add_file
from tests.conventions.factories import InstrumentFactory, MeetingFactory
from tests.e2e.accessibility import check_accessibility
from tests.e2e.timeouts import TIMEOUT_MS
from tests.packages.factories import OfficialDocumentFactory, pdf_upload

pytestmark = pytest.mark.e2e


def test_a_delegate_finds_a_document_and_downloads_the_french_version(page):
    InstrumentFactory(code="BC", name="Basel Convention")
    cop = MeetingFactory(slug="bc-cop-17", title="Basel COP-17", conventions=["BC"])
    document = OfficialDocumentFactory(
        symbol="UNEP/CHW.17/4",
        meeting=cop,
        agenda_item="4 (a)",
        titles={
            "en": "Technical guidelines on plastic waste",
            "fr": "Directives techniques sur les déchets plastiques",
        },
        conventions=["BC"],
    )
    french = pdf_upload("UNEP/CHW.17/4 fr")
    expected = hashlib.sha256(french.read()).hexdigest()
    french.seek(0)
    day = datetime.date(2025, 4, 28)
    add_file(document, language="en", version="", issued_on=day, upload=pdf_upload("UNEP/CHW.17/4 en"))
    add_file(document, language="fr", version="", issued_on=day, upload=french)
    OfficialDocumentFactory(symbol="UNEP/CHW.17/INF/9", titles={"en": "Another document"})

    page.goto("/en/documents/")
    page.get_by_label("Meeting").select_option("bc-cop-17")
    page.get_by_role("button", name="Find").click()
    expect(page).to_have_url(re.compile(r"meeting=bc-cop-17"), timeout=TIMEOUT_MS)
    expect(page.locator(".documents-list li")).to_have_count(1)
    assert check_accessibility(page) == []
    page.get_by_role("link", name="UNEP/CHW.17/4").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Technical guidelines on plastic waste")
    with page.expect_download() as download:
        page.locator("tr", has_text="français").get_by_role("link").click()
    assert hashlib.sha256(Path(download.value.path()).read_bytes()).hexdigest() == expected
    assert check_accessibility(page) == []

    page.goto("/ar/documents/unep-chw.17-4/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "en")
    assert check_accessibility(page) == []
