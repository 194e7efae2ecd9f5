"""The meetings a digest lists for the conventions a member follows
(subscriptions.digests asks; the meeting's own fields stay here)."""

import datetime

from django.urls import reverse

from .constants import MeetingStatus
from .models import Meeting


def meetings_between(codes: set[str], first: datetime.date, last: datetime.date) -> list[Meeting]:
    """Meetings of any of the conventions `codes` under way or starting
    between `first` and `last`, cancelled and postponed ones included;
    three queries whatever their number."""
    return list(
        Meeting.objects.filter(conventions__code__in=codes, end_date__gte=first, start_date__lte=last)
        .distinct()
        .order_by("start_date", "title")
        .select_related("country")
        .prefetch_related("conventions")
    )


def convention_codes(meeting: Meeting) -> set[str]:
    return {convention.code for convention in meeting.conventions.all()}


def meeting_summary(meeting: Meeting) -> dict:
    """What a digest says of a meeting, in the active language; `path` is
    the meeting's page on this site."""
    return {
        "title": meeting.title,
        "path": reverse("packages:meeting", args=[meeting.slug]),
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "place": ", ".join(part for part in (meeting.city, str(meeting.country or "")) if part),
        "conventions": ", ".join(convention.code for convention in meeting.conventions.all()),
        "status": meeting.get_status_display() if meeting.status != MeetingStatus.SCHEDULED else "",
        "cancelled": meeting.status == MeetingStatus.CANCELLED,
    }
