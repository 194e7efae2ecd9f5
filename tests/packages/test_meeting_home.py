"""A meeting's page as its home (#16): the agenda the secretariat enters,
with each item's documents; in-session and pre-session documents newest
first; the day's journal and the report; what is new since a member's last
visit; and the checks on agenda items, symbols and deliveries."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from packages import documents as documents_service
from packages.documents import add_file, save_document, submit_statement
from packages.models import AgendaItem, DocumentKind, MeetingVisit, OfficialDocument
from tests.conventions.factories import InstrumentFactory, MeetingFactory
from tests.mfa import with_totp
from tests.packages.factories import OfficialDocumentFactory, pdf_upload
from tests.pages import html
from tests.profiles.factories import EditorFactory, MemberFactory

DAY = datetime.date(2025, 4, 28)
URL = "/en/calendar/sc-cop-12/"


@pytest.fixture
def meeting(db):
    InstrumentFactory(code="SC", name="Stockholm Convention")
    cop = MeetingFactory(slug="sc-cop-12", title="Stockholm COP-12", conventions=["SC"])
    for number, titles in (
        ("10", {"en": "Other matters"}),
        ("4 (b)", {"en": "Listing of chemicals", "fr": "Inscription de produits chimiques"}),
        ("1", {"en": "Opening of the meeting"}),
    ):
        AgendaItem.objects.create(meeting=cop, number=number, titles=titles)
    return cop


def document(meeting, symbol, kind=DocumentKind.WORKING, item="", issued=DAY, **fields) -> OfficialDocument:
    made = OfficialDocumentFactory(
        symbol=symbol, kind=kind, meeting=meeting, agenda_item=item, issued_on=issued, conventions=["SC"], **fields
    )
    add_file(made, language="en", version="", issued_on=issued, upload=pdf_upload(f"{symbol} en"))
    return made


def section(client, url=URL):
    return html(client.get(url)).select_one("section[aria-labelledby=meeting-documents]")


@pytest.mark.django_db
def test_the_agenda_lists_its_items_in_order_with_their_documents(client, meeting):
    document(meeting, "UNEP/POPS/COP.12/1", item="1")
    document(meeting, "UNEP/POPS/COP.12/12", item="4 (b)")
    document(meeting, "UNEP/POPS/COP.12/INF/3", kind=DocumentKind.INFORMATION, item="4 (b)")

    agenda = section(client, "/fr/calendar/sc-cop-12/").select_one("ol")

    items = agenda.find_all("li", recursive=False)
    assert [item.select_one("span.fw-semibold").get_text() for item in items] == ["1", "4 (b)", "10"]
    listing = items[1]
    assert "Inscription de produits chimiques" in listing.get_text()
    assert [link.get_text(strip=True) for link in listing.select("ul li > a")] == [
        "UNEP/POPS/COP.12/12",
        "UNEP/POPS/COP.12/INF/3",
    ]
    assert listing.select_one("a.small")["href"] == "/fr/documents/?meeting=sc-cop-12&agenda_item=4%20%28b%29"
    assert listing.select_one("a.small").get_text() == "point 4 (b) de l'ordre du jour\u00a0: 2 documents"
    # An item's title in English only is marked as English on the French page.
    assert items[0].select_one("span[lang=en]").get_text() == "Opening of the meeting"
    assert not items[2].select("ul")


@pytest.mark.django_db
def test_in_session_documents_come_newest_first_with_the_journal_and_the_report(client, meeting):
    document(meeting, "UNEP/POPS/COP.12/CRP.1", kind=DocumentKind.IN_SESSION, issued=DAY)
    document(meeting, "UNEP/POPS/COP.12/CRP.2", kind=DocumentKind.IN_SESSION, issued=DAY + datetime.timedelta(days=2))
    document(meeting, "UNEP/POPS/COP.12/L.1", kind=DocumentKind.IN_SESSION, issued=DAY + datetime.timedelta(days=1))
    document(meeting, "UNEP/POPS/COP.12/JOURNAL/1", kind=DocumentKind.JOURNAL, issued=DAY)
    document(meeting, "UNEP/POPS/COP.12/JOURNAL/2", kind=DocumentKind.JOURNAL, issued=DAY + datetime.timedelta(days=1))
    document(meeting, "UNEP/POPS/COP.12/31", kind=DocumentKind.REPORT, issued=DAY + datetime.timedelta(days=12))

    page = section(client)

    heading = next(h3 for h3 in page.find_all("h3") if h3.get_text().startswith("In-session documents"))
    in_session = heading.find_next_sibling("ul")
    assert [link.get_text() for link in in_session.select("li > a:first-child")] == [
        "UNEP/POPS/COP.12/CRP.2",
        "UNEP/POPS/COP.12/L.1",
        "UNEP/POPS/COP.12/CRP.1",
    ]
    programme = page.find("strong", string="Programme of the day:").parent
    assert "Daily journal of April 29, 2025" in programme.get_text()
    assert "UNEP/POPS/COP.12/JOURNAL/2" in programme.get_text()
    report = page.find("h3", string="Report of the meeting").find_next_sibling("ul")
    assert "UNEP/POPS/COP.12/31" in report.get_text()


@pytest.mark.django_db
def test_a_member_sees_what_is_new_since_the_last_visit(client, meeting):
    first = document(meeting, "UNEP/POPS/COP.12/1", item="1")
    document(meeting, "UNEP/POPS/COP.12/2", item="1")
    member = MemberFactory()
    client.force_login(member)

    # The first visit: nothing is marked, and the visit is remembered.
    assert not section(client).select(".badge.text-bg-success")
    assert MeetingVisit.objects.filter(user=member, meeting=meeting).exists()

    # Since then: a new document, and a French version of an older one.
    draft = document(meeting, "UNEP/POPS/COP.12/CRP.1", kind=DocumentKind.IN_SESSION, is_published=False)
    draft.is_published = True
    save_document(draft)
    add_file(first, language="fr", version="", issued_on=DAY, upload=pdf_upload("first fr"))
    # A HEAD request (a prefetch, a link checker) does not count as a visit.
    assert client.head(URL).status_code == 200

    page = section(client)
    new = {badge.find_parent("li").select_one("a").get_text() for badge in page.select(".badge.text-bg-success")}
    assert new == {"UNEP/POPS/COP.12/CRP.1", "UNEP/POPS/COP.12/1"}
    assert "2 documents new or revised since your last visit" in page.select_one(".alert-info").get_text()
    # The next visit starts afresh; visitors who are not signed in are never tracked.
    assert not section(client).select(".badge.text-bg-success")
    client.logout()
    assert not section(client).select(".badge.text-bg-success")
    assert MeetingVisit.objects.count() == 1


@pytest.mark.django_db
def test_the_meeting_page_costs_the_same_queries_however_many_documents(client, meeting):
    client.force_login(MemberFactory())
    document(meeting, "UNEP/POPS/COP.12/1", item="1")
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for number in range(2, 12):
        document(meeting, f"UNEP/POPS/COP.12/{number}", item="4 (b)")
        document(meeting, f"UNEP/POPS/COP.12/CRP.{number}", kind=DocumentKind.IN_SESSION)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)


@pytest.mark.django_db
def test_publication_is_dated_once(meeting):
    draft = document(meeting, "UNEP/POPS/COP.12/5", is_published=False)
    assert draft.published_at is None
    draft.is_published = True
    save_document(draft)
    first = OfficialDocument.objects.get(pk=draft.pk).published_at
    assert first is not None
    save_document(draft)
    assert OfficialDocument.objects.get(pk=draft.pk).published_at == first


@pytest.mark.django_db
def test_an_agenda_item_the_agenda_lacks_is_refused_in_the_admin(client, meeting):
    client.force_login(with_totp(EditorFactory()))
    fields = {
        "symbol": "UNEP/POPS/COP.12/7",
        "kind": "working",
        "meeting": meeting.pk,
        "conventions": [],
        "agenda_item": "7",
        "issued_on": "2025-04-01",
        "title_en": "Budget",
    }
    response = client.post("/admin/official_documents/new/", fields)
    assert response.status_code == 400
    assert "There is no agenda item “7” in this meeting&#x27;s agenda (it has 1, 4 (b), 10)." in (
        response.content.decode()
    )
    assert not OfficialDocument.objects.exists()
    assert client.post("/admin/official_documents/new/", {**fields, "agenda_item": "4  (b)"}).status_code == 302
    assert OfficialDocument.objects.get().agenda_item == "4 (b)"


@pytest.mark.django_db
def test_the_secretariat_enters_an_agenda_item_once(client, meeting):
    client.force_login(with_totp(EditorFactory()))
    fields = {"meeting": meeting.pk, "number": "5", "title_en": "Budget", "title_ar": "الميزانية"}
    assert client.post("/admin/agenda_items/new/", fields).status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, number="5")
    assert item.titles == {"en": "Budget", "ar": "الميزانية"}
    again = client.post("/admin/agenda_items/new/", {**fields, "number": " 5 "})
    assert again.status_code == 400
    assert "This meeting&#x27;s agenda has an item 5 already." in again.content.decode()
    assert AgendaItem.objects.filter(meeting=meeting).count() == 4
    # The agenda orders it between 4 (b) and 10.
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("number", flat=True)) == [
        "1",
        "4 (b)",
        "5",
        "10",
    ]


@pytest.mark.django_db
def test_a_statement_on_an_item_the_agenda_lacks_is_refused(meeting):
    from profiles.constants import Role
    from tests.conventions.factories import CountryFactory
    from tests.profiles.factories import VerificationFactory

    kenya = CountryFactory(iso2="KE", iso3="KEN", name="Kenya")
    verification = VerificationFactory(role=Role.FOCAL_POINT, country=kenya, focal_point_kind="sc_focal_point")
    today = datetime.date.today()
    type(meeting).objects.filter(pk=meeting.pk).update(start_date=today, end_date=today + datetime.timedelta(days=2))
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        submit_statement(
            verification.user,
            meeting,
            country=kenya,
            agenda_item="7",
            language="en",
            title="Statement",
            upload=pdf_upload("kenya"),
        )
    assert "There is no agenda item “7”" in str(refused.value)
    statement = submit_statement(
        verification.user,
        meeting,
        country=kenya,
        agenda_item="4 (b)",
        language="en",
        title="Statement",
        upload=pdf_upload("kenya"),
    )
    assert (statement.agenda_item, statement.is_published) == ("4 (b)", False)


@pytest.mark.django_db
def test_two_editors_saving_one_symbol_at_once_get_a_message_not_an_error(meeting):
    document(meeting, "UNEP/POPS/COP.12/9")
    late = OfficialDocument(symbol="unep/pops/cop.12/9", kind=DocumentKind.WORKING, issued_on=DAY, titles={"en": "x"})
    # The other editor's save lands between the check and this one's.
    with mock.patch.object(documents_service, "check_symbol_free"):
        with pytest.raises(ValidationError) as refused:
            save_document(late)
    assert refused.value.message_dict["symbol"] == ["The document UNEP/POPS/COP.12/9 exists already."]
    assert OfficialDocument.objects.count() == 1


@pytest.mark.django_db
def test_a_document_unpublished_before_its_announcement_is_delivered_tells_nobody(
    meeting, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    member.follows.create(kind="meeting", key="sc-cop-12")
    draft = document(meeting, "UNEP/POPS/COP.12/11", is_published=False)

    with django_capture_on_commit_callbacks() as callbacks:
        draft.is_published = True
        save_document(draft)
    # Withdrawn before the worker delivers the announcement.
    OfficialDocument.objects.filter(pk=draft.pk).update(is_published=False)
    for callback in callbacks:
        callback()

    assert member.notifications.count() == 0


@pytest.mark.django_db
def test_a_meeting_with_only_other_documents_still_lists_them_and_earlier_journals(client, meeting):
    document(meeting, "UNEP/POPS/COP.12/DEC.1", kind=DocumentKind.DECISION)
    page = section(client)
    assert page is not None
    other = next(h3 for h3 in page.find_all("h3") if h3.get_text() == "Other documents").find_next_sibling("ul")
    assert "UNEP/POPS/COP.12/DEC.1" in other.get_text()

    document(meeting, "UNEP/POPS/COP.12/JOURNAL/1", kind=DocumentKind.JOURNAL, issued=DAY)
    document(meeting, "UNEP/POPS/COP.12/JOURNAL/2", kind=DocumentKind.JOURNAL, issued=DAY + datetime.timedelta(days=1))
    page = section(client)
    earlier = next(h3 for h3 in page.find_all("h3") if h3.get_text() == "Earlier daily journals").find_next_sibling(
        "ul"
    )
    assert [link.get_text() for link in earlier.select("li > a:first-child")] == ["UNEP/POPS/COP.12/JOURNAL/1"]
