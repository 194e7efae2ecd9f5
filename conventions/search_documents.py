"""The reference data in the one search (core.indexing): decisions, meetings,
chemicals and waste streams, country profiles, focal points and regional
centres; the names of the topic, region and country facets; and the texts
that jump to one of them (a decision code, a CAS number, a country).
Registered in ConventionsConfig.ready()."""

import re
from datetime import date

from django.urls import reverse

from core.indexing import (
    Batch,
    Document,
    Facet,
    IndexSource,
    Kind,
    Related,
    Shortcut,
    join,
    neutral_path,
    register_facet_labels,
    register_shortcut,
    register_source,
)

from .codes import cas_check_digit_ok, parse_decision_code
from .constants import FOCAL_POINT_KIND_CONVENTION, ProfileKind
from .models import (
    ChemicalProfile,
    Country,
    Decision,
    FocalPoint,
    Meeting,
    RegionalCentre,
    RegionalGroup,
    RegionalGroupMembership,
    ThematicArea,
)
from .vocabulary import localized_names

# The convention of each annex a chemical or waste is listed in.
CONVENTION_OF_ANNEX = {"SC-A": "SC", "SC-B": "SC", "SC-C": "SC", "RC-III": "RC", "BC": "BC"}
CAS = re.compile(r"^\s*\d{2,7}-\d{2}-\d\s*$")


def _regions_of_country() -> dict[int, list[str]]:
    regions: dict[int, list[str]] = {}
    for country_id, code in RegionalGroupMembership.objects.values_list("country_id", "group__code"):
        regions.setdefault(country_id, []).append(code)
    return regions


def places(document: Document, countries, batch: Batch) -> None:
    """Country and (derived) UN region facets, and country names to search."""
    countries = list(countries)
    regions = batch.cached("regions_of_country", _regions_of_country)
    document.add(Facet.COUNTRY, (country.iso3 for country in countries))
    for country in countries:
        document.add(Facet.REGION, regions.get(country.pk, ()))
    if countries:
        # Code and English name: results show the name in the reader's language.
        document.metadata["countries"] = [[country.iso2, country.name] for country in countries[:5]]
        document.keywords += " " + " ".join(country.name for country in countries)


def _decision_documents(decision, batch: Batch) -> list[Document]:
    parsed = parse_decision_code(decision.code)
    day = (
        decision.meeting.start_date if decision.meeting_id else (date(decision.year, 1, 1) if decision.year else None)
    )
    document = Document(
        kind=Kind.DECISION,
        title=f"{decision.code} {decision.title}",
        url=neutral_path("packages:decision", code=parsed.path if parsed else decision.code),
        keywords=" ".join(filter(None, [decision.code, parsed.path if parsed else "", decision.keywords])),
        names=[decision.code],
        body=join(decision.summary, decision.text, decision.meeting.title if decision.meeting_id else ""),
        date=day,
        metadata={"code": decision.code, "summary": decision.summary[:300]},
    )
    document.add_conventions([decision.convention.code])
    document.add_topics(decision.thematic_areas.all())
    # The year recorded for it, else the year its meeting began (Decision.objects.with_year()).
    year = decision.year or (decision.meeting.start_date.year if decision.meeting_id else None)
    if year:
        document.add(Facet.YEAR, [year])
    return [document]


def _meeting_documents(meeting, batch: Batch) -> list[Document]:
    document = Document(
        kind=Kind.MEETING,
        title=meeting.title,
        url=neutral_path("packages:meeting", slug=meeting.slug),
        keywords=" ".join(filter(None, [meeting.city, meeting.venue])),
        body=meeting.description,
        date=meeting.start_date,
        metadata={
            "start": meeting.start_date.isoformat(),
            "end": meeting.end_date.isoformat(),
            "status": meeting.status,
        },
    )
    document.add_conventions(instrument.code for instrument in meeting.conventions.all())
    if meeting.country_id:
        places(document, [meeting.country], batch)
    document.add(Facet.YEAR, [meeting.start_date.year])
    return [document]


def _chemical_documents(profile, batch: Batch) -> list[Document]:
    listings = list(profile.listings.all())
    document = Document(
        kind=Kind.WASTE if profile.kind == ProfileKind.WASTE else Kind.CHEMICAL,
        title=profile.name,
        url=neutral_path("packages:chemical", slug=profile.slug),
        keywords=" ".join([*profile.synonyms, *profile.cas_numbers]),
        # "DDT" for "DDT (1,1,1-trichloro-2,2-bis(4-chlorophenyl)ethane)"
        names=[profile.name.split(" (")[0], *profile.synonyms],
        body=join(
            profile.summary,
            *(f"{listing.get_annex_display()} {listing.entry} {listing.specific_exemptions}" for listing in listings),
        ),
        metadata={"cas": profile.cas_numbers[:3], "summary": profile.summary[:300]},
    )
    document.add_conventions(CONVENTION_OF_ANNEX.get(listing.annex, "") for listing in listings)
    document.add_topics(profile.thematic_areas.all())
    return [document]


def _country_documents(country, batch: Batch) -> list[Document]:
    document = Document(
        kind=Kind.COUNTRY,
        title=country.name,
        url=neutral_path("packages:country", iso3=country.iso3),
        names=[country.official_name, country.iso2, country.iso3],
    )
    places(document, [country], batch)
    document.keywords = " ".join(filter(None, [country.official_name, country.iso2, country.iso3]))
    return [document]


def _focal_point_documents(focal_point, batch: Batch) -> list[Document]:
    document = Document(
        kind=Kind.FOCAL_POINT,
        title=f"{focal_point.get_kind_display()}: {focal_point.country.name}",
        url=neutral_path("packages:focal_points") + f"?country={focal_point.country.iso3}",
        keywords=" ".join(filter(None, [focal_point.person, focal_point.office, focal_point.organisation])),
        body=join(focal_point.position, focal_point.organisation),
        date=focal_point.updated_on,
    )
    document.add_conventions([FOCAL_POINT_KIND_CONVENTION.get(focal_point.kind, "")])
    places(document, [focal_point.country], batch)
    return [document]


def _centre_documents(centre, batch: Batch) -> list[Document]:
    served = list(centre.countries_served.all())
    document = Document(
        kind=Kind.REGIONAL_CENTRE,
        title=centre.name,
        url=neutral_path("packages:centre", slug=centre.slug),
        keywords=" ".join(
            filter(None, [centre.city, centre.host_country.name if centre.host_country_id else "", "regional centre"])
        ),
        body=join(", ".join(country.name for country in served)),
    )
    document.add_conventions(instrument.code for instrument in centre.conventions.all())
    if centre.host_country_id:
        places(document, [centre.host_country], batch)
        document.metadata["countries"] = [[centre.host_country.iso2, centre.host_country.name]]
    return [document]


# Facet names ---------------------------------------------------------------------------------------------


def _topic_labels(values):
    areas = ThematicArea.objects.originals().filter(slug__in=values)
    return {area.slug: name for area, name in localized_names(areas)}


def _region_labels(values):
    return {group.code: group.local_name for group in RegionalGroup.objects.filter(code__in=values)}


def _country_labels(values):
    countries = Country.objects.filter(iso3__in=[value.upper() for value in values])
    return {country.iso3: country.local_name for country in countries}


# Shortcuts ----------------------------------------------------------------------------------------------


def decision_shortcut(user, text: str) -> Shortcut | None:
    code = parse_decision_code(text)
    if code and (decision := Decision.objects.filter(code=code.code).only("code").first()):
        return Shortcut(Kind.DECISION, decision.code, reverse("packages:decision", args=[code.path]), jump=True)
    return None


def cas_shortcut(user, text: str) -> Shortcut | None:
    if CAS.match(text) and cas_check_digit_ok(text):
        for slug, numbers in ChemicalProfile.objects.values_list("slug", "cas_numbers").iterator():
            if text in (numbers or []):
                return Shortcut(Kind.CHEMICAL, text, reverse("packages:chemical", args=[slug]), jump=True)
    return None


def country_shortcut(user, text: str) -> Shortcut | None:
    lowered = text.lower()
    country = (
        Country.objects.filter(iso3__iexact=text).first()
        if len(text) == 3
        else Country.objects.filter(iso2__iexact=text).first()
        if len(text) == 2
        else None
    )
    if country is None and len(text) > 3:
        country = (
            Country.objects.filter(name__iexact=lowered).first()
            or Country.objects.filter(official_name__iexact=lowered).first()
        )
    if country:
        return Shortcut(Kind.COUNTRY, country.name, reverse("packages:country", args=[country.iso3]))
    return None


def _all(model, *related, select=()):
    return lambda: model.objects.select_related(*select).prefetch_related(*related)


def register() -> None:
    for source in [
        IndexSource(
            "decision",
            "conventions.Decision",
            _all(Decision, "thematic_areas", select=["convention", "meeting"]),
            _decision_documents,
            relations=["thematic_areas"],
        ),
        IndexSource(
            "meeting",
            "conventions.Meeting",
            _all(Meeting, "conventions", select=["country"]),
            _meeting_documents,
            relations=["conventions"],
        ),
        IndexSource(
            "chemical",
            "conventions.ChemicalProfile",
            _all(ChemicalProfile, "listings", "thematic_areas"),
            _chemical_documents,
            related=[Related("conventions.Listing", "profile_id")],
            relations=["thematic_areas"],
        ),
        IndexSource("country", "conventions.Country", _all(Country), _country_documents),
        IndexSource(
            "focal_point", "conventions.FocalPoint", _all(FocalPoint, select=["country"]), _focal_point_documents
        ),
        IndexSource(
            "regional_centre",
            "conventions.RegionalCentre",
            _all(RegionalCentre, "conventions", "countries_served", select=["host_country"]),
            _centre_documents,
            relations=["conventions", "countries_served"],
        ),
    ]:
        register_source(source)
    register_facet_labels(Facet.TOPIC, _topic_labels)
    register_facet_labels(Facet.REGION, _region_labels)
    register_facet_labels(Facet.COUNTRY, _country_labels)
    register_shortcut(10, decision_shortcut)
    register_shortcut(20, cas_shortcut)
    register_shortcut(30, country_shortcut)
