"""The joint calendar of meetings: upcoming and past lists, a month grid,
one page per meeting, and the same meetings as iCalendar for calendar apps."""

import calendar as month_calendar
import re
from collections import defaultdict
from datetime import date, timedelta
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from conventions.calendar_ics import CALENDAR_CONVENTIONS, build_calendar, convention_names, local_times, utc_offset
from conventions.constants import MeetingKind
from conventions.models import Meeting

from .. import meeting_home
from ..documents import LANGUAGE_ORDER, statement_countries
from ..models import DocumentFile

MEETINGS_PER_PAGE = 20
# The feed keeps a year of past meetings, so a subscriber still finds last
# season's meetings (and their cancellations) in their calendar.
FEED_PAST_DAYS = 365
WHEN_CHOICES = ("upcoming", "past")
VIEW_CHOICES = ("list", "month")
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
# Months the grid can show: far enough for any meeting, near enough that the
# neighbouring months' links stay valid dates.
FIRST_YEAR, LAST_YEAR = 1900, 2199
QUERY_DEFAULTS = {"view": "list", "when": "upcoming"}
# Echo at most this much of a bad value back to the reader.
ECHO_LENGTH = 40


def calendar_meetings():
    """Meetings with what every listing and export shows of them, in a
    constant number of queries however many there are."""
    return Meeting.objects.select_related("country").prefetch_related("conventions")


def _with_display_details(meetings):
    """Give each meeting the translated names of its conventions and the
    venue's offset from UTC, for the templates."""
    for meeting in meetings:
        meeting.convention_names = convention_names(meeting)
        meeting.utc_offset = utc_offset(meeting)
        meeting.is_timed = local_times(meeting) is not None
    return meetings


def _echo(value: str) -> str:
    return value if len(value) <= ECHO_LENGTH else value[:ECHO_LENGTH] + "…"


def _read_filters(params) -> tuple[dict[str, str], list[str]]:
    """The valid filters among the query parameters, and a message for each
    value that is not one."""
    filters, problems = {}, []
    convention = params.get("convention", "").strip()
    if convention:
        if convention.upper() in CALENDAR_CONVENTIONS:
            filters["convention"] = convention.upper()
        else:
            problems.append(
                _(
                    "There is no convention “%(value)s” in the calendar. Choose BC (Basel), RC (Rotterdam) or SC "
                    "(Stockholm). Meetings of all conventions are shown."
                )
                % {"value": _echo(convention)}
            )
    kind = params.get("kind", "").strip()
    if kind:
        if kind.lower() in MeetingKind.values:
            filters["kind"] = kind.lower()
        else:
            problems.append(
                _("“%(value)s” is not a kind of meeting. Meetings of every kind are shown.") % {"value": _echo(kind)}
            )
    return filters, problems


def _calendar_link(**params) -> str:
    """The calendar's address with the parameters that are set and not the default."""
    path = reverse("packages:calendar")
    params = {key: value for key, value in params.items() if value and QUERY_DEFAULTS.get(key) != value}
    return f"{path}?{urlencode(params)}" if params else path


def _month_from(value: str, today: date) -> tuple[date, str | None]:
    """The first day of the month named "YYYY-MM", or of the current month
    and a message when the value is not a month."""
    if not value:
        return today.replace(day=1), None
    match = MONTH_PATTERN.match(value.strip())
    if match and 1 <= int(match[2]) <= 12 and FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        return date(int(match[1]), int(match[2]), 1), None
    message = _("“%(value)s” is not a month: write it as year and month, e.g. %(example)s. This month is shown.") % {
        "value": _echo(value),
        "example": today.strftime("%Y-%m"),
    }
    return today.replace(day=1), message


def _month_grid(meetings, first: date) -> tuple[list, list]:
    """Weeks of the month as lists of (day, meetings that day) or None for
    days of the neighbouring months, and the weekday headers, starting on
    the locale's first day of the week."""
    last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
    by_day = defaultdict(list)
    for meeting in meetings:
        day = max(meeting.start_date, first)
        while day <= min(meeting.end_date, last):
            by_day[day].append(meeting)
            day += timedelta(days=1)
    # Django counts weekdays from Sunday (0), Python's calendar from Monday (0).
    first_weekday = (int(get_format("FIRST_DAY_OF_WEEK")) - 1) % 7
    weeks = [
        [(day, by_day[day]) if day.month == first.month else None for day in week]
        for week in month_calendar.Calendar(first_weekday).monthdatescalendar(first.year, first.month)
    ]
    weekdays = [(WEEKDAYS[(first_weekday + i) % 7], WEEKDAYS_ABBR[(first_weekday + i) % 7]) for i in range(7)]
    return weeks, weekdays


def _feed_links(request, filters) -> dict:
    """Addresses to subscribe to: all meetings, and the chosen convention's."""
    feed = request.build_absolute_uri(reverse("feeds:calendar_feed"))
    links = {"all": feed}
    if "convention" in filters:
        links["convention"] = f"{feed}?{urlencode({'convention': filters['convention']})}"
        links["convention_name"] = CALENDAR_CONVENTIONS[filters["convention"]]
    return links


@require_safe
def index(request):
    """Upcoming meetings (those not yet over) by default, past ones newest
    first, or one month as a grid; narrowed by convention and kind. A bad
    value is named in a message and left out (400), the rest still shown."""
    today = timezone.localdate()
    filters, problems = _read_filters(request.GET)
    view = request.GET.get("view", "list").strip() or "list"
    if view not in VIEW_CHOICES:
        problems.append(_("“%(value)s” is not a view of the calendar. The list is shown.") % {"value": _echo(view)})
        view = "list"
    when = request.GET.get("when", "upcoming").strip() or "upcoming"
    if when not in WHEN_CHOICES:
        problems.append(
            _("“%(value)s” is not a choice: show upcoming or past meetings. Upcoming meetings are shown.")
            % {"value": _echo(when)}
        )
        when = "upcoming"

    if view == "month":
        month, problem = _month_from(request.GET.get("month", ""), today)
        if problem:
            problems.append(problem)
        # What the page shows, for links that change one thing and keep the rest.
        state = {**filters, "view": view, "month": month.strftime("%Y-%m")}
    else:
        state = {**filters, "when": when}

    meetings = calendar_meetings()
    if "convention" in filters:
        meetings = meetings.filter(conventions__code=filters["convention"])
    if "kind" in filters:
        meetings = meetings.filter(kind=filters["kind"])

    context = {
        "filters": filters,
        "filter_names": {
            "convention": CALENDAR_CONVENTIONS.get(filters.get("convention")),
            "kind": MeetingKind(filters["kind"]).label if "kind" in filters else None,
        },
        "remove_links": {key: _calendar_link(**{**state, key: None}) for key in ("convention", "kind")},
        "convention_choices": list(CALENDAR_CONVENTIONS.items()),
        "kind_choices": MeetingKind.choices,
        "problems": problems,
        "view": view,
        "when": when,
        "today": today,
        "tab_links": {
            "upcoming": _calendar_link(**filters),
            "past": _calendar_link(**filters, when="past"),
            "month": _calendar_link(**filters, view="month"),
        },
        "feed_links": _feed_links(request, filters),
        "feed_past_days": FEED_PAST_DAYS,
    }
    if view == "month":
        last = month.replace(day=month_calendar.monthrange(month.year, month.month)[1])
        month_meetings = _with_display_details(
            list(meetings.filter(start_date__lte=last, end_date__gte=month).order_by("start_date", "title"))
        )
        weeks, weekdays = _month_grid(month_meetings, month)
        previous_month = (month - timedelta(days=1)).replace(day=1)
        next_month = last + timedelta(days=1)
        context |= {
            "month": month,
            "month_meetings": month_meetings,
            "weeks": weeks,
            "weekdays": weekdays,
            "previous_month": previous_month,
            "next_month": next_month,
            "previous_month_link": _calendar_link(**filters, view="month", month=previous_month.strftime("%Y-%m")),
            "next_month_link": _calendar_link(**filters, view="month", month=next_month.strftime("%Y-%m")),
            "this_month_link": _calendar_link(**filters, view="month"),
        }
    else:
        if when == "past":
            meetings = meetings.past(today).order_by("-start_date", "-end_date", "title")
        else:
            meetings = meetings.upcoming(today).order_by("start_date", "end_date", "title")
        page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = _with_display_details(list(page.object_list))
        context["page_obj"] = page
    return render(request, "pages/calendar.html", context, status=400 if problems else 200)


@require_safe
def detail(request, slug):
    meeting = get_object_or_404(calendar_meetings(), slug=slug)
    _with_display_details([meeting])
    decisions = meeting.decisions.select_related("convention")
    language = get_language()
    home = meeting_home.build(meeting, request, language)
    counts = dict(
        DocumentFile.objects.published()
        .filter(document__meeting=meeting)
        .values_list("language")
        .annotate(documents=Count("document", distinct=True))
        .order_by()
    )
    bundles = [{"language": code, "count": counts[code]} for code in LANGUAGE_ORDER if counts.get(code)]
    return render(
        request,
        "pages/meeting_detail.html",
        {
            "meeting": meeting,
            "decisions": decisions,
            "home": home,
            "bundles": bundles,
            "can_send_statement": meeting.end_date >= timezone.localdate()
            and statement_countries(request.user).exists(),
            "today": timezone.localdate(),
        },
    )


def _ics_response(ical: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _english_page_url(request, meeting: Meeting) -> str:
    # One address per meeting in every export, whatever the reader's language.
    with translation.override("en"):
        return request.build_absolute_uri(reverse("packages:meeting", args=[meeting.slug]))


@require_safe
def feed(request):
    """All meetings of the past year and every upcoming one, optionally of one
    convention (?convention=BC|RC|SC), for calendar apps to subscribe to."""
    convention = request.GET.get("convention", "").strip()
    meetings = calendar_meetings().filter(end_date__gte=timezone.localdate() - timedelta(days=FEED_PAST_DAYS))
    if convention:
        if convention.upper() not in CALENDAR_CONVENTIONS:
            return HttpResponseBadRequest(
                _(
                    "Unknown convention “%(value)s”. Use convention=BC (Basel), RC (Rotterdam) or SC (Stockholm), "
                    "or leave it out for the meetings of all three."
                )
                % {"value": _echo(convention)}
                + "\n",
                content_type="text/plain; charset=utf-8",
            )
        convention = convention.upper()
        meetings = meetings.filter(conventions__code=convention)
        name = _("%(convention)s: meetings") % {"convention": CALENDAR_CONVENTIONS[convention]}
    else:
        name = _("Basel, Rotterdam and Stockholm conventions: meetings")
    calendar = build_calendar(
        meetings.order_by("start_date", "title"),
        name=name,
        calendar_id=convention.lower() or "all",
        url_for=lambda meeting: _english_page_url(request, meeting),
    )
    filename = f"brs-calendar-{convention.lower()}.ics" if convention else "brs-calendar.ics"
    return _ics_response(calendar.to_ical(), filename)


@require_safe
def meeting_ics(request, slug):
    """One meeting as an .ics file ("Add to calendar"), with the same UID as
    in the feed, so importing it and subscribing never makes two events."""
    meeting = get_object_or_404(calendar_meetings(), slug=slug)
    calendar = build_calendar(
        [meeting],
        name=meeting.title,
        calendar_id=f"meeting-{meeting.slug}",
        url_for=lambda meeting: _english_page_url(request, meeting),
    )
    return _ics_response(calendar.to_ical(), f"{meeting.slug}.ics")
