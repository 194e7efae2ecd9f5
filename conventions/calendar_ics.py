"""The joint calendar as iCalendar (RFC 5545), for calendar apps to import
one meeting or subscribe to the feed.

Calendar apps recognise a meeting they already hold by its UID, so the UID
depends only on the meeting's slug and the site's host name: an edited title
or new dates update the event in place (SEQUENCE tells the app which version
is newer) instead of adding a second copy. Cancelled meetings stay in the feed
with STATUS:CANCELLED, so subscribers see them cancelled rather than silently
gone.
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from .constants import MeetingStatus
from .models import Meeting

# A timed meeting without an end time is shown as lasting this long.
DEFAULT_DURATION = timedelta(hours=1)
# How often subscribed apps should fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=12)
# Time zones written as UTC ("Z") rather than with a TZID (RFC 5545 3.2.19).
UTC_NAMES = {"UTC", "Etc/UTC", "GMT", "Etc/GMT"}

# The conventions the calendar and its feed can be narrowed to, by instrument code.
CALENDAR_CONVENTIONS = {
    "BC": gettext_lazy("Basel Convention"),
    "RC": gettext_lazy("Rotterdam Convention"),
    "SC": gettext_lazy("Stockholm Convention"),
}

ICAL_STATUS = {
    MeetingStatus.SCHEDULED: "CONFIRMED",
    MeetingStatus.POSTPONED: "TENTATIVE",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def uid_host() -> str:
    """The site's host name without the port: the port may change, the
    UIDs calendar apps hold must not."""
    return urlsplit(f"//{settings.SITE_DOMAIN}").hostname or "brs-hub.invalid"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.slug}@{uid_host()}"


def venue_zone(meeting: Meeting) -> tzinfo | None:
    """The venue's time zone, or None when the stored name is not an IANA
    zone this server knows (the meeting is then exported as whole days)."""
    try:
        return ZoneInfo(meeting.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_times(meeting: Meeting) -> tuple[datetime, datetime] | None:
    """Start and end as naive datetimes in the venue's time zone, or None
    for meetings that take whole days."""
    if meeting.start_time is None:
        return None
    start = datetime.combine(meeting.start_date, meeting.start_time)
    if meeting.end_time is None:
        end = datetime.combine(meeting.end_date, meeting.start_time) + DEFAULT_DURATION
    else:
        end = datetime.combine(meeting.end_date, meeting.end_time)
    if end <= start:  # an end time before the start would make calendar apps reject the event
        end = start + DEFAULT_DURATION
    return start, end


def utc_offset(meeting: Meeting) -> str:
    """The venue's offset from UTC when the meeting starts, e.g. "UTC+05:30",
    or "" for whole-day meetings and unknown time zones."""
    zone = venue_zone(meeting)
    times = local_times(meeting)
    if zone is None or times is None:
        return ""
    offset = times[0].replace(tzinfo=zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02}:{minutes:02}"


def _location(meeting: Meeting) -> str:
    place = [part for part in (meeting.venue, meeting.city, meeting.country.name if meeting.country else "") if part]
    if place:
        return ", ".join(place)
    return meeting.online_url


def _summary(meeting: Meeting) -> str:
    # Several calendar apps ignore STATUS in subscribed feeds: say it in the title too.
    if meeting.status == MeetingStatus.CANCELLED:
        return _("Cancelled: %(title)s") % {"title": meeting.title}
    if meeting.status == MeetingStatus.POSTPONED:
        return _("Postponed: %(title)s") % {"title": meeting.title}
    return meeting.title


def convention_names(meeting: Meeting) -> list[str]:
    """The meeting's conventions by their translated names. Needs the
    conventions loaded (prefetch_related("conventions"))."""
    return [
        str(CALENDAR_CONVENTIONS.get(instrument.code, instrument.short_name))
        for instrument in meeting.conventions.all()
    ]


def _description(meeting: Meeting, url: str) -> str:
    conventions = ", ".join(convention_names(meeting))
    lines = [f"{meeting.get_kind_display()} ({conventions})" if conventions else meeting.get_kind_display()]
    if meeting.status != MeetingStatus.SCHEDULED:
        lines.append(_("Status: %(status)s") % {"status": meeting.get_status_display()})
    if meeting.description:
        lines += ["", meeting.description, ""]
    if meeting.online_url:
        lines.append(_("Online: %(url)s") % {"url": meeting.online_url})
    if meeting.documents_url:
        lines.append(_("Meeting documents: %(url)s") % {"url": meeting.documents_url})
    lines.append(_("Details: %(url)s") % {"url": url})
    return "\n".join(lines)


def meeting_event(meeting: Meeting, *, url: str, stamp: datetime) -> Event:
    """One VEVENT. Needs the meeting's country and conventions loaded."""
    event = Event.new(
        uid=meeting_uid(meeting),
        stamp=stamp,
        last_modified=meeting.updated_at,
        sequence=meeting.sequence,
        summary=_summary(meeting),
        description=_description(meeting, url),
        location=_location(meeting) or None,
        url=url,
        status=ICAL_STATUS.get(meeting.status, "CONFIRMED"),
        categories=[meeting.get_kind_display()],
    )
    zone = venue_zone(meeting)
    times = local_times(meeting)
    if times is None or zone is None:
        # Whole days in the venue's calendar; DTEND is exclusive (RFC 5545 3.6.1).
        event.add("DTSTART", meeting.start_date)
        event.add("DTEND", meeting.end_date + timedelta(days=1))
    elif meeting.timezone in UTC_NAMES:
        event.add("DTSTART", times[0].replace(tzinfo=ZoneInfo("UTC")))
        event.add("DTEND", times[1].replace(tzinfo=ZoneInfo("UTC")))
    else:
        # Local time with the venue's TZID, written out by hand: icalendar
        # would otherwise turn zones that equal UTC today (Africa/Dakar,
        # Africa/Accra…) into "Z" times and lose the venue's zone.
        for name, value in (("DTSTART", times[0]), ("DTEND", times[1])):
            event.add(name, value, parameters={"TZID": meeting.timezone})
    return event


def build_calendar(
    meetings: Iterable[Meeting], *, name: str, calendar_id: str, url_for: Callable[[Meeting], str]
) -> Calendar:
    """A VCALENDAR of the meetings, with a VTIMEZONE for every TZID used.
    `calendar_id` names this calendar stably (e.g. "all", "bc"); `url_for`
    gives a meeting's page address."""
    calendar = Calendar.new(
        prodid=f"-//{settings.SITE_NAME}//Joint calendar//EN",
        method="PUBLISH",
        name=name,
        uid=f"calendar-{calendar_id}@{uid_host()}",
        refresh_interval=REFRESH_INTERVAL,
    )
    stamp = timezone.now()
    first: date | None = None
    last: date | None = None
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, url=url_for(meeting), stamp=stamp))
        first = meeting.start_date if first is None else min(first, meeting.start_date)
        last = meeting.end_date if last is None else max(last, meeting.end_date)
    if first is not None:
        # Only the rules the events need: a VTIMEZONE from 1970 on would
        # weigh more than the events on a slow connection.
        calendar.add_missing_timezones(first_date=first - timedelta(days=1), last_date=last + timedelta(days=2))
    return calendar
