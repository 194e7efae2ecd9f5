"""/api/v1/decisions/: what a partner harvesting the hub gets, its filters,
deltas by updated_since, and clear problem details for bad requests."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conventions.models import Decision
from tests.conventions.factories import DecisionFactory, MeetingFactory

PROBLEM = "application/problem+json"


@pytest.fixture
def decisions(db):
    meeting = MeetingFactory(
        title="Fourteenth meeting of the Conference of the Parties to the Basel Convention",
        slug="bc-cop-14",
        start_date=datetime.date(2019, 4, 29),
        end_date=datetime.date(2019, 5, 10),
    )
    plastic = DecisionFactory(
        code="BC-14/12",
        title="Amendments to Annexes II, VIII and IX (plastic waste)",
        summary="Brings plastic waste under the control procedure.",
        meeting=meeting,
        official_url="https://www.basel.int/decisions/BC-14-12",
        topics=["plastic-waste"],
    )
    pic = DecisionFactory(code="RC-9/5", title="Listing of HBCD in Annex III", year=2019)
    pops = DecisionFactory(code="SC-4/17", title="Listing of PFOS", year=2009)
    return plastic, pic, pops


@pytest.mark.django_db
def test_a_partner_lists_decisions_with_their_meeting_topics_documents_and_page(client, decisions):
    response = client.get("/api/v1/decisions/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 3
    record = next(each for each in body["results"] if each["id"] == "BC-14/12")
    assert record["treaty"] == "BC"
    assert record["year"] == 2019
    assert record["title"] == {"en": "Amendments to Annexes II, VIII and IX (plastic waste)"}
    assert record["summary"] == {"en": "Brings plastic waste under the control procedure."}
    assert record["meeting"]["title"].startswith("Fourteenth meeting")
    assert record["meeting"]["start"] == "2019-04-29"
    assert record["meeting"]["link"].endswith("/en/calendar/bc-cop-14/")
    assert record["thematic_areas"] == ["plastic-waste"]
    assert record["documents"] == [{"title": "Official text", "url": "https://www.basel.int/decisions/BC-14-12"}]
    assert record["link"].endswith("/en/decisions/BC-14-12/")
    assert record["updated"]


@pytest.mark.django_db
def test_one_decision_by_its_code(client, decisions):
    response = client.get("/api/v1/decisions/SC-4-17/")
    assert response.status_code == 200
    assert response.json()["id"] == "SC-4/17"
    missing = client.get("/api/v1/decisions/SC-4-99/")
    assert missing.status_code == 404
    assert missing["Content-Type"] == PROBLEM
    assert missing.json()["detail"] == "No decision has this code."


@pytest.mark.django_db
def test_filters_by_convention_year_and_thematic_area(client, decisions):
    def ids(**params):
        return sorted(each["id"] for each in client.get("/api/v1/decisions/", params).json()["results"])

    assert ids(convention="rc") == ["RC-9/5"]
    assert ids(year=2009) == ["SC-4/17"]
    assert ids(year=2019) == ["BC-14/12", "RC-9/5"]
    assert ids(thematic_area="plastic-waste") == ["BC-14/12"]


@pytest.mark.django_db
def test_a_harvest_by_updated_since_gets_only_what_changed(client, decisions):
    plastic, pic, _pops = decisions
    Decision.objects.update(updated_at=timezone.now() - datetime.timedelta(days=3))
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert client.get("/api/v1/decisions/", {"updated_since": since}).json()["count"] == 0
    pic.summary = "Adds hexabromocyclododecane to Annex III."
    pic.save()
    body = client.get("/api/v1/decisions/", {"updated_since": since}).json()
    assert [each["id"] for each in body["results"]] == ["RC-9/5"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({"conventoin": "BC"}, 400, "unknown_parameters: conventoin"),
        ({"updated_since": "last tuesday"}, 400, "updated_since"),
        ({"year": "twenty"}, 400, "year"),
        ({"convention": "B" * 10_000}, 400, "At most 200 characters."),
        ({"page": "99999"}, 404, "Invalid page."),
        ({"format": "xml"}, 400, "format: Only json"),
        ({"convention": ""}, 400, "convention: Empty: give a value, or leave the parameter out."),
        ({"year": "2019.5"}, 400, "year"),
        ({"page": "0"}, 400, "page: A whole number from 1."),
        ({"page_size": "500"}, 400, "page_size: A whole number from 1 up to 200."),
        ({"convention": "B\x00C"}, 400, "convention"),
        ({"lang": "xx"}, 400, "unknown_parameters: lang"),
        ({"updated_since": "2038-04-08T16:31:53+21:37"}, 400, "offset of at most ±14:00"),
        ({"updated_since": "0056-12-14T16:02:58Z"}, 400, "from the year 1000"),
    ],
)
def test_bad_requests_get_problem_details_never_a_500(client, decisions, params, status, says):
    response = client.get("/api/v1/decisions/", params)
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == status
    assert says in problem["detail"]


@pytest.mark.django_db
def test_an_address_the_api_does_not_have_is_a_json_404(client, db):
    for path in ("/api/v1/nonsense/", "/api/v1/decisions/not.a.code/", "/api/v2/decisions/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
        assert "/api/docs/" in response.json()["detail"]


@pytest.mark.django_db
def test_a_page_of_decisions_costs_the_same_queries_however_many_there_are(client, decisions):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/decisions/").status_code == 200
        return len(captured)

    few = queries()
    meeting = MeetingFactory()
    for number in range(1, 21):
        DecisionFactory(code=f"SC-9/{number}", meeting=meeting, topics=["pops-elimination"])
    assert queries() == few


@pytest.mark.django_db
def test_nothing_writes_through_the_api(client, decisions):
    assert client.post("/api/v1/decisions/", {"code": "BC-1/1"}).status_code == 405
    assert client.delete("/api/v1/decisions/SC-4-17/").status_code == 405
    assert Decision.objects.count() == 3


@pytest.mark.django_db
def test_the_openapi_schema_and_its_documentation_from_our_own_static_files(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/decisions/" in document["paths"]
    parameters = {each["name"] for each in document["paths"]["/api/v1/decisions/"]["get"]["parameters"]}
    assert {"convention", "year", "thematic_area", "updated_since", "page"} <= parameters
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()


@pytest.mark.django_db
def test_every_answer_has_an_etag_and_last_modified_and_an_unchanged_one_is_304(client, decisions):
    _plastic, pic, _pops = decisions
    first = client.get("/api/v1/decisions/")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/api/v1/decisions/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert client.get("/api/v1/decisions/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    one = client.get("/api/v1/decisions/RC-9-5/")
    assert client.get("/api/v1/decisions/RC-9-5/", HTTP_IF_NONE_MATCH=one["ETag"]).status_code == 304
    pic.title = "Listing of hexabromocyclododecane in Annex III"
    pic.save()
    changed = client.get("/api/v1/decisions/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


@pytest.mark.django_db
def test_anonymous_reads_are_rate_limited_with_retry_after(client, decisions, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    assert client.get("/api/v1/decisions/").status_code == 200
    assert client.get("/api/v1/decisions/SC-4-17/").status_code == 200
    refused = client.get("/api/v1/decisions/")
    assert refused.status_code == 429
    assert refused["Content-Type"] == PROBLEM
    assert 0 < int(refused["Retry-After"]) <= 60
    # A forged X-Forwarded-For does not make a new client.
    assert client.get("/api/v1/decisions/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
