"""Demo content for the information packages, for `manage.py seed_demo`:
the shipped meetings, decisions, chemicals and waste streams, then the demo
meetings of demo/content/packages/ around today's date (upcoming, past, one
cancelled and one postponed), fictional focal points for the demo countries
and a few topic tags, all through the services. Safe to run again: it finds
its rows again by their identifiers, and meetings move with today's date."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from conventions.importers import DATA_DIRECTORY, DEFAULT_REFERENCE_FILES, import_reference_data
from conventions.models import ChemicalProfile, Country, Decision, Instrument, ThematicArea
from conventions.services import Change, add_related, save_focal_point, save_meeting

from .content import load_focal_points, load_meetings, load_members, load_tagging

# The shipped files of the information packages, from the meetings on (the
# countries, groups, parties and centres are loaded by seed_demo before).
PACKAGE_FILES = DEFAULT_REFERENCE_FILES[DEFAULT_REFERENCE_FILES.index("meetings.csv") :]


def seed_packages(*, today: datetime.date | None = None) -> dict[str, int]:
    """Load the shipped package files, then the demo meetings, focal points
    and tags; returns how many rows of each were created."""
    today = today or timezone.localdate()
    run = import_reference_data([DATA_DIRECTORY / name for name in PACKAGE_FILES])
    if run.has_errors:
        problems = [
            f"{result.path.name}: {result.structural_error or result.row_errors[0].message}"
            for result in run.files
            if result.has_errors
        ]
        raise RuntimeError(_("The shipped data files were rejected: %(problems)s") % {"problems": "; ".join(problems)})
    counts = {
        "imported": sum(result.rows.created for result in run.files),
        "meetings": _seed_meetings(today),
        "focal_points": _seed_focal_points(),
        "tags": _seed_tags(),
    }
    return counts


def _seed_meetings(today: datetime.date) -> int:
    created = 0
    meetings = load_meetings()
    instruments = {instrument.code: instrument for instrument in Instrument.objects.all()}
    countries = {
        country.iso3: country for country in Country.objects.filter(iso3__in={meeting.country for meeting in meetings})
    }
    for meeting in meetings:
        start = today + datetime.timedelta(days=meeting.starts_in_days)
        _meeting, change = save_meeting(
            slug=meeting.slug,
            values={
                "title": meeting.title,
                "kind": meeting.kind,
                "start_date": start,
                "end_date": start + datetime.timedelta(days=meeting.days - 1),
                "start_time": meeting.start_time,
                "end_time": meeting.end_time,
                "timezone": meeting.timezone,
                "city": meeting.city,
                "country": countries.get(meeting.country),
                "online_url": "" if meeting.city else f"https://example.org/webinars/{meeting.slug}",
                "status": meeting.status,
                "description": meeting.description,
            },
            conventions=[instruments[code] for code in meeting.conventions],
        )
        created += change is Change.CREATED
    return created


def _seed_focal_points() -> int:
    """One focal point per demo member verified as one, of the same country
    and kind (so pages can link the member to the entry), and a few others."""
    rows = [
        (
            member.country,
            member.focal_point_kind,
            member.organisation,
            "",
            member.name,
            member.title,
            f"{member.handle}@example.org",
        )
        for member in load_members().focal_points
    ]
    rows += [
        (
            entry.country,
            entry.kind,
            entry.organisation,
            entry.office,
            entry.person,
            "",
            f"{entry.country.lower()}.{entry.kind}@example.org",
        )
        for entry in load_focal_points()
    ]
    countries = {country.iso3: country for country in Country.objects.filter(iso3__in={row[0] for row in rows})}
    created = 0
    for iso3, kind, organisation, office, person, position, email in rows:
        if iso3 not in countries:
            continue
        _focal_point, change = save_focal_point(
            country=countries[iso3],
            kind=kind,
            organisation=organisation,
            office=office,
            values={
                "person": person,
                "position": position,
                "email": email,
                "website": "https://example.org/",
            },
        )
        created += change is Change.CREATED
    return created


def _seed_tags() -> int:
    tagging = load_tagging()
    areas = {area.slug: area for area in ThematicArea.objects.originals()}
    decisions = {decision.code: decision for decision in Decision.objects.all()}
    profiles = {
        profile.slug: profile for profile in ChemicalProfile.objects.filter(slug__in=tagging.chemical_profiles)
    }
    added = 0
    for code, slugs in tagging.decision_topics.items():
        if code in decisions:
            added += add_related(decisions[code], "thematic_areas", [areas[slug] for slug in slugs if slug in areas])
    for slug, tags in tagging.chemical_profiles.items():
        if slug in profiles:
            wanted = [areas[topic] for topic in tags.topics if topic in areas]
            added += add_related(profiles[slug], "thematic_areas", wanted)
    for slug, tags in tagging.chemical_profiles.items():
        if slug in profiles and tags.decisions:
            wanted = [decisions[code] for code in tags.decisions if code in decisions]
            added += add_related(profiles[slug], "decisions", wanted)
    return added
