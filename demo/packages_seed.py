"""Demo content for the information packages, for `manage.py seed_demo`:
the shipped meetings, decisions, chemicals and waste streams, then demo
meetings around today's date (upcoming, past, one cancelled and one
postponed), fictional focal points for the demo countries and a few topic
tags, all through the services. Safe to run again: it finds its rows again
by their identifiers, and meetings move with today's date."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from conventions.constants import FocalPointKind, MeetingKind, MeetingStatus
from conventions.importers import DATA_DIRECTORY, import_reference_data
from conventions.models import ChemicalProfile, Country, Decision, Instrument, ThematicArea
from conventions.services import Change, add_related, save_focal_point, save_meeting
from profiles import demo

# The shipped files of the information packages (the countries, groups,
# parties and centres are loaded by seed_demo before).
PACKAGE_FILES = (
    "meetings.csv",
    "cop_decisions_sample.csv",
    "stockholm_annexes_abc.csv",
    "rotterdam_annex_iii_corrected.csv",
    "waste_streams.csv",
)

# slug, title, kind, conventions, first day and length in days from today,
# times, time zone, city, country ISO3, status, description
DEMO_MEETINGS = [
    (
        "demo-webinar-e-waste-amendments",
        "Webinar: the e-waste amendments in practice",
        MeetingKind.WEBINAR,
        ["BC"],
        12,
        1,
        (datetime.time(13, 0), datetime.time(14, 30)),
        "Europe/Zurich",
        "",
        "",
        MeetingStatus.SCHEDULED,
        "How customs and competent authorities handle notifications for e-waste since the amendments to "
        "Annexes II, VIII and IX entered into force. Interpretation in English, French and Spanish.",
    ),
    (
        "demo-workshop-pcb-elimination-africa",
        "Regional workshop on PCB elimination for English-speaking African countries",
        MeetingKind.WORKSHOP,
        ["SC", "BC"],
        40,
        3,
        (None, None),
        "Africa/Nairobi",
        "Nairobi",
        "KEN",
        MeetingStatus.SCHEDULED,
        "Inventories of PCB-containing equipment, environmentally sound disposal and the 2028 goal of the "
        "Stockholm Convention, with the Basel technical guidelines on POPs wastes.",
    ),
    (
        "demo-webinar-hazardous-pesticides-francophone",
        "Webinaire : pesticides extrêmement dangereux et procédure PIC",
        MeetingKind.WEBINAR,
        ["RC"],
        30,
        1,
        (datetime.time(10, 0), datetime.time(11, 30)),
        "Africa/Dakar",
        "",
        "",
        MeetingStatus.SCHEDULED,
        "Pour les autorités nationales désignées d'Afrique francophone : notifier une mesure de réglementation "
        "finale et proposer une préparation pesticide extrêmement dangereuse.",
    ),
    (
        "demo-workshop-prior-informed-consent-latin-america",
        "Regional workshop on the prior informed consent procedure for Latin America and the Caribbean",
        MeetingKind.WORKSHOP,
        ["RC"],
        -60,
        3,
        (None, None),
        "America/Bogota",
        "Bogotá",
        "COL",
        MeetingStatus.SCHEDULED,
        "Designated national authorities shared how they answer import responses and notify final regulatory actions.",
    ),
    (
        "demo-workshop-marine-plastic-pacific",
        "Subregional workshop on marine plastic litter in the Pacific",
        MeetingKind.WORKSHOP,
        ["BC"],
        25,
        2,
        (None, None),
        "Pacific/Fiji",
        "Suva",
        "FJI",
        MeetingStatus.CANCELLED,
        "Cancelled. The plastic waste amendments and port reception facilities were to be discussed; the "
        "topics move to the next subregional meeting.",
    ),
    (
        "demo-webinar-national-implementation-plans",
        "Webinar: updating national implementation plans for POPs",
        MeetingKind.WEBINAR,
        ["SC"],
        18,
        1,
        (datetime.time(9, 0), datetime.time(10, 30)),
        "Asia/Ho_Chi_Minh",
        "",
        "",
        MeetingStatus.POSTPONED,
        "Postponed: a new date will be announced.",
    ),
]

# Fictional focal points of demo countries whose demo members are not
# focal points (those that are get theirs from profiles/demo.py).
OTHER_FOCAL_POINTS = [
    ("GHA", FocalPointKind.BC_FOCAL_POINT, "Environmental Protection Agency", "Hazardous Waste Unit", "Ama Owusu"),
    ("FRA", FocalPointKind.SC_FOCAL_POINT, "Ministère de la Transition écologique", "Bureau des substances", ""),
]

# Demo tagging, as an editor would do it: decisions and profiles by topic,
# and the decisions about a chemical.
DECISION_TOPICS = {
    "SC-2/2": ["ddt-alternatives"],
    "SC-4/2": ["ddt-alternatives"],
    "SC-7/2": ["ddt-alternatives"],
    "SC-8/2": ["ddt-alternatives"],
    "SC-7/3": ["pcbs", "pops-elimination"],
    "SC-8/3": ["pcbs", "pops-elimination"],
    "SC-7/4": ["pops-elimination", "industrial-chemicals"],
    "SC-8/4": ["pops-elimination", "industrial-chemicals"],
    "SC-1/16": ["technical-assistance"],
    "SC-2/9": ["technical-assistance"],
    "SC-3/12": ["technical-assistance"],
    "SC-1/4": ["financial-resources"],
    "SC-4/1": ["financial-resources"],
    "BC-15/2": ["financial-resources"],
    "BC-11/6": ["transboundary-movements"],
    "BC-14/12": ["plastic-waste", "transboundary-movements"],
    "BC-15/4": ["transboundary-movements", "legal-institutional-frameworks"],
    "RC-1/3": ["prior-informed-consent", "pesticides"],
    "RC-7/5": ["prior-informed-consent"],
}
PROFILE_TOPICS = {
    "ddt": ["ddt-alternatives", "pesticides"],
    "polychlorinated-biphenyls": ["pcbs", "industrial-chemicals"],
    "lindane": ["pesticides"],
    "asbestos": ["industrial-chemicals"],
    "hexachlorobenzene": ["pops-elimination", "pesticides"],
}
PROFILE_DECISIONS = {
    "ddt": ["SC-2/2", "SC-4/2", "SC-7/2", "SC-8/2"],
    "polychlorinated-biphenyls": ["SC-7/3", "SC-8/3"],
}


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
    instruments = {instrument.code: instrument for instrument in Instrument.objects.all()}
    countries = {country.iso3: country for country in Country.objects.filter(iso3__in=["KEN", "COL", "FJI"])}
    for slug, title, kind, codes, offset, days, (start_time, end_time), tz, city, iso3, status, text in DEMO_MEETINGS:
        start = today + datetime.timedelta(days=offset)
        _meeting, change = save_meeting(
            slug=slug,
            values={
                "title": title,
                "kind": kind,
                "start_date": start,
                "end_date": start + datetime.timedelta(days=days - 1),
                "start_time": start_time,
                "end_time": end_time,
                "timezone": tz,
                "city": city,
                "country": countries.get(iso3),
                "online_url": "" if city else f"https://example.org/webinars/{slug}",
                "status": status,
                "description": text,
            },
            conventions=[instruments[code] for code in codes],
        )
        created += change is Change.CREATED
    return created


def _seed_focal_points() -> int:
    """One focal point per demo member verified as one, of the same country
    and kind (so pages can link the member to the entry), and a few others."""
    rows = [
        (iso3, kind, organisation, "", name, title, f"{handle}@example.org")
        for (handle, name, title, organisation, iso3, _languages, _bio), kind in demo.FOCAL_POINTS
    ]
    rows += [
        (iso3, kind, organisation, office, person, "", f"{iso3.lower()}.{kind}@example.org")
        for iso3, kind, organisation, office, person in OTHER_FOCAL_POINTS
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
    areas = {area.slug: area for area in ThematicArea.objects.originals()}
    decisions = {decision.code: decision for decision in Decision.objects.all()}
    profiles = {profile.slug: profile for profile in ChemicalProfile.objects.filter(slug__in=PROFILE_TOPICS)}
    added = 0
    for code, slugs in DECISION_TOPICS.items():
        if code in decisions:
            added += add_related(decisions[code], "thematic_areas", [areas[slug] for slug in slugs if slug in areas])
    for slug, topics in PROFILE_TOPICS.items():
        if slug in profiles:
            wanted = [areas[topic] for topic in topics if topic in areas]
            added += add_related(profiles[slug], "thematic_areas", wanted)
    for slug, codes in PROFILE_DECISIONS.items():
        if slug in profiles:
            added += add_related(profiles[slug], "decisions", [decisions[code] for code in codes if code in decisions])
    return added
