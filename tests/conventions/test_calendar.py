"""The joint calendar: what a reader sees on the pages, and what a calendar
app reads from the .ics feed and files."""

import re
from datetime import date, datetime, time, timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from conventions.constants import MeetingKind, MeetingStatus
from conventions.models import Meeting
from tests.conventions.factories import CountryFactory, DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db

CALENDAR = "/en/calendar/"
FEED = "/calendar.ics"


def make_meeting(*conventions: str, **fields) -> Meeting:
    """A meeting of the given conventions (instrument codes), by default a
    two-week COP that starts in 30 days."""
    start = fields.pop("start_date", timezone.localdate() + timedelta(days=30))
    defaults = {"kind": MeetingKind.COP, "end_date": start + timedelta(days=11)}
    return MeetingFactory(start_date=start, conventions=conventions or ["BC"], **{**defaults, **fields})


def text_of(response) -> str:
    """The page as a reader gets it: tags dropped, entities decoded, spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def main_list(response) -> str:
    """The text of the meeting list (or month), without filters and sidebars."""
    html = response.content.decode()
    start = html.index('<div class="col-lg-9">')
    end = html.index('<aside class="col-lg-3"')
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html[start:end])))


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


# The list page


def test_upcoming_by_default_soonest_first_and_past_newest_first(client):
    today = timezone.localdate()
    make_meeting(title="Last year's COP", start_date=today - timedelta(days=400), end_date=today - timedelta(days=390))
    make_meeting(
        title="Last month's workshop", start_date=today - timedelta(days=40), end_date=today - timedelta(days=38)
    )
    make_meeting(title="Ends today", start_date=today - timedelta(days=2), end_date=today)
    make_meeting(title="Later COP", start_date=today + timedelta(days=90))
    make_meeting(title="Sooner webinar", start_date=today + timedelta(days=5), end_date=today + timedelta(days=5))

    upcoming = main_list(client.get(CALENDAR))
    assert "Last month's workshop" not in upcoming and "Last year's COP" not in upcoming
    assert upcoming.index("Ends today") < upcoming.index("Sooner webinar") < upcoming.index("Later COP")
    assert "Under way" in upcoming  # the meeting that ends today

    past = main_list(client.get(CALENDAR, {"when": "past"}))
    assert "Ends today" not in past and "Later COP" not in past
    assert past.index("Last month's workshop") < past.index("Last year's COP")


def test_filters_by_convention_show_a_joint_meeting_under_each(client):
    make_meeting("BC", "RC", "SC", title="Triple COPs")
    make_meeting("BC", title="Basel OEWG", kind=MeetingKind.OEWG)
    make_meeting("RC", title="Rotterdam CRC", kind=MeetingKind.CRC)
    make_meeting("SC", title="Stockholm POPRC", kind=MeetingKind.POPRC)

    for code, own in (("BC", "Basel OEWG"), ("RC", "Rotterdam CRC"), ("SC", "Stockholm POPRC")):
        shown = main_list(client.get(CALENDAR, {"convention": code}))
        assert "Triple COPs" in shown and own in shown
        others = {"Basel OEWG", "Rotterdam CRC", "Stockholm POPRC"} - {own}
        assert not [title for title in others if title in shown]


def test_filters_combine_and_each_can_be_removed(client):
    make_meeting("BC", "RC", "SC", title="Triple COPs")
    make_meeting("BC", title="Basel OEWG", kind=MeetingKind.OEWG)
    make_meeting("RC", title="Rotterdam OEWG-like", kind=MeetingKind.OEWG)

    response = client.get(CALENDAR, {"convention": "BC", "kind": "oewg", "when": "upcoming"})
    shown = main_list(response)
    assert "Basel OEWG" in shown and "Triple COPs" not in shown and "Rotterdam OEWG-like" not in shown
    html = response.content.decode()
    # Removing one filter keeps the other.
    page = text_of(response)
    assert 'href="/en/calendar/?kind=oewg"' in html and "Remove filter: Basel Convention" in page
    assert 'href="/en/calendar/?convention=BC"' in html and "Remove filter: Basel Open-ended Working Group" in page
    # The other views keep both filters.
    assert 'href="/en/calendar/?convention=BC&amp;kind=oewg&amp;when=past"' in html
    assert 'href="/en/calendar/?convention=BC&amp;kind=oewg&amp;view=month"' in html


def test_past_view_filters_are_kept_in_removal_links(client):
    response = client.get(CALENDAR, {"when": "past", "kind": "cop"})
    assert 'href="/en/calendar/?when=past"' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"convention": "XX"}, "There is no convention “XX” in the calendar"),
        ({"kind": "party"}, "“party” is not a kind of meeting"),
        ({"when": "tomorrow"}, "“tomorrow” is not a choice"),
        ({"view": "year"}, "“year” is not a view of the calendar"),
    ],
)
def test_unknown_filter_values_are_named_and_the_rest_still_shown(client, params, message):
    make_meeting("RC", title="Rotterdam CRC")
    response = client.get(CALENDAR, params)
    assert response.status_code == 400
    page = text_of(response)
    assert message in page
    assert "Rotterdam CRC" in main_list(response)


def test_a_long_bad_value_is_cut_and_escaped(client):
    response = client.get(CALENDAR, {"convention": "<script>" + "x" * 500})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<script>xxx" not in html
    alert = re.search(r'<div class="alert alert-warning" role="alert">(.*?)</div>', html, re.S)[1]
    assert "&lt;script&gt;" + "x" * 32 + "…" in alert and "x" * 100 not in alert


def test_cancelled_and_postponed_are_said_in_words(client):
    make_meeting(title="Called-off workshop", kind=MeetingKind.WORKSHOP, status=MeetingStatus.CANCELLED)
    make_meeting(title="Moved bureau", kind=MeetingKind.BUREAU, status=MeetingStatus.POSTPONED)
    response = client.get(CALENDAR)
    html = response.content.decode()
    assert "<s>Called-off workshop</s>" in html
    shown = main_list(response)
    assert re.search(r"Called-off workshop Cancelled", shown)
    assert re.search(r"Moved bureau Postponed", shown)


def test_each_meeting_shows_what_a_delegate_needs(client):
    switzerland = CountryFactory(iso2="CH", iso3="CHE", numeric="756", name="Switzerland")
    make_meeting(
        "BC",
        "RC",
        "SC",
        title="2027 meetings of the COPs",
        start_date=date(2027, 5, 3),
        end_date=date(2027, 5, 14),
        venue="International Conference Centre",
        city="Geneva",
        country=switzerland,
        documents_url="https://www.brsmeas.org/2027COPs/Documents",
    )
    make_meeting(
        "SC",
        title="Webinar on PFAS",
        kind=MeetingKind.WEBINAR,
        start_date=date(2027, 3, 2),
        end_date=date(2027, 3, 2),
        start_time=time(14, 0),
        end_time=time(15, 30),
        timezone="Asia/Kolkata",
        online_url="https://meet.example.org/pfas",
    )
    response = client.get(CALENDAR)
    shown = main_list(response)
    assert "Conference of the Parties" in shown
    assert "Basel Convention Rotterdam Convention Stockholm Convention" in shown
    assert "May 3, 2027 to May 14, 2027" in shown
    assert "International Conference Centre, Geneva, Switzerland" in shown
    assert re.search(r"March 2, 2027 14:00 to 15:30 Asia/Kolkata time \(UTC\+05:30\)", shown)
    html = response.content.decode()
    assert '<a href="https://meet.example.org/pfas" rel="noopener">Online</a>' in html
    assert 'href="https://www.brsmeas.org/2027COPs/Documents"' in html and "Meeting documents" in shown


def test_subscribe_links_for_all_and_for_the_chosen_convention(client):
    page = text_of(client.get(CALENDAR))
    assert "http://testserver/calendar.ics" in page and "convention=" not in page
    assert "meetings of the past 365 days and all upcoming ones" in page
    page = text_of(client.get(CALENDAR, {"convention": "SC"}))
    assert "Only meetings of the Stockholm Convention (.ics)" in page
    assert "http://testserver/calendar.ics?convention=SC" in page


def test_long_lists_are_paged_by_twenty(client):
    today = timezone.localdate()
    for day in range(25):
        make_meeting(
            title=f"Webinar day {day:02}",
            start_date=today + timedelta(days=day + 1),
            end_date=today + timedelta(days=day + 1),
        )
    first = main_list(client.get(CALENDAR, {"kind": "cop"}))
    assert "25 meetings" in first and "Webinar day 19" in first and "Webinar day 20" not in first
    response = client.get(CALENDAR, {"kind": "cop", "page": 2})
    second = main_list(response)
    assert "Webinar day 20" in second and "Webinar day 19" not in second
    assert "Page 2 of 2" in second
    assert 'href="?kind=cop&amp;page=1"' in response.content.decode()


def test_list_queries_do_not_grow_with_the_number_of_meetings(client, django_assert_max_num_queries):
    country = CountryFactory(iso2="CH", iso3="CHE", numeric="756", name="Switzerland")
    for _ in range(5):
        make_meeting("BC", "RC", country=country)
    with CaptureQueriesContext(connection) as short:
        assert client.get(CALENDAR).status_code == 200
    for _ in range(45):
        make_meeting("BC", "SC", country=country, kind=MeetingKind.WORKSHOP)
    with django_assert_max_num_queries(len(short)):
        response = client.get(CALENDAR)
    assert "50 meetings" in text_of(response)
    with django_assert_max_num_queries(len(short)):
        response = client.get(
            CALENDAR, {"view": "month", "month": (timezone.localdate() + timedelta(days=30)).strftime("%Y-%m")}
        )
    assert response.status_code == 200


# The month view


def test_month_grid_is_a_table_with_meetings_on_their_days(client):
    make_meeting("BC", "RC", "SC", title="Triple COPs", start_date=date(2026, 4, 28), end_date=date(2026, 5, 2))
    make_meeting(
        "RC",
        title="Cancelled CRC",
        kind=MeetingKind.CRC,
        start_date=date(2026, 5, 20),
        end_date=date(2026, 5, 20),
        status=MeetingStatus.CANCELLED,
    )
    make_meeting(
        "SC", title="June POPRC", kind=MeetingKind.POPRC, start_date=date(2026, 6, 1), end_date=date(2026, 6, 5)
    )

    response = client.get(CALENDAR, {"view": "month", "month": "2026-05"})
    assert response.status_code == 200
    html = response.content.decode()
    caption = re.search(r"<caption[^>]*>(.*?)</caption>", html, re.S)[1]
    assert "May 2026" in caption and "2 meetings" in caption
    headers = re.findall(r'<th scope="col">.*?<span class="visually-hidden">(\w+)</span>', html)
    assert len(headers) == 7 and set(headers) >= {"Monday", "Sunday"}
    day_cell = r'<td[^>]*>\s*<div class="fw-semibold"><time datetime="([\d-]+)">\d+</time>(.*?)</td>'
    cells = {match[1]: match[2] for match in re.finditer(day_cell, html, re.S)}
    assert len(cells) == 31
    assert "Triple COPs" in cells["2026-05-01"] and "Triple COPs" in cells["2026-05-02"]
    assert "Triple COPs" not in cells["2026-05-03"]
    assert "<s>Cancelled CRC</s>" in cells["2026-05-20"] and "Cancelled" in re.sub(
        r"<s>.*?</s>", "", cells["2026-05-20"]
    )
    assert "June POPRC" not in html
    # Neighbouring months, keeping the filters.
    response = client.get(CALENDAR, {"view": "month", "month": "2026-05", "convention": "rc"})
    html = response.content.decode()
    assert 'href="/en/calendar/?convention=RC&amp;view=month&amp;month=2026-04"' in html
    assert 'href="/en/calendar/?convention=RC&amp;view=month&amp;month=2026-06"' in html
    assert "Previous month: April 2026" in text_of(response) and "Next month: June 2026" in text_of(response)
    assert "Triple COPs" in html and "Cancelled CRC" in html


def test_month_view_across_the_year_end(client):
    html = client.get(CALENDAR, {"view": "month", "month": "2026-12"}).content.decode()
    assert "month=2026-11" in html and "month=2027-01" in html


@pytest.mark.parametrize("month", ["2026-13", "May 2026", "2026-5", "0000-01", "9999-12"])
def test_an_invalid_month_says_so_and_shows_this_month(client, month):
    response = client.get(CALENDAR, {"view": "month", "month": month})
    assert response.status_code == 400
    page = text_of(response)
    assert f"“{month}” is not a month" in page
    this_month = timezone.localdate().strftime("%B %Y")
    assert this_month in re.search(r"<caption[^>]*>(.*?)</caption>", response.content.decode(), re.S)[1]


# The meeting page


def test_meeting_page_has_details_decisions_and_add_to_calendar(client):
    meeting = make_meeting(
        "BC",
        title="Seventeenth meeting of the Basel COP",
        number=17,
        description="Second week is joint.",
        city="Geneva",
        status=MeetingStatus.POSTPONED,
    )
    DecisionFactory(code="BC-17/1", meeting=meeting, title="Plastic waste")
    response = client.get(f"/en/calendar/{meeting.slug}/")
    assert response.status_code == 200
    page = text_of(response)
    assert "Seventeenth meeting of the Basel COP Postponed" in page
    assert "This meeting is postponed." in page
    assert "Second week is joint." in page and "Geneva" in page
    assert "BC-17/1 : Plastic waste" in page
    html = response.content.decode()
    assert 'href="/en/decisions/BC-17-1/"' in html
    assert f'href="/calendar/{meeting.slug}.ics"' in html and "Add to calendar (.ics)" in page


def test_cancelled_meeting_page_says_so(client):
    meeting = make_meeting(title="Called off", status=MeetingStatus.CANCELLED)
    response = client.get(f"/en/calendar/{meeting.slug}/")
    assert "<s>Called off</s>" in response.content.decode()
    page = text_of(response)
    assert "Called off Cancelled" in page and "This meeting is cancelled." in page


def test_unknown_meeting_is_404(client):
    assert client.get("/en/calendar/no-such-meeting/").status_code == 404


# iCalendar


def test_feed_is_a_valid_calendar_with_stable_uids(client, settings):
    settings.SITE_DOMAIN = "brs.example.org:8443"
    meeting = make_meeting("BC", "RC", "SC", title="Triple COPs")
    make_meeting("SC", title="POPRC")
    first = parse(client.get(FEED))
    assert first["VERSION"] == "2.0" and first["METHOD"] == "PUBLISH" and "PRODID" in first
    assert str(first["X-WR-CALNAME"]) == "Basel, Rotterdam and Stockholm conventions: meetings"
    assert 'filename="brs-calendar.ics"' in client.get(FEED)["Content-Disposition"]

    meeting.title = "Triple COPs (renamed)"
    meeting.save()
    second = parse(client.get(FEED))
    assert (
        set(events_by_uid(first))
        == set(events_by_uid(second))
        == {
            f"meeting-{meeting.slug}@brs.example.org",
            f"meeting-{Meeting.objects.get(title='POPRC').slug}@brs.example.org",
        }
    )
    event = events_by_uid(second)[f"meeting-{meeting.slug}@brs.example.org"]
    assert str(event["SUMMARY"]) == "Triple COPs (renamed)"
    assert str(event["URL"]) == f"http://testserver/en/calendar/{meeting.slug}/"
    assert event["STATUS"] == "CONFIRMED"
    assert "DTSTAMP" in event and event["LAST-MODIFIED"].dt == meeting.updated_at.replace(microsecond=0)


def test_the_same_uid_in_the_feed_and_the_meeting_file(client):
    meeting = make_meeting()
    from_feed = set(events_by_uid(parse(client.get(FEED))))
    from_file = set(events_by_uid(parse(client.get(f"/calendar/{meeting.slug}.ics"))))
    assert from_feed == from_file


def test_whole_day_meetings_end_the_day_after_their_last_day(client):
    meeting = make_meeting(start_date=date(2030, 5, 6), end_date=date(2030, 5, 17), city="Geneva", venue="CICG")
    event = parse(client.get(f"/calendar/{meeting.slug}.ics")).events[0]
    assert event["DTSTART"].dt == date(2030, 5, 6) and not isinstance(event["DTSTART"].dt, datetime)
    assert event["DTEND"].dt == date(2030, 5, 18)
    assert str(event["LOCATION"]) == "CICG, Geneva"


def test_webinar_keeps_the_venue_time_zone(client):
    meeting = make_meeting(
        "SC",
        title="Webinar from Dakar",
        kind=MeetingKind.WEBINAR,
        start_date=date(2030, 3, 5),
        end_date=date(2030, 3, 5),
        start_time=time(14, 0),
        end_time=time(15, 30),
        timezone="Africa/Dakar",
        online_url="https://meet.example.org/dakar",
    )
    response = client.get(f"/calendar/{meeting.slug}.ics")
    assert b"DTSTART;TZID=Africa/Dakar:20300305T140000" in response.content
    calendar = parse(response)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Africa/Dakar"]
    event = calendar.events[0]
    assert event["DTSTART"].dt.isoformat() == "2030-03-05T14:00:00+00:00"
    assert event["DTEND"].dt.isoformat() == "2030-03-05T15:30:00+00:00"
    assert event["DTSTART"].params["TZID"] == "Africa/Dakar"
    assert str(event["LOCATION"]) == "https://meet.example.org/dakar"
    assert 'filename="' + meeting.slug + '.ics"' in response["Content-Disposition"]


def test_every_time_zone_used_gets_its_vtimezone(client):
    for zone in ("Asia/Bangkok", "America/Panama", "Europe/Zurich"):
        make_meeting(
            kind=MeetingKind.WEBINAR,
            start_date=date(2030, 7, 1),
            end_date=date(2030, 7, 1),
            start_time=time(9, 0),
            timezone=zone,
        )
    calendar = parse(client.get(FEED))
    assert sorted(str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")) == [
        "America/Panama",
        "Asia/Bangkok",
        "Europe/Zurich",
    ]
    zurich = next(event for event in calendar.events if event["DTSTART"].params.get("TZID") == "Europe/Zurich")
    assert zurich["DTSTART"].dt.utcoffset() == timedelta(hours=2)  # summer time in Geneva
    assert zurich["DTEND"].dt - zurich["DTSTART"].dt == timedelta(hours=1)


def test_cancelled_and_postponed_meetings_stay_in_the_feed_marked(client):
    cancelled = make_meeting(title="Called off", status=MeetingStatus.CANCELLED, sequence=3)
    postponed = make_meeting(title="Moved", status=MeetingStatus.POSTPONED)
    events = events_by_uid(parse(client.get(FEED)))
    event = next(event for uid, event in events.items() if uid.startswith(f"meeting-{cancelled.slug}@"))
    assert event["STATUS"] == "CANCELLED" and str(event["SUMMARY"]) == "Cancelled: Called off"
    assert event["SEQUENCE"] == 3
    event = next(event for uid, event in events.items() if uid.startswith(f"meeting-{postponed.slug}@"))
    assert event["STATUS"] == "TENTATIVE" and str(event["SUMMARY"]) == "Postponed: Moved"


def test_feed_holds_a_year_of_past_meetings_and_all_upcoming(client):
    today = timezone.localdate()
    make_meeting(title="Two years ago", start_date=today - timedelta(days=730), end_date=today - timedelta(days=728))
    make_meeting(title="Last spring", start_date=today - timedelta(days=200), end_date=today - timedelta(days=198))
    make_meeting(title="In three years", start_date=today + timedelta(days=1100))
    summaries = {str(event["SUMMARY"]) for event in parse(client.get(FEED)).events}
    assert summaries == {"Last spring", "In three years"}


def test_feed_filtered_by_convention(client):
    make_meeting("BC", "RC", "SC", title="Triple COPs")
    make_meeting("RC", title="Rotterdam CRC", kind=MeetingKind.CRC)
    make_meeting("SC", title="Stockholm POPRC", kind=MeetingKind.POPRC)
    response = client.get(FEED, {"convention": "RC"})
    calendar = parse(response)
    assert {str(event["SUMMARY"]) for event in calendar.events} == {"Triple COPs", "Rotterdam CRC"}
    assert str(calendar["X-WR-CALNAME"]) == "Rotterdam Convention: meetings"
    assert 'filename="brs-calendar-rc.ics"' in response["Content-Disposition"]


@pytest.mark.parametrize("value", ["XX", "BAN", "<b>"])
def test_feed_with_an_unknown_convention_is_400_with_a_message(client, value):
    response = client.get(FEED, {"convention": value})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    message = response.content.decode()
    assert f"Unknown convention “{value}”" in message
    assert "BC" in message and "RC" in message and "SC" in message


def test_meeting_file_for_an_unknown_meeting_is_404(client):
    assert client.get("/calendar/no-such-meeting.ics").status_code == 404


def test_feed_queries_do_not_grow_with_the_number_of_meetings(client, django_assert_max_num_queries):
    country = CountryFactory(iso2="CH", iso3="CHE", numeric="756", name="Switzerland")
    for _ in range(5):
        make_meeting("BC", "RC", country=country)
    with CaptureQueriesContext(connection) as short:
        assert len(parse(client.get(FEED)).events) == 5
    for _ in range(45):
        make_meeting("SC", country=country, kind=MeetingKind.WEBINAR, start_time=time(10, 0), timezone="Asia/Tokyo")
    with django_assert_max_num_queries(len(short)):
        response = client.get(FEED)
    assert len(parse(response).events) == 50


def test_a_time_zone_the_server_does_not_know_is_no_error(client):
    meeting = make_meeting(
        title="Webinar somewhere",
        kind=MeetingKind.WEBINAR,
        start_date=date(2030, 3, 5),
        end_date=date(2030, 3, 5),
        start_time=time(9, 0),
        timezone="Mars/Olympus_Mons",
    )
    page = text_of(client.get(f"/en/calendar/{meeting.slug}/"))
    assert "09:00 Mars/Olympus_Mons time" in page
    event = parse(client.get(f"/calendar/{meeting.slug}.ics")).events[0]
    # Exported as its day rather than at a time no app could place.
    assert event["DTSTART"].dt == date(2030, 3, 5) and event["DTEND"].dt == date(2030, 3, 6)


def test_one_definition_of_upcoming_and_a_past_meeting_shows_as_held(client):
    today = timezone.localdate()
    make_meeting("BC", title="Next Basel COP")
    make_meeting("SC", title="Cancelled Stockholm COP", status=MeetingStatus.CANCELLED)
    make_meeting("RC", title="Postponed Rotterdam CRC", status=MeetingStatus.POSTPONED)
    held = make_meeting(
        "SC", title="POPRC that took place", start_date=today - timedelta(days=60), end_date=today - timedelta(days=55)
    )
    make_meeting(
        "BC",
        title="Cancelled OEWG of last year",
        status=MeetingStatus.CANCELLED,
        start_date=today - timedelta(days=300),
        end_date=today - timedelta(days=296),
    )
    upcoming_on_calendar = text_of(client.get(CALENDAR))
    listed = [title for title in ("Next Basel COP", "Cancelled Stockholm COP", "Postponed Rotterdam CRC")]
    assert all(title in upcoming_on_calendar for title in listed)
    assert "POPRC that took place" not in upcoming_on_calendar
    hub = text_of(client.get("/en/information/"))
    assert f"{Meeting.objects.upcoming().count()} upcoming meetings" in hub
    assert Meeting.objects.upcoming().count() == 3
    # Past: held unless cancelled or postponed.
    detail = text_of(client.get(f"/en/calendar/{held.slug}/"))
    assert "Held" in detail and "Scheduled" not in detail
    past = text_of(client.get(CALENDAR, {"when": "past"}))
    assert "POPRC that took place Held" in past or ("Held" in past and "Scheduled" not in past)
    assert "Cancelled" in past
