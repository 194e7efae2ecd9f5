"""The conventions' official documents (#16, first slice): the secretariat
records a document and its language versions in the admin; a version is
never overwritten and carries its SHA-256; readers find documents in the
library by symbol, words, convention, meeting, type, language and year, and
download each language version, their own language first."""

import datetime
import hashlib
import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from packages.documents import add_file, save_document, symbol_slug
from packages.models import DocumentFile, DocumentKind, OfficialDocument
from tests.conventions.factories import InstrumentFactory, MeetingFactory
from tests.mfa import with_totp
from tests.packages.factories import OfficialDocumentFactory, pdf_upload
from tests.pages import html
from tests.profiles.factories import EditorFactory, MemberFactory

DAY = datetime.date(2025, 4, 28)


def test_a_symbol_becomes_a_readable_address():
    assert symbol_slug("UNEP/CHW.16/1") == "unep-chw.16-1"
    assert symbol_slug(" UNEP/POPS/COP.11/INF/12 ") == "unep-pops-cop.11-inf-12"
    assert symbol_slug("UNEP/FAO/RC/COP.12/CRP.3") == "unep-fao-rc-cop.12-crp.3"


@pytest.mark.django_db
def test_each_file_keeps_its_checksum_and_a_correction_is_a_new_version():
    document = OfficialDocumentFactory(symbol="UNEP/CHW.16/1")
    upload = pdf_upload("original en")
    expected = hashlib.sha256(upload.read()).hexdigest()
    upload.seek(0)
    original = add_file(document, language="en", version="", issued_on=DAY, upload=upload)
    assert original.sha256 == expected
    assert original.size == upload.size
    corrected = add_file(document, language="en", version="Rev.1", issued_on=DAY, upload=pdf_upload("revised en"))
    assert [(each.version, each.sha256) for each in document.files.order_by("pk")] == [
        ("", expected),
        ("Rev.1", corrected.sha256),
    ]
    # The original file is still there, unchanged.
    with original.file.open_file() as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"version": ""}, "version", "This language version is there already."),
        ({"version": "Rev.1", "upload": "same"}, "file", "This file was uploaded already for this document"),
        ({"version": "Revision one"}, "version", "Leave empty for the original, or write Rev.1"),
        ({"language": "de"}, "language", "Choose one of the six languages."),
        (
            {"version": "Corr.1", "upload": SimpleUploadedFile("fake.pdf", b"<html><script>x</script></html>")},
            "file",
            "does not match its .pdf extension",
        ),
        (
            {"version": "Corr.1", "upload": SimpleUploadedFile("tool.exe", b"MZ\x90\x00")},
            "file",
            "Files of this type cannot be attached.",
        ),
    ],
)
def test_a_wrong_version_is_refused_with_a_message_and_nothing_is_written(kwargs, field, message):
    document = OfficialDocumentFactory()
    first = pdf_upload("first")
    add_file(document, language="en", version="", issued_on=DAY, upload=first)
    first.seek(0)
    arguments = {"language": "en", "version": "", "issued_on": DAY, "upload": pdf_upload("another"), **kwargs}
    if arguments["upload"] == "same":
        arguments["upload"] = first
    with pytest.raises(ValidationError) as refused:
        add_file(document, **arguments)
    assert any(message in text for text in refused.value.message_dict[field])
    assert DocumentFile.objects.count() == 1


@pytest.fixture
def library(db):
    basel = InstrumentFactory(code="BC", name="Basel Convention")
    stockholm = InstrumentFactory(code="SC", name="Stockholm Convention")
    cop16 = MeetingFactory(slug="bc-cop-16", title="Basel COP-16", conventions=["BC"])
    agenda = OfficialDocumentFactory(
        symbol="UNEP/CHW.16/1",
        kind=DocumentKind.WORKING,
        meeting=cop16,
        agenda_item="1",
        titles={"en": "Provisional agenda", "fr": "Ordre du jour provisoire", "ar": "جدول الأعمال المؤقت"},
        conventions=["BC"],
    )
    add_file(agenda, language="en", version="", issued_on=DAY, upload=pdf_upload("agenda en"))
    add_file(agenda, language="fr", version="", issued_on=DAY, upload=pdf_upload("agenda fr"))
    add_file(agenda, language="ar", version="", issued_on=DAY, upload=pdf_upload("agenda ar"))
    info = OfficialDocumentFactory(
        symbol="UNEP/POPS/COP.11/INF/12",
        kind=DocumentKind.INFORMATION,
        issued_on=datetime.date(2023, 3, 10),
        titles={"en": "Guidance on PFOS alternatives"},
        conventions=["SC"],
    )
    add_file(info, language="en", version="", issued_on=DAY, upload=pdf_upload("pfos en"))
    draft = OfficialDocumentFactory(
        symbol="UNEP/CHW.16/2", titles={"en": "Draft not yet published"}, is_published=False, meeting=cop16
    )
    add_file(draft, language="en", version="", issued_on=DAY, upload=pdf_upload("draft en"))
    return {"agenda": agenda, "info": info, "draft": draft, "cop16": cop16, "bc": basel, "sc": stockholm}


def symbols(response) -> list[str]:
    page = html(response)
    return [link.get_text(strip=True) for link in page.select(".documents-list li a.fw-bold")]


@pytest.mark.django_db
def test_the_library_filters_and_never_lists_a_draft(client, library):
    assert symbols(client.get("/en/documents/")) == ["UNEP/CHW.16/1", "UNEP/POPS/COP.11/INF/12"]
    assert symbols(client.get("/en/documents/", {"convention": "SC"})) == ["UNEP/POPS/COP.11/INF/12"]
    assert symbols(client.get("/en/documents/", {"meeting": "bc-cop-16"})) == ["UNEP/CHW.16/1"]
    assert symbols(client.get("/en/documents/", {"kind": "information"})) == ["UNEP/POPS/COP.11/INF/12"]
    assert symbols(client.get("/en/documents/", {"language": "fr"})) == ["UNEP/CHW.16/1"]
    assert symbols(client.get("/en/documents/", {"year": "2023"})) == ["UNEP/POPS/COP.11/INF/12"]
    assert symbols(client.get("/en/documents/", {"meeting": "bc-cop-16", "agenda_item": "1"})) == ["UNEP/CHW.16/1"]
    assert symbols(client.get("/en/documents/", {"agenda_item": "7"})) == []
    assert symbols(client.get("/en/documents/", {"q": "pfos alternatives"})) == ["UNEP/POPS/COP.11/INF/12"]
    assert symbols(client.get("/en/documents/", {"q": "ordre du jour"})) == ["UNEP/CHW.16/1"]
    assert "Draft not yet published" not in client.get("/en/documents/", {"q": "draft"}).content.decode()
    # Punctuation alone is not a word: it narrows nothing, and matches nothing extra.
    assert symbols(client.get("/en/documents/", {"q": "pfos -"})) == ["UNEP/POPS/COP.11/INF/12"]


@pytest.mark.django_db
def test_a_full_symbol_in_the_search_box_opens_the_document(client, library):
    response = client.get("/fr/documents/", {"q": "unep/chw.16/1"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/documents/unep-chw.16-1/"
    # A draft's symbol does not: it is not there for readers.
    assert client.get("/fr/documents/", {"q": "UNEP/CHW.16/2"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"convention": "XX"}, "There is no convention with the code “XX”."),
        ({"kind": "memo"}, "There is no type of document “memo”."),
        ({"language": "de"}, "There is no language “de” among the six."),
        ({"year": "twenty"}, "Write the year as four digits, e.g. 2025."),
        ({"meeting": "nope"}, "There is no meeting with documents at that address."),
    ],
)
def test_an_unknown_filter_gets_a_400_and_is_left_out(client, library, query, message):
    response = client.get("/en/documents/", query)
    assert response.status_code == 400
    assert message in html(response).select_one(".alert-danger").get_text()
    assert symbols(response) == ["UNEP/CHW.16/1", "UNEP/POPS/COP.11/INF/12"]


@pytest.mark.django_db
def test_a_document_lists_its_versions_in_the_readers_language_first(client, library):
    page = html(client.get("/fr/documents/unep-chw.16-1/"))
    assert page.select_one("h1").get_text(strip=True) == "Ordre du jour provisoire"
    languages = [row.select_one("th").get_text(strip=True) for row in page.select("table tbody tr")]
    assert languages == ["français", "العربيّة", "English"]  # the reader's first, then the UN order
    first = page.select_one("table tbody tr")
    link = first.select_one("a[download]")
    assert link["hreflang"] == "fr"
    checksum = library["agenda"].files.get(language="fr").sha256
    assert first.select_one("code").get_text() == checksum
    # An English reader gets the English title; an Arabic reader the Arabic one, right to left.
    assert html(client.get("/en/documents/unep-chw.16-1/")).select_one("h1").get_text(strip=True) == (
        "Provisional agenda"
    )
    assert html(client.get("/ar/documents/unep-chw.16-1/")).select_one("h1").get_text(strip=True) == (
        "جدول الأعمال المؤقت"
    )
    # A title only in English, in a Russian page, is marked as English.
    heading = html(client.get("/ru/documents/unep-pops-cop.11-inf-12/")).select_one("h1")
    assert heading["lang"] == "en" and heading["dir"] == "ltr"


@pytest.mark.django_db
def test_a_draft_and_its_files_stay_with_the_secretariat(client, library):
    assert client.get("/en/documents/unep-chw.16-2/").status_code == 404
    draft_file = library["draft"].files.get().file
    assert client.get(draft_file.url).status_code == 404
    published_file = library["agenda"].files.get(language="en").file
    response = client.get(published_file.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    # Read to the end, the test client closes the file (never response.close(): it would close the database).
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.force_login(with_totp(EditorFactory()))
    response = client.get(draft_file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_the_library_costs_the_same_queries_whatever_its_length(client, library):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/documents/").status_code == 200
        return len(queries)

    count()  # the first request fills the caches every page shares
    before = count()
    for n in range(8):
        document = OfficialDocumentFactory(symbol=f"UNEP/CHW.16/INF/{n + 1}", conventions=["BC"])
        add_file(document, language="en", version="", issued_on=DAY, upload=pdf_upload(f"inf {n}"))
        add_file(document, language="es", version="", issued_on=DAY, upload=pdf_upload(f"inf es {n}"))
    assert count() == before


@pytest.mark.django_db
def test_the_secretariat_records_a_document_and_a_version_in_the_admin(client, library):
    client.force_login(with_totp(EditorFactory()))
    fields = {
        "symbol": "UNEP/CHW.16/3",
        "kind": "working",
        "meeting": library["cop16"].pk,
        "conventions": [library["bc"].pk],
        "agenda_item": "3",
        "issued_on": "2025-04-01",
        "is_published": "on",
        "title_en": "Report of the Bureau",
        "title_es": "Informe de la Mesa",
        "new_language": "es",
        "new_version": "",
        "new_issued_on": "2025-04-02",
        "new_file": pdf_upload("bureau es"),
    }
    response = client.post("/admin/official_documents/new/", fields)
    assert response.status_code == 302, html(response).select(".error-message")
    document = OfficialDocument.objects.get(symbol="UNEP/CHW.16/3")
    assert document.titles == {"en": "Report of the Bureau", "es": "Informe de la Mesa"}
    assert [(each.language, each.issued_on) for each in document.files.all()] == [("es", datetime.date(2025, 4, 2))]
    # The same symbol again, written differently: refused, nothing written.
    again = client.post(
        "/admin/official_documents/new/", {**fields, "symbol": "unep/chw.16/3 ", "new_file": pdf_upload("x")}
    )
    assert again.status_code == 400
    assert "The document UNEP/CHW.16/3 exists already." in again.content.decode()
    assert OfficialDocument.objects.filter(slug="unep-chw.16-3").count() == 1
    # A file whose content is not its extension: refused with the reason, nothing written.
    edit = f"/admin/official_documents/edit/{document.pk}/"
    fake = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>")
    refused = client.post(edit, {**fields, "new_language": "fr", "new_file": fake})
    assert refused.status_code == 400
    assert "does not match its .pdf extension" in refused.content.decode()
    assert document.files.count() == 1


@pytest.mark.django_db
def test_members_outside_the_secretariat_cannot_record_documents(client):
    client.force_login(MemberFactory())
    assert client.get("/admin/official_documents/new/").status_code == 302


@pytest.mark.django_db
def test_a_meeting_lists_its_published_documents(client, library):
    page = html(client.get("/fr/calendar/bc-cop-16/"))
    section = page.select_one("section[aria-labelledby=meeting-documents]")
    # The agenda, as the documents number it (no agenda entered), with each item's documents.
    item = section.select_one("ol > li")
    assert item.select_one("span.fw-semibold").get_text() == "1"
    assert item.select_one("a.small")["href"] == "/fr/documents/?meeting=bc-cop-16&agenda_item=1"
    assert [link.get_text(strip=True) for link in item.select("ul li a")] == ["UNEP/CHW.16/1"]
    # The pre-session documents, with their agenda item.
    listed = section.select("ul.list-unstyled")[-1].select("li a")
    assert [link.get_text(strip=True) for link in listed] == ["UNEP/CHW.16/1", "point 1 de l'ordre du jour"]
    assert listed[1]["href"] == "/fr/documents/?meeting=bc-cop-16&agenda_item=1"
    assert "Ordre du jour provisoire" in section.get_text()
    assert section.select("p > a")[0]["href"] == "/fr/documents/?meeting=bc-cop-16"


@pytest.mark.django_db
def test_a_file_replaced_outside_the_library_is_not_served(client, library):
    """Wagtail's Documents admin can replace a file; the library then no
    longer serves it: it is not the file whose checksum is published."""
    stored = library["agenda"].files.get(language="en").file
    stored.file = pdf_upload("tampered", name="tampered.pdf")
    stored.save()
    assert client.get(stored.url).status_code == 404
    # The other language versions are served as before.
    response = client.get(library["agenda"].files.get(language="fr").file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_the_one_search_finds_published_documents_and_a_symbol_opens_one(client, library):
    from search import services as search

    search.rebuild()
    results = html(client.get("/en/search/", {"q": "PFOS alternatives"}))
    assert [link.get_text(" ", strip=True) for link in results.select("h2 a, h3 a")][:1] == [
        "UNEP/POPS/COP.11/INF/12 Guidance on PFOS alternatives"
    ]
    assert "Draft not yet published" not in client.get("/en/search/", {"q": "draft published"}).content.decode()
    jump = client.get("/es/search/", {"q": "UNEP/CHW.16/1"})
    assert jump.status_code == 302
    assert jump["Location"] == "/es/documents/unep-chw.16-1/"
    # A draft's symbol is not a shortcut: the search answers as for any words.
    assert client.get("/es/search/", {"q": "UNEP/CHW.16/2"}).status_code == 200


@pytest.mark.django_db
def test_followers_of_a_meeting_hear_of_its_new_documents_and_versions(
    client, library, django_capture_on_commit_callbacks
):
    delegate, other = MemberFactory(), MemberFactory()
    client.force_login(delegate)
    page = html(client.get("/en/calendar/bc-cop-16/"))
    form = page.select_one("form.follow-form")
    fields = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
    assert fields["kind"] == "meeting" and fields["key"] == "bc-cop-16"
    assert client.post(form["action"], fields).status_code == 302
    assert delegate.follows.filter(kind="meeting", key="bc-cop-16").exists()

    # A document of the meeting is published, then a corrected French version of it.
    with django_capture_on_commit_callbacks(execute=True):
        draft = library["draft"]
        draft.is_published = True
        save_document(draft)
    with django_capture_on_commit_callbacks(execute=True):
        add_file(draft, language="fr", version="Corr.1", issued_on=DAY, upload=pdf_upload("draft fr corr"))
    assert [each.description for each in delegate.notifications.order_by("timestamp")] == [
        "New document: UNEP/CHW.16/2 Draft not yet published",
        "New version of UNEP/CHW.16/2: fr Corr.1",
    ]
    assert other.notifications.count() == 0
    # Published again after a correction of its metadata: not announced twice.
    with django_capture_on_commit_callbacks(execute=True):
        draft.is_published = False
        save_document(draft)
        draft.is_published = True
        save_document(draft)
    assert delegate.notifications.count() == 2


def zip_entries(response) -> dict[str, bytes]:
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def fetch_zip(client, url, capture):
    """The first request asks the worker (here: the task, run when the
    request's transaction commits) and answers 202; the next one downloads."""
    with capture(execute=True):
        assert client.get(url).status_code == 202
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_a_meetings_documents_in_one_language_download_as_one_zip(client, library, django_capture_on_commit_callbacks):
    page = html(client.get("/en/calendar/bc-cop-16/"))
    links = {link["hreflang"]: link.get_text(strip=True) for link in page.select("a[href$='.zip']")}
    assert links == {
        "ar": "العربيّة (ZIP, 1 document)",
        "en": "English (ZIP, 1 document)",
        "fr": "français (ZIP, 1 document)",
    }
    response = fetch_zip(client, "/en/calendar/bc-cop-16/documents-fr.zip", django_capture_on_commit_callbacks)
    assert response["Content-Disposition"] == 'attachment; filename="bc-cop-16-fr.zip"'
    entries = zip_entries(response)
    french = library["agenda"].files.get(language="fr")
    assert list(entries) == ["unep-chw.16-1/fr.pdf"]  # the draft's file is not in it
    assert hashlib.sha256(entries["unep-chw.16-1/fr.pdf"]).hexdigest() == french.sha256
    # A corrigendum makes a new ZIP holding it beside the original; the old ZIP is gone from storage.
    corrected = add_file(library["agenda"], language="fr", version="Corr.1", issued_on=DAY, upload=pdf_upload("fr c"))
    entries = zip_entries(
        fetch_zip(client, "/en/calendar/bc-cop-16/documents-fr.zip", django_capture_on_commit_callbacks)
    )
    assert list(entries) == ["unep-chw.16-1/fr.pdf", "unep-chw.16-1/fr-corr.1.pdf"]
    assert hashlib.sha256(entries["unep-chw.16-1/fr-corr.1.pdf"]).hexdigest() == corrected.sha256
    from django.core.files.storage import default_storage

    assert len(default_storage.listdir("meeting-documents/bc-cop-16")[1]) == 1
    assert client.get("/en/calendar/bc-cop-16/documents-ru.zip").status_code == 404
    assert client.get("/en/calendar/bc-cop-16/documents-de.zip").status_code == 404


@pytest.mark.django_db
def test_a_zip_not_built_yet_is_asked_of_a_worker_once_and_the_page_waits(client, library, monkeypatch):
    from packages import tasks

    asked = []
    monkeypatch.setattr(tasks.build_meeting_bundle, "enqueue", lambda *args: asked.append(args))
    first = client.get("/en/calendar/bc-cop-16/documents-en.zip")
    second = client.get("/en/calendar/bc-cop-16/documents-en.zip")
    assert (first.status_code, second.status_code) == (202, 202)
    assert first["Retry-After"] == "15"
    assert "is being prepared" in first.content.decode()
    assert asked == [(library["cop16"].pk, "en")]


@pytest.mark.django_db
def test_a_zip_of_hundreds_of_documents_is_built_in_bounded_memory(library):
    from packages.bundles import build_bundle

    for n in range(200):
        document = OfficialDocumentFactory(symbol=f"UNEP/CHW.16/INF/{n + 1}", meeting=library["cop16"])
        add_file(document, language="es", version="", issued_on=DAY, upload=pdf_upload(f"inf {n}" + "x" * 20_000))
    tracemalloc.start()
    name = build_bundle(library["cop16"], "es")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    from django.core.files.storage import default_storage

    with default_storage.open(name) as built, zipfile.ZipFile(built) as archive:
        assert len(archive.namelist()) == 200
    assert peak < 8 * 1024 * 1024  # the 4 MB of files are never all in memory at once


@pytest.mark.django_db
def test_the_legal_texts_sit_beside_their_parties_and_the_decisions_that_adopted_them(client, library):
    from tests.conventions.factories import CountryFactory, DecisionFactory, PartyStatusFactory

    basel = library["bc"]
    ban = InstrumentFactory(code="BAN", name="Basel Ban Amendment", parent=basel)
    for iso2, iso3, name in (("KE", "KEN", "Kenya"), ("SN", "SEN", "Senegal")):
        PartyStatusFactory(instrument=basel, country=CountryFactory(iso2=iso2, iso3=iso3, name=name), consent_on=DAY)
    DecisionFactory(code="BC-14/12", title="Amendments to Annexes II, VIII and IX")
    OfficialDocumentFactory(
        symbol="BC/TEXT/2023",
        kind=DocumentKind.LEGAL_TEXT,
        issued_on=datetime.date(2023, 1, 1),
        instrument=basel,
        titles={
            "en": "Text of the Basel Convention as amended",
            "fr": "Texte de la Convention de Bâle tel que modifié",
        },
    )
    OfficialDocumentFactory(
        symbol="BC/PLASTIC/2019",
        kind=DocumentKind.LEGAL_TEXT,
        issued_on=datetime.date(2019, 5, 10),
        instrument=basel,
        adopted_by="BC-14/12",
        titles={"en": "Plastic waste amendments"},
    )
    OfficialDocumentFactory(
        symbol="BC/BAN/DRAFT", kind=DocumentKind.LEGAL_TEXT, instrument=ban, is_published=False, titles={"en": "X"}
    )
    page = html(client.get("/fr/legal/"))
    basel_section = page.select_one("section[aria-labelledby=instrument-BC]")
    # Oldest first; the amendment with the decision that adopted it.
    assert [link.get_text(strip=True) for link in basel_section.select("ul a")] == [
        "Plastic waste amendments",
        "BC-14/12",
        "Texte de la Convention de Bâle tel que modifié",
    ]
    assert basel_section.select_one("ul a[href='/fr/decisions/BC-14-12/']") is not None
    parties = basel_section.select_one("a[href='/fr/parties/?instrument=BC']")
    assert parties.get_text(strip=True) == "2 Parties"
    ban_section = page.select_one("section[aria-labelledby=instrument-BAN]")
    assert ban_section.select("ul a") == []  # the draft is not shown
    assert page.select_one("aside a")["href"] == "/fr/knowledge/legal-information/"


@pytest.fixture
def focal_point(db):
    from profiles.constants import Role
    from tests.conventions.factories import CountryFactory
    from tests.profiles.factories import VerificationFactory

    kenya = CountryFactory(iso2="KE", iso3="KEN", name="Kenya")
    verification = VerificationFactory(role=Role.FOCAL_POINT, country=kenya, focal_point_kind="bc_focal_point")
    return verification.user


def statement_fields(**overrides) -> dict:
    fields = {"agenda_item": "1", "language": "fr", "title": "Déclaration du Kenya", "file": pdf_upload("kenya")}
    return {**fields, **overrides}


def held_from(meeting, first: int, last: int) -> None:
    """The meeting runs from `first` to `last` days from today."""
    today = datetime.date.today()
    type(meeting).objects.filter(pk=meeting.pk).update(
        start_date=today + datetime.timedelta(days=first), end_date=today + datetime.timedelta(days=last)
    )


@pytest.mark.django_db
def test_a_focal_point_sends_a_statement_the_secretariat_publishes_it_with_the_country(
    client, library, focal_point, monkeypatch
):
    cop = library["cop16"]
    held_from(cop, -2, 3)
    client.force_login(focal_point)
    assert "Send your country's statement" in client.get("/en/calendar/bc-cop-16/").content.decode()
    country = focal_point.verifications.get().country
    response = client.post("/en/calendar/bc-cop-16/statement/", statement_fields(country=country.pk))
    assert response.status_code == 302
    statement = OfficialDocument.objects.get(kind=DocumentKind.STATEMENT)
    assert (statement.country, statement.submitted_by, statement.is_published) == (country, focal_point, False)
    assert statement.symbol == "BC-COP-16/STATEMENT/KEN/1"
    assert list(statement.files.values_list("language", flat=True)) == ["fr"]
    # Waiting for the secretariat: nowhere for readers.
    assert "STATEMENT" not in client.get("/en/documents/").content.decode()
    assert client.get(statement.get_absolute_url()).status_code == 404
    statement.is_published = True
    save_document(statement)
    page = html(client.get("/en/documents/", {"kind": "statement"}))
    assert "Kenya" in page.select_one(".documents-list li").get_text()
    detail = html(client.get(statement.get_absolute_url()))
    assert detail.select_one("h1").get_text(strip=True) == "Déclaration du Kenya"
    assert "Kenya" in detail.select_one("dl").get_text()


@pytest.mark.django_db
def test_a_statement_is_refused_with_a_reason_and_nothing_is_written(client, library, focal_point):
    cop = library["cop16"]
    held_from(cop, -2, 3)
    country = focal_point.verifications.get().country
    url = "/en/calendar/bc-cop-16/statement/"
    # Not a focal point: 403.
    client.force_login(MemberFactory())
    assert client.post(url, statement_fields(country=country.pk)).status_code == 403
    client.force_login(focal_point)
    for fields, message in [
        ({"agenda_item": "9"}, "There is no agenda item “9” in this meeting&#x27;s agenda."),
        ({"file": SimpleUploadedFile("s.pdf", b"<html><script>x</script></html>")}, "does not match its .pdf"),
    ]:
        response = client.post(url, statement_fields(country=country.pk, **fields))
        assert response.status_code == 400
        assert message in response.content.decode()
    # Once the meeting is over.
    held_from(cop, -5, -1)
    response = client.post(url, statement_fields(country=country.pk))
    assert response.status_code == 400
    assert "This meeting is over" in response.content.decode()
    assert not OfficialDocument.objects.filter(kind=DocumentKind.STATEMENT).exists()
    assert not DocumentFile.objects.filter(document__kind=DocumentKind.STATEMENT).exists()


@pytest.mark.django_db
def test_a_drafts_file_moved_to_another_collection_stays_private_and_cannot_be_replaced(client, library):
    from wagtail.models import Collection

    draft_file = library["draft"].files.get().file
    draft_file.collection = Collection.get_first_root_node()
    draft_file.save()
    assert client.get(draft_file.url).status_code == 404  # the link to the document decides, not the collection
    client.force_login(with_totp(EditorFactory()))
    response = client.post(
        f"/admin/documents/edit/{draft_file.pk}/",
        {"title": draft_file.title, "collection": draft_file.collection_id, "file": pdf_upload("replacement")},
    )
    assert "it cannot be replaced or moved" in response.content.decode()
    draft_file.refresh_from_db()
    assert draft_file.file.name == library["draft"].files.get().stored_name


@pytest.mark.django_db
def test_a_document_published_in_the_admin_is_announced_once_to_its_conventions_followers(
    client, library, django_capture_on_commit_callbacks
):
    from tests.subscriptions.factories import FollowFactory

    follower = MemberFactory()
    FollowFactory(user=follower, kind="convention", key="BC")
    client.force_login(with_totp(EditorFactory()))
    fields = {
        "symbol": "UNEP/CHW.16/5",
        "kind": "working",
        "meeting": library["cop16"].pk,
        "conventions": [library["bc"].pk],
        "issued_on": "2025-04-01",
        "is_published": "on",
        "title_en": "Programme of work",
        "new_language": "en",
        "new_version": "",
        "new_issued_on": "2025-04-01",
        "new_file": pdf_upload("programme"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/admin/official_documents/new/", fields).status_code == 302
    assert [each.description for each in follower.notifications.all()] == [
        "New document: UNEP/CHW.16/5 Programme of work"
    ]
    # The inbox links to the document.
    client.force_login(follower)
    assert 'href="/en/documents/unep-chw.16-5/"' in client.get("/en/notifications/").content.decode()


@pytest.mark.django_db
def test_a_document_shows_the_questions_and_items_that_cite_it(client, library):
    from community.constants import GroupPrivacy
    from tests.community.factories import GroupFactory, QuestionFactory
    from tests.knowledge.factories import BestPracticeFactory

    QuestionFactory(title="Is item 4 of UNEP/CHW.16/1 about e-waste?")
    QuestionFactory(title="What does UNEP/CHW.16/10 say?")  # another document
    secret = GroupFactory(name="Bureau", privacy=GroupPrivacy.PRIVATE)
    QuestionFactory(title="Bureau view on UNEP/CHW.16/1", group=secret)
    BestPracticeFactory(title="Our preparations", summary="We followed the agenda UNEP/CHW.16/1 closely.")
    section = html(client.get("/en/documents/unep-chw.16-1/")).select_one("section[aria-labelledby=cited-heading]")
    assert [link.get_text(strip=True) for link in section.select("ul > li > a")] == [
        "Is item 4 of UNEP/CHW.16/1 about e-waste?"
    ]
    assert "Our preparations" in section.get_text()
    assert "Bureau" not in section.get_text()
