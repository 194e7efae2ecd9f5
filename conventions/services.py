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

from .models import Country, Instrument, PartyStatus, RegionalCentre, RegionalGroup, RegionalGroupMembership

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


@dataclass
class ChangeCounts:
    """How many rows a load created, updated and left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

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
) -> tuple[PartyStatus, Change]:
    """Record where ``country`` stands with ``instrument``.

    ``consent_kind=None`` leaves the stored kind of consent as it is (the
    ECOLEX files do not carry it; an editor may have filled it in)."""
    values: dict[str, Any] = {
        "signature_on": signature_on,
        "consent_on": consent_on,
        "entry_into_force_on": entry_into_force_on,
        "source_reference": source_reference,
    }
    if consent_kind is not None:
        values["consent_kind"] = consent_kind
    return _save_if_changed(PartyStatus, {"country": country, "instrument": instrument}, values)


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
) -> tuple[RegionalCentre, Change]:
    """Create or update the regional centre ``slug`` and the conventions it
    serves.

    The website and the countries served are left as they are: the files do
    not carry them, and an editor may have filled them in."""
    centre, change = _save_if_changed(
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
        },
    )
    conventions = list(conventions)
    stored = set() if change is Change.CREATED else set(centre.conventions.values_list("pk", flat=True))
    if stored != {instrument.pk for instrument in conventions}:
        centre.conventions.set(conventions)
        if change is Change.UNCHANGED:
            change = Change.UPDATED
    return centre, change


def load_countries() -> ChangeCounts:
    """Create or update every country of ISO 3166-1 and the European Union.

    Safe to run any number of times: a second run changes nothing."""
    counts = ChangeCounts()
    for country in iso3166_countries():
        _country, change = save_country(**country)
        counts.add(change)
    return counts
