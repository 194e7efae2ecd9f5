"""Visits counted without tracking anyone: per page, language and day; a
day's distinct visitors from a salted hash that changes daily; no cookie,
no address stored; bots and the secretariat left out; flushed into the
database by the beat task."""

import pytest
from django.conf import settings

from config.celery import app as celery_app
from packages import visits
from packages.models import DailyVisitors, PageView
from packages.tasks import flush_visits
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


@pytest.fixture(autouse=True)
def _fresh_counters(monkeypatch):
    """Each test counts from zero (in Redis, the cache fixture empties our keys)."""
    monkeypatch.setattr(visits, "_counters", None)
    visits.counters().take()


def visit(client, path, agent=BROWSER, address="203.0.113.7"):
    response = client.get(path, HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    assert response.status_code == 200
    return response


def views() -> dict:
    return {(row.language, row.path): row.views for row in PageView.objects.all()}


@pytest.mark.django_db
def test_views_are_counted_per_page_and_language_and_visitors_per_day(client):
    visit(client, "/en/information/")
    visit(client, "/en/information/")
    visit(client, "/fr/information/", address="198.51.100.4")
    visit(client, "/en/forum/")
    assert flush_visits() == 4
    assert views() == {("en", "/information/"): 2, ("fr", "/information/"): 1, ("en", "/forum/"): 1}
    assert DailyVisitors.objects.get().visitors == 2
    # Counted again from where it left off: added, not replaced.
    visit(client, "/en/information/")
    flush_visits()
    assert views()[("en", "/information/")] == 3
    assert DailyVisitors.objects.get().visitors == 2  # the same browser at the same address


@pytest.mark.django_db
@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
        "HeadlessChrome/130",
    ],
)
def test_bots_are_not_counted(client, agent):
    visit(client, "/en/information/", agent=agent)
    flush_visits()
    assert views() == {}


@pytest.mark.django_db
def test_the_secretariat_is_not_counted_members_are(client):
    client.force_login(with_totp(EditorFactory()))
    visit(client, "/en/information/")
    client.force_login(MemberFactory())
    visit(client, "/en/information/")
    flush_visits()
    assert views() == {("en", "/information/"): 1}


@pytest.mark.django_db
def test_no_cookie_and_no_address_is_kept(client):
    response = visit(client, "/en/information/")
    # Only the feedback form's CSRF cookie (a security token, the same for
    # every page): counting sets none.
    assert set(response.cookies) <= {"csrftoken"}
    flush_visits()
    stored = " ".join(
        " ".join(map(str, row)) for model in (PageView, DailyVisitors) for row in model.objects.values_list()
    )
    assert "203.0.113" not in stored
    assert "Mozilla" not in stored
    assert visits.visitor_hash.__doc__  # the hash: never written to the database (checked above)


@pytest.mark.django_db
def test_only_pages_people_read_are_counted(client):
    client.get("/api/v1/decisions/", HTTP_USER_AGENT=BROWSER)
    client.get("/en/no-such-page/", HTTP_USER_AGENT=BROWSER)
    client.get("/robots.txt", HTTP_USER_AGENT=BROWSER)
    client.get("/en/information/", HTTP_USER_AGENT=BROWSER, HTTP_HX_REQUEST="true")
    flush_visits()
    assert views() == {}


def test_the_beat_flushes_every_five_minutes():
    entry = celery_app.conf.beat_schedule["flush-visits"]
    assert entry["task"] == "packages.tasks.flush_visits"
    assert entry["schedule"].minute == set(range(0, 60, 5))


def test_the_counters_are_shared_through_redis_when_there_is_redis():
    expected = (
        "RedisCounters" if settings.CACHES["default"]["BACKEND"].startswith("django_redis") else "ProcessCounters"
    )
    assert type(visits.counters()).__name__ == expected


@pytest.mark.django_db
def test_a_page_is_served_even_when_counting_fails(client, monkeypatch):
    class Down:
        def hit(self, *args):
            raise ConnectionError("Redis is down")

    monkeypatch.setattr(visits, "_counters", Down())
    assert visit(client, "/en/information/").status_code == 200


@pytest.mark.django_db
def test_signed_in_members_count_for_the_country_on_their_profile_and_nothing_else_is_kept(client):
    from packages.models import MemberVisits
    from profiles.models import Profile
    from tests.conventions.factories import CountryFactory

    kenya = CountryFactory(iso2="KE", iso3="KEN", name="Kenya")
    senegal = CountryFactory(iso2="SN", iso3="SEN", name="Senegal")
    members = [MemberFactory(), MemberFactory(), MemberFactory(), MemberFactory()]
    for member, country in zip(members, [kenya, kenya, senegal, None], strict=True):
        Profile.objects.filter(user=member).update(country=country)
    editor = with_totp(EditorFactory())
    Profile.objects.filter(user=editor).update(country=senegal)
    for member in [*members, editor]:
        client.force_login(member)
        visit(client, "/en/information/")
        visit(client, "/en/forum/")
    client.logout()
    visit(client, "/en/information/")
    flush_visits()
    counted = {(row.country.iso3, row.members) for row in MemberVisits.objects.select_related("country")}
    # Two Kenyan members, one Senegalese; the member with no country and the
    # secretariat's editor are not counted, nor the visitor who is not signed in.
    assert counted == {("KEN", 2), ("SEN", 1)}
    # Flushing again the same day sets the same counts: a member counts once a day.
    client.force_login(members[0])
    visit(client, "/en/topics/")
    flush_visits()
    assert {(row.country.iso3, row.members) for row in MemberVisits.objects.select_related("country")} == counted
    # Only the day, the country and the count are stored: no member, no address.
    assert {field.name for field in MemberVisits._meta.get_fields()} == {"id", "day", "country", "members"}


@pytest.mark.django_db
def test_a_questions_views_are_added_by_the_flush_and_reading_it_writes_nothing(client):
    """#17: the question page wrote view_count on every GET."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.models import Question
    from tests.community.factories import QuestionFactory

    question = QuestionFactory(title="Who recycles lead-acid batteries in the region?")
    url = question.get_absolute_url()
    with CaptureQueriesContext(connection) as queries:
        visit(client, url)
    writes = [query["sql"] for query in queries.captured_queries if query["sql"].lstrip().upper().startswith("UPDATE")]
    assert not [sql for sql in writes if "community_question" in sql]
    visit(client, url.replace("/en/", "/fr/", 1), address="198.51.100.4")
    visit(client, url, agent="Googlebot/2.1 (+http://www.google.com/bot.html)")
    assert Question.objects.get(pk=question.pk).view_count == 0

    flush_visits()

    assert Question.objects.get(pk=question.pk).view_count == 2
    assert "2 views" in client.get(url).content.decode()
