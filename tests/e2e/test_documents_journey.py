"""A delegate and a meeting's documents, in Chromium: from the meeting page
to the documents of one agenda item, the French version downloaded (the
bytes the secretariat uploaded), the meeting followed, and the next
in-session document announced in the inbox; axe-clean in English and Arabic."""

import datetime
import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from packages.documents import add_file, save_document
from packages.models import AgendaItem, DocumentKind
from tests.conventions.factories import InstrumentFactory, MeetingFactory
from tests.e2e.accessibility import check_accessibility
from tests.e2e.people import sign_in
from tests.e2e.timeouts import TIMEOUT_MS
from tests.packages.factories import OfficialDocumentFactory, pdf_upload
from tests.profiles.factories import MemberFactory

pytestmark = pytest.mark.e2e
DAY = datetime.date(2025, 4, 28)


def test_a_delegate_follows_a_meeting_and_its_documents(page):
    InstrumentFactory(code="BC", name="Basel Convention")
    cop = MeetingFactory(slug="bc-cop-17", title="Basel COP-17", conventions=["BC"])
    guidelines = OfficialDocumentFactory(
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
    add_file(guidelines, language="en", version="", issued_on=DAY, upload=pdf_upload("UNEP/CHW.17/4 en"))
    add_file(guidelines, language="fr", version="", issued_on=DAY, upload=french)
    OfficialDocumentFactory(symbol="UNEP/CHW.17/1", meeting=cop, agenda_item="1", titles={"en": "Agenda"})
    AgendaItem.objects.create(meeting=cop, number="1", titles={"en": "Opening of the meeting"})
    AgendaItem.objects.create(meeting=cop, number="4 (a)", titles={"en": "Strategic issues"})

    sign_in(page, MemberFactory().email)
    expect(page).to_have_url(re.compile(r"/en/$"), timeout=TIMEOUT_MS)
    page.goto("/en/calendar/bc-cop-17/")
    assert check_accessibility(page) == []
    # The meeting's agenda: item 4 (a) with its one document.
    agenda = page.locator("#meeting-agenda + ol > li", has_text="Strategic issues")
    agenda.get_by_role("link", name="agenda item 4 (a): 1 document").click()
    expect(page).to_have_url(re.compile(r"agenda_item=4"), timeout=TIMEOUT_MS)
    expect(page.locator(".documents-list li")).to_have_count(1)
    assert check_accessibility(page) == []
    page.get_by_role("link", name="UNEP/CHW.17/4").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Technical guidelines on plastic waste")
    with page.expect_download() as download:
        page.locator("tr", has_text="français").get_by_role("link").click()
    assert hashlib.sha256(Path(download.value.path()).read_bytes()).hexdigest() == expected
    assert check_accessibility(page) == []

    page.goto("/en/calendar/bc-cop-17/")
    follow = page.get_by_role("button", name=re.compile("Follow"))
    follow.click()
    expect(page.get_by_role("button", name=re.compile("Follow")).first).to_have_attribute(
        "aria-pressed", "true", timeout=TIMEOUT_MS
    )

    # The secretariat publishes an in-session document of the meeting.
    crp = OfficialDocumentFactory(
        symbol="UNEP/CHW.17/CRP.3",
        kind=DocumentKind.IN_SESSION,
        meeting=cop,
        agenda_item="4 (a)",
        titles={"en": "Draft decision on plastic waste"},
        is_published=False,
    )
    crp.is_published = True
    save_document(crp)

    page.goto("/en/notifications/")
    expect(
        page.locator("p", has_text="New document: UNEP/CHW.17/CRP.3 Draft decision on plastic waste")
    ).to_be_visible(timeout=TIMEOUT_MS)
    assert check_accessibility(page) == []
    # Back on the meeting's page, it is marked new since the last visit.
    page.goto("/en/calendar/bc-cop-17/")
    expect(page.locator("li", has_text="UNEP/CHW.17/CRP.3").locator(".badge", has_text="New").first).to_be_visible()
    page.goto("/ar/calendar/bc-cop-17/")
    expect(page.locator("#meeting-agenda")).to_be_visible()
    assert check_accessibility(page) == []

    page.goto("/ar/documents/unep-chw.17-4/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "en")
    assert check_accessibility(page) == []
