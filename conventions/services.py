"""Writes to the conventions reference data.

The importers, the admin and any later API call these functions. Each
``save_*`` function creates the row or brings it up to date, and saves only
when a field value really changed, so that loading the same data twice
writes nothing.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pycountry
from django.db import models

from .models import (
    ChemicalProfile,
    Country,
    Decision,
    FocalPoint,
    Instrument,
    Listing,
    Meeting,
    PartyStatus,
    RegionalCentre,
    RegionalGroup,
    RegionalGroupMembership,
    ThematicArea,
)

# The European Union is a party to all three conventions but not in ISO
# 3166-1; these are the codes the data files use for it.
EUROPEAN_UNION = {
    "iso2": "EU",
    "iso3": "EUE",
    "numeric": "",
    "name": "European Union",
    "official_name": "European Union",
    "is_state": False,
}


class Change(enum.StrEnum):
    """What saving one row did."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


# What a meeting's calendar entry depends on: when one of these changes, the
# meeting's iCalendar SEQUENCE is raised so calendar apps replace their copy.
MEETING_SCHEDULE_FIELDS = (
    "start_date",
    "end_date",
    "start_time",
    "end_time",
    "timezone",
    "city",
    "venue",
    "country",
    "online_url",
    "status",
)


@dataclass
class ChangeCounts:
    """How many rows a load created, updated and left unchanged, and how
    many field values it left as an editor had changed them."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_edits: int = 0

    def add(self, change: Change) -> None:
        setattr(self, change.value, getattr(self, change.value) + 1)

    @property
    def changed(self) -> int:
        return self.created + self.updated

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _save_if_changed(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[models.Model, Change]:
    """Create the row found by ``lookup``, or update the fields of ``values``
    that differ from what is stored. Saves nothing when nothing differs."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values), Change.CREATED

    changed_fields = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        stored = getattr(instance, field.attname)
        wanted = value.pk if isinstance(value, models.Model) else value
        if stored != wanted:
            setattr(instance, name, value)
            changed_fields.append(name)
    if not changed_fields:
        return instance, Change.UNCHANGED
    instance.save(update_fields=changed_fields)
    return instance, Change.UPDATED


def _as_json(value: Any) -> Any:
    """A field value as `ImportedRecord.imported_values` stores it."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _related_pks(instance: models.Model, name: str) -> list[Any]:
    return sorted(getattr(instance, name).values_list("pk", flat=True))


def save_imported(
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    *,
    many_to_many: dict[str, Iterable[models.Model]] | None = None,
    overwrite: bool = False,
    kept: list[str] | None = None,
) -> tuple[models.Model, Change]:
    """Create or update an `ImportedRecord` from an import, keeping the
    secretariat's edits: a field whose stored value differs from what the
    previous import wrote was edited in the admin, and stays as the editor
    left it unless `overwrite` is set.

    `many_to_many` gives the related rows of many-to-many fields, kept the
    same way. The names of the fields left as an editor changed them are
    appended to `kept`, when given, so that an import can count them."""
    imported = {name: _as_json(value) for name, value in values.items()}
    related = {name: list(objects) for name, objects in (many_to_many or {}).items()}
    imported.update({name: sorted({obj.pk for obj in objects}) for name, objects in related.items()})
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model.objects.create(**lookup, **values, imported_values=imported)
        for name, objects in related.items():
            getattr(instance, name).set(objects)
        return instance, Change.CREATED

    previous = instance.imported_values or {}

    def edited(name: str, stored: Any) -> bool:
        """Whether to leave ``name`` as it is stored, because an editor changed it."""
        if name not in previous or previous[name] == stored or overwrite:
            return False
        if kept is not None:
            kept.append(name)
        return True

    changed_fields = []
    for name, value in values.items():
        stored = _as_json(getattr(instance, model._meta.get_field(name).attname))
        if stored == imported[name] or edited(name, stored):
            continue
        setattr(instance, name, value)
        changed_fields.append(name)
    related_changed = False
    for name, objects in related.items():
        stored = _related_pks(instance, name)
        if stored == imported[name] or edited(name, stored):
            continue
        getattr(instance, name).set(objects)
        related_changed = True
    if changed_fields:
        # save(update_fields=...) leaves auto_now fields alone unless named.
        changed_fields += [field.name for field in model._meta.concrete_fields if getattr(field, "auto_now", False)]
    # Fields this import does not carry keep what an earlier import wrote.
    merged = {**previous, **imported}
    if previous != merged:
        instance.imported_values = merged
        changed_fields.append("imported_values")
    if changed_fields:
        instance.save(update_fields=changed_fields)
    if related_changed or set(changed_fields) - {"imported_values"}:
        return instance, Change.UPDATED
    return instance, Change.UNCHANGED


def save_country(
    *, iso3: str, iso2: str, numeric: str, name: str, official_name: str, is_state: bool = True
) -> tuple[Country, Change]:
    """Create or update the country with ISO alpha-3 code ``iso3``."""
    return _save_if_changed(
        Country,
        {"iso3": iso3},
        {"iso2": iso2, "numeric": numeric, "name": name, "official_name": official_name, "is_state": is_state},
    )


def iso3166_countries() -> list[dict[str, Any]]:
    """The countries of ISO 3166-1 as pycountry packages them, then the
    European Union, as keyword arguments for :func:`save_country`."""
    countries = [
        {
            "iso3": country.alpha_3,
            "iso2": country.alpha_2,
            "numeric": country.numeric,
            "name": country.name,
            "official_name": getattr(country, "official_name", ""),
            "is_state": True,
        }
        for country in pycountry.countries
    ]
    return [*countries, EUROPEAN_UNION]


def save_regional_group(*, code: str, name: str, default_short_name: str = "") -> tuple[RegionalGroup, Change]:
    """Create or update the UN regional group ``code``.

    The files carry no short name: ``default_short_name`` is used when the
    group has none yet, and never replaces one an editor gave it."""
    group = RegionalGroup.objects.filter(code=code).first()
    short_name = default_short_name if group is None or not group.short_name else group.short_name
    return _save_if_changed(RegionalGroup, {"code": code}, {"name": name, "short_name": short_name})


def save_regional_group_membership(
    *, group: RegionalGroup, country: Country, is_electoral: bool
) -> tuple[RegionalGroupMembership, Change]:
    """Put ``country`` in ``group``; ``is_electoral`` says whether it is the
    group the country votes with (a country may sit in two)."""
    return _save_if_changed(
        RegionalGroupMembership, {"group": group, "country": country}, {"is_electoral": is_electoral}
    )


def save_party_status(
    *,
    country: Country,
    instrument: Instrument,
    signature_on: datetime.date | None,
    consent_on: datetime.date | None,
    entry_into_force_on: datetime.date | None,
    source_reference: str = "",
    consent_kind: str | None = None,
    overwrite: bool = False,
    kept: list[str] | None = None,
) -> tuple[PartyStatus, Change]:
    """Record where ``country`` stands with ``instrument``.

    ``consent_kind=None`` leaves the stored kind of consent as it is (the
    ECOLEX files do not carry it; an editor may have filled it in). Dates an
    editor corrected are kept unless ``overwrite``."""
    values: dict[str, Any] = {
        "signature_on": signature_on,
        "consent_on": consent_on,
        "entry_into_force_on": entry_into_force_on,
        "source_reference": source_reference,
    }
    if consent_kind is not None:
        values["consent_kind"] = consent_kind
    return save_imported(
        PartyStatus, {"country": country, "instrument": instrument}, values, overwrite=overwrite, kept=kept
    )


def save_regional_centre(
    *,
    slug: str,
    name: str,
    conventions: Iterable[Instrument],
    host_country: Country,
    city: str,
    latitude: float | None,
    longitude: float | None,
    geonameid: int | None,
    source_url: str,
    extra: dict[str, Any] | None = None,
    countries_served: Iterable[Country] | None = None,
    overwrite: bool = False,
    kept: list[str] | None = None,
) -> tuple[RegionalCentre, Change]:
    """Create or update the regional centre ``slug`` and the conventions it
    serves; what an editor changed is kept unless ``overwrite``.

    ``extra`` holds the other fields a file carries (the sourced file: host
    institution, region, website, how sure its facts are); the countries
    served are set only when ``countries_served`` is given, so that a file
    without them leaves what an editor filled in."""
    return save_imported(
        RegionalCentre,
        {"slug": slug},
        {
            "name": name,
            "host_country": host_country,
            "city": city,
            "latitude": latitude,
            "longitude": longitude,
            "geonameid": geonameid,
            "source_url": source_url,
            **(extra or {}),
        },
        many_to_many={
            "conventions": conventions,
            **({"countries_served": countries_served} if countries_served is not None else {}),
        },
        overwrite=overwrite,
        kept=kept,
    )


def save_meeting(
    *,
    slug: str,
    values: dict[str, Any],
    conventions: Iterable[Instrument],
    overwrite: bool = False,
    kept: list[str] | None = None,
) -> tuple[Meeting, Change]:
    """Create or update the meeting ``slug`` (``values`` are its fields, by
    name). When its dates, place or status change, its iCalendar sequence is
    raised, so that calendar apps that subscribed replace their copy."""
    before = Meeting.objects.filter(slug=slug).first()
    meeting, change = save_imported(
        Meeting, {"slug": slug}, values, many_to_many={"conventions": conventions}, overwrite=overwrite, kept=kept
    )
    if before is not None and change is Change.UPDATED and meeting_rescheduled(before, meeting):
        Meeting.objects.filter(pk=meeting.pk).update(sequence=models.F("sequence") + 1)
        meeting.refresh_from_db(fields=["sequence"])
    return meeting, change


def meeting_rescheduled(before: Meeting, after: Meeting) -> bool:
    """Whether the dates, place or status differ between two versions of a meeting."""
    return any(
        getattr(before, Meeting._meta.get_field(name).attname) != getattr(after, Meeting._meta.get_field(name).attname)
        for name in MEETING_SCHEDULE_FIELDS
    )


def save_decision(
    *,
    code: str,
    values: dict[str, Any],
    thematic_areas: Iterable[ThematicArea] | None = None,
    overwrite: bool = False,
    kept: list[str] | None = None,
) -> tuple[Decision, Change]:
    """Create or update the COP decision ``code`` (as published, e.g.
    BC-14/12). ``thematic_areas=None`` leaves its thematic areas as they are."""
    many_to_many = {} if thematic_areas is None else {"thematic_areas": thematic_areas}
    return save_imported(Decision, {"code": code}, values, many_to_many=many_to_many, overwrite=overwrite, kept=kept)


def relate_decisions(
    decision: Decision, related: Iterable[Decision], *, overwrite: bool = False, kept: list[str] | None = None
) -> Change:
    """Set the decisions related to ``decision`` (the relation goes both ways)."""
    _decision, change = save_imported(
        Decision, {"pk": decision.pk}, {}, many_to_many={"related": related}, overwrite=overwrite, kept=kept
    )
    return change


def save_chemical_profile(
    *,
    slug: str,
    kind: str,
    name: str,
    cas_numbers: list[str],
    synonyms: list[str],
    summary: str | None = None,
    thematic_areas: Iterable[ThematicArea] | None = None,
    decisions: Iterable[Decision] | None = None,
    accumulate: bool = False,
    overwrite: bool = False,
    kept: list[str] | None = None,
) -> tuple[ChemicalProfile, Change]:
    """Create or update the chemical or waste profile ``slug``.

    With ``accumulate``, several files describe the profile (a chemical
    listed by Stockholm and by Rotterdam): the name stays the one the first
    import gave it (a different name becomes a synonym), and the CAS numbers
    and synonyms are those of every file imported so far. ``None`` for
    ``summary``, ``thematic_areas`` or ``decisions`` leaves them as they are."""
    if accumulate:
        previous = ChemicalProfile.objects.filter(slug=slug).values_list("imported_values", flat=True).first() or {}
        first_name = previous.get("name") or name
        synonyms = [*previous.get("synonyms", []), *([name] if name != first_name else []), *synonyms]
        cas_numbers = [*previous.get("cas_numbers", []), *cas_numbers]
        name = first_name
    values: dict[str, Any] = {
        "kind": kind,
        "name": name,
        "cas_numbers": list(dict.fromkeys(cas_numbers)),
        "synonyms": [synonym for synonym in dict.fromkeys(synonyms) if synonym != name],
    }
    if summary is not None:
        values["summary"] = summary
    many_to_many: dict[str, Iterable[models.Model]] = {}
    if thematic_areas is not None:
        many_to_many["thematic_areas"] = thematic_areas
    if decisions is not None:
        many_to_many["decisions"] = decisions
    return save_imported(
        ChemicalProfile, {"slug": slug}, values, many_to_many=many_to_many, overwrite=overwrite, kept=kept
    )


def save_listing(
    *,
    profile: ChemicalProfile,
    annex: str,
    entry: str,
    category: str = "",
    source: str = "",
    specific_exemptions: str | None = None,
    sourced: dict[str, Any] | None = None,
    overwrite: bool = False,
    kept: list[str] | None = None,
) -> tuple[Listing, Change]:
    """Create or update where ``profile`` is listed: one entry of one annex
    (in one Rotterdam category). ``specific_exemptions=None`` leaves them as
    they are; ``sourced`` holds what the sourced listing files add (the
    listing decision and how sure it is, the year, deletion, notes)."""
    values: dict[str, Any] = {"source": source, **(sourced or {})}
    if specific_exemptions is not None:
        values["specific_exemptions"] = specific_exemptions
    return save_imported(
        Listing,
        {"profile": profile, "annex": annex, "entry": entry, "category": category},
        values,
        overwrite=overwrite,
        kept=kept,
    )


def save_focal_point(
    *,
    country: Country,
    kind: str,
    organisation: str,
    office: str,
    values: dict[str, Any],
    overwrite: bool = False,
    kept: list[str] | None = None,
) -> tuple[FocalPoint, Change]:
    """Create or update the focal point of ``kind`` for ``country`` at
    ``organisation`` and ``office`` (the conventions publish no identifier:
    these find the entry again); ``values`` are its other fields."""
    return save_imported(
        FocalPoint,
        {"country": country, "kind": kind, "organisation": organisation, "office": office},
        values,
        overwrite=overwrite,
        kept=kept,
    )


def add_related(instance: models.Model, name: str, objects: Iterable[models.Model]) -> int:
    """Add ``objects`` to the many-to-many field ``name`` of ``instance``, as
    an editor tagging it would, keeping what is there; returns how many
    were new."""
    manager = getattr(instance, name)
    stored = set(manager.values_list("pk", flat=True))
    new = [obj for obj in objects if obj.pk not in stored]
    if new:
        manager.add(*new)
    return len(new)


def load_countries() -> ChangeCounts:
    """Create or update every country of ISO 3166-1 and the European Union.

    Safe to run any number of times: a second run changes nothing."""
    counts = ChangeCounts()
    for country in iso3166_countries():
        _country, change = save_country(**country)
        counts.add(change)
    return counts
