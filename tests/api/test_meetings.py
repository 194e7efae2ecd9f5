"""/api/v1/meetings/: the joint calendar as InforMEA harvests meetings."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conventions.constants import MeetingKind, MeetingStatus
from conventions.models import Meeting
from tests.conventions.factories import CountryFactory, MeetingFactory


@pytest.fixture
def meetings(db):
    kenya = CountryFactory(iso3="KEN", iso2="KE", name="Kenya")
    nairobi = MeetingFactory(
        slug="workshop-pcb-nairobi",
        title="Regional workshop on PCB elimination",
        kind=MeetingKind.WORKSHOP,
        conventions=["SC", "BC"],
        start_date=datetime.date(2027, 3, 2),
        end_date=datetime.date(2027, 3, 4),
        city="Nairobi",
        venue="UN Gigiri",
        country=kenya,
        documents_url="https://example.org/docs",
    )
    webinar = MeetingFactory(
        slug="webinar-pic",
        title="Webinar on prior informed consent",
        kind=MeetingKind.WEBINAR,
        conventions=["RC"],
        start_date=datetime.date(2026, 5, 1),
        online_url="https://example.org/join",
        status=MeetingStatus.CANCELLED,
    )
    return nairobi, webinar


@pytest.mark.django_db
def test_a_partner_lists_meetings_with_informeas_fields(client, meetings):
    body = client.get("/api/v1/meetings/").json()
    assert body["count"] == 2
    first, second = body["results"]
    assert first["id"] == "webinar-pic" and first["status"] == "cancelled" and first["virtual"] is True
    assert first["country"] is None and first["treaties"] == ["RC"]
    assert second == {
        "id": "workshop-pcb-nairobi",
        "title": {"en": "Regional workshop on PCB elimination"},
        "treaties": ["BC", "SC"],
        "kind": "workshop",
        "type": "Regional workshop",
        "number": None,
        "status": "scheduled",
        "start": "2027-03-02",
        "end": "2027-03-04",
        "timezone": "Europe/Zurich",
        "location": "UN Gigiri",
        "city": "Nairobi",
        "country": "KEN",
        "virtual": False,
        "documents": "https://example.org/docs",
        "dates_status": None,
        "link": second["link"],
        "updated": second["updated"],
    }
    assert second["link"].endswith("/en/calendar/workshop-pcb-nairobi/")
    assert client.get("/api/v1/meetings/workshop-pcb-nairobi/").json()["city"] == "Nairobi"
    assert client.get("/api/v1/meetings/nowhere/").status_code == 404


@pytest.mark.django_db
def test_meetings_filtered_by_convention_kind_status_country_dates_and_changes(client, meetings):
    def ids(**params):
        response = client.get("/api/v1/meetings/", params)
        assert response.status_code == 200, response.content
        return [each["id"] for each in response.json()["results"]]

    assert ids(convention="bc") == ["workshop-pcb-nairobi"]
    assert ids(kind="webinar") == ["webinar-pic"]
    assert ids(status="cancelled") == ["webinar-pic"]
    assert ids(country="ken") == ["workshop-pcb-nairobi"]
    assert ids(date_from="2027-01-01") == ["workshop-pcb-nairobi"]
    assert ids(date_to="2026-12-31") == ["webinar-pic"]
    Meeting.objects.update(updated_at=timezone.now() - datetime.timedelta(days=2))
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert ids(updated_since=since) == []
    nairobi, _webinar = meetings
    nairobi.status = MeetingStatus.POSTPONED
    nairobi.save()
    assert ids(updated_since=since) == ["workshop-pcb-nairobi"]


@pytest.mark.django_db
def test_bad_meeting_filters_are_named(client, meetings):
    for params, says in [
        ({"kind": "party"}, "kind"),
        ({"date_from": "tomorrow"}, "date_from"),
        ({"city": "x"}, "city"),
    ]:
        response = client.get("/api/v1/meetings/", params)
        assert response.status_code == 400
        assert says in response.json()["detail"]


@pytest.mark.django_db
def test_a_page_of_meetings_costs_the_same_queries_however_many_there_are(client, meetings):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/meetings/").status_code == 200
        return len(captured)

    few = queries()
    for _number in range(20):
        MeetingFactory(conventions=["BC", "RC"], country=meetings[0].country)
    assert queries() == few
