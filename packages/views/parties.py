"""Ratification status: a world map coloured by where each country stands
with a convention, the table behind it (which works without JavaScript and is
the map's accessible alternative) and the same table as CSV."""

import csv
import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from conventions.constants import PartyStatusKind
from conventions.maps import marker_path, world_map
from conventions.models import Country, PartyStatus, RegionalGroup, RegionalGroupMembership
from conventions.names import collation_key
from core import page_cache
from core.conventions import CONVENTION_CODES, INSTRUMENT_CODES, INSTRUMENT_FULL_NAMES, INSTRUMENT_NAMES
from core.spreadsheets import safe_cell

ALL = "all"
# "All three" counts the conventions a country is party to; the Ban
# Amendment is shown beside them but is not a convention of its own.
INSTRUMENT_LABELS = {**INSTRUMENT_FULL_NAMES, ALL: gettext_lazy("All three conventions")}
INSTRUMENT_SHORT_LABELS = INSTRUMENT_NAMES
# Map classes, darkest first: the order of the legend.
STATUS_CLASSES = [
    (PartyStatusKind.PARTY.value, PartyStatusKind.PARTY.label),
    (PartyStatusKind.SIGNATORY.value, PartyStatusKind.SIGNATORY.label),
    (PartyStatusKind.NONE.value, PartyStatusKind.NONE.label),
]
COUNT_CLASSES = [
    ("3", gettext_lazy("Party to all three")),
    ("2", gettext_lazy("Party to two")),
    ("1", gettext_lazy("Party to one")),
    ("0", gettext_lazy("Party to none")),
]
SORT_KEYS = ("name", "region", "status", "date")
# Small island states are points of this radius (viewBox units).
ISLAND_RADIUS = 3.5


class PartiesFilterForm(forms.Form):
    """What the page shows; every value is kept in the URL so that a view can
    be bookmarked and shared, and a wrong value is reported and left out."""

    instrument = forms.ChoiceField(
        label=gettext_lazy("Convention"),
        choices=[(code, INSTRUMENT_LABELS[code]) for code in (*INSTRUMENT_CODES, ALL)],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("There is no convention with the code “%(value)s”.")},
    )
    region = forms.ModelChoiceField(
        label=gettext_lazy("UN regional group"),
        queryset=RegionalGroup.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("All regions"),
        error_messages={"invalid_choice": gettext_lazy("There is no UN regional group with the code “%(value)s”.")},
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("Any status")), *STATUS_CLASSES, *COUNT_CLASSES],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("“%(value)s” is not a status.")},
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        choices=[(f"{order}{key}", key) for key in SORT_KEYS for order in ("", "-")],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("The table cannot be sorted by “%(value)s”.")},
    )

    CASES = {"instrument": str.upper, "region": str.upper, "status": str.lower, "sort": str.lower}

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            for name, normalise in self.CASES.items():
                if name in data:
                    value = normalise(data[name].strip())
                    data[name] = ALL if value == ALL.upper() else value
        super().__init__(data, **kwargs)
        # The status choices are those of the convention asked for.
        instrument = data.get("instrument") if data else None
        classes = COUNT_CLASSES if instrument == ALL else STATUS_CLASSES
        self.status_choices = [("", _("Any status")), *classes]

    def clean(self):
        cleaned = super().clean()
        instrument = cleaned.get("instrument") or "BC"
        status, sort = cleaned.get("status"), cleaned.get("sort")
        if status and status not in dict(COUNT_CLASSES if instrument == ALL else STATUS_CLASSES):
            self.add_error(
                "status",
                _("“%(status)s” is not a status under the %(convention)s.")
                % {"status": status, "convention": INSTRUMENT_LABELS[instrument]},
            )
        if sort and sort.lstrip("-") == "date" and instrument == ALL:
            self.add_error("sort", _("Choose one convention to sort by date."))
        return cleaned

    def valid_filters(self) -> dict:
        """The values that were understood, with the defaults for the rest."""
        filters = {"instrument": "BC", "region": None, "status": "", "sort": "name"}
        if self.is_bound:
            self.is_valid()
            filters.update(
                {name: value for name, value in self.cleaned_data.items() if value and name not in self.errors}
            )
        return filters


@dataclass
class PartyRow:
    """One country of the table (and of the map)."""

    country: Country
    region: RegionalGroup | None
    statuses: dict[str, PartyStatus | None] = field(default_factory=dict)
    # For the convention shown: its map class ("party", or "0" to "3" for
    # all three), the label of that class and the date that goes with it.
    status: str = ""
    status_label: str = ""
    date: datetime.date | None = None
    summary: str = ""
    # For all three: the conventions the country is party to.
    conventions: list[str] = field(default_factory=list)

    @property
    def cells(self) -> list[tuple[str, PartyStatus | None]]:
        """Each instrument with the country's status under it, for "all three"."""
        return [(code, self.statuses.get(code)) for code in INSTRUMENT_CODES]


def _status_of(party_status: PartyStatus | None) -> str:
    return party_status.status if party_status else PartyStatusKind.NONE.value


def _sort_name(text: str) -> tuple:
    """Côte d'Ivoire between Costa Rica and Croatia, not after Zimbabwe; and
    in the reader's own alphabet on /ar/, /ru/, /zh-hans/."""
    return collation_key(text)


def listed_countries():
    """The countries the table lists: the members of the UN regional groups,
    and anyone else with a status under a convention (the European Union,
    the Cook Islands, Niue, Palestine…). Territories are left out: they
    have no status of their own."""
    return Country.objects.filter(
        Exists(RegionalGroupMembership.objects.filter(country=OuterRef("pk")))
        | Exists(PartyStatus.objects.filter(country=OuterRef("pk")))
    ).prefetch_related(
        Prefetch(
            "group_memberships",
            queryset=RegionalGroupMembership.objects.select_related("group").order_by("-is_electoral"),
            to_attr="memberships",
        )
    )


def _summary(row: PartyRow, instrument: str) -> str:
    """What the map says about a country on hover and focus."""
    name = row.country.local_name
    if instrument == ALL:
        names = ", ".join(str(INSTRUMENT_SHORT_LABELS[code]) for code in row.conventions)
        count = len(row.conventions)
        if not count:
            return _("%(country)s: party to none of the three conventions") % {"country": name}
        return ngettext(
            "%(country)s: party to %(count)s of the three conventions (%(names)s)",
            "%(country)s: party to %(count)s of the three conventions (%(names)s)",
            count,
        ) % {"country": name, "count": count, "names": names}
    if row.status == PartyStatusKind.PARTY:
        return _("%(country)s: party since %(date)s") % {"country": name, "date": format_date(row.date)}
    if row.status == PartyStatusKind.SIGNATORY:
        return _("%(country)s: signatory since %(date)s") % {"country": name, "date": format_date(row.date)}
    return _("%(country)s: not a party") % {"country": name}


def party_rows(filters: dict) -> list[PartyRow]:
    """The table's rows for the filters, sorted. Three queries whatever the
    number of countries: the countries, their groups and their statuses."""
    instrument = filters["instrument"]
    rows = {}
    for country in listed_countries():
        # The group a country votes with, where it sits in two (Türkiye).
        region = country.memberships[0].group if country.memberships else None
        if not filters["region"] or region == filters["region"]:
            rows[country.pk] = PartyRow(country=country, region=region)
    codes = INSTRUMENT_CODES if instrument == ALL else (instrument,)
    for party_status in PartyStatus.objects.filter(instrument__code__in=codes).annotate(code=F("instrument__code")):
        if party_status.country_id in rows:
            rows[party_status.country_id].statuses[party_status.code] = party_status
    labels = dict(COUNT_CLASSES if instrument == ALL else STATUS_CLASSES)
    for row in rows.values():
        if instrument == ALL:
            row.conventions = [
                code for code in CONVENTION_CODES if _status_of(row.statuses.get(code)) == PartyStatusKind.PARTY
            ]
            row.status = str(len(row.conventions))
        else:
            party_status = row.statuses.get(instrument)
            row.status = _status_of(party_status)
            if party_status:
                row.date = party_status.consent_on or party_status.signature_on
        row.status_label = str(labels[row.status])
        row.summary = _summary(row, instrument)
    selected = [row for row in rows.values() if not filters["status"] or row.status == filters["status"]]
    return sort_rows(selected, filters["sort"], instrument)


def sort_rows(rows: list[PartyRow], sort: str, instrument: str) -> list[PartyRow]:
    """Sorted by name, region, status (parties first) or date (oldest
    first); a leading "-" reverses. Rows without a region or a date stay
    last either way, and ties go by name."""
    key, descending = sort.lstrip("-"), sort.startswith("-")
    rows = sorted(rows, key=lambda row: _sort_name(row.country.local_name), reverse=descending and key == "name")
    if key == "region":
        with_region = sorted(
            (row for row in rows if row.region), key=lambda row: _sort_name(row.region.local_name), reverse=descending
        )
        rows = with_region + [row for row in rows if not row.region]
    elif key == "status":
        order = [value for value, _label in (COUNT_CLASSES if instrument == ALL else STATUS_CLASSES)]
        rows.sort(key=lambda row: order.index(row.status), reverse=descending)
    elif key == "date":
        dated = sorted((row for row in rows if row.date), key=lambda row: row.date, reverse=descending)
        rows = dated + [row for row in rows if not row.date]
    return rows


def status_counts(rows: list[PartyRow], instrument: str) -> list[dict]:
    """The legend: each map class with how many rows of the table it has."""
    classes = COUNT_CLASSES if instrument == ALL else STATUS_CLASSES
    return [{"css": css, "label": label, "count": sum(row.status == css for row in rows)} for css, label in classes]


def map_layers(rows: list[PartyRow]) -> dict:
    """What the map draws: a linked shape for each listed country that has
    an outline, a linked point for each that has not (small island states),
    every other outline as plain land, and the rows it cannot place."""
    world = world_map()
    shapes, points, unplaced = [], [], []
    for row in rows:
        code = row.country.numeric
        link = {
            "url": reverse("packages:country", args=[row.country.iso3]),
            "title": row.summary,
            "css": f"map-{row.status}",
        }
        if code in world.shapes:
            shapes.append({**link, "d": world.shapes[code]})
        elif code in world.points:
            points.append(
                {**link, "css": f"map-point {link['css']}", "d": marker_path(*world.points[code], size=ISLAND_RADIUS)}
            )
        else:
            unplaced.append(row)
    placed = {row.country.numeric for row in rows}
    return {
        "view_box": world.view_box,
        "land": "".join(d for code, d in world.shapes.items() if code not in placed),
        "shapes": shapes,
        "points": points,
        "unplaced": unplaced,
    }


def _query(values: dict) -> str:
    """A query string of the values that are set, defaults left out."""
    defaults = {"instrument": "BC", "sort": "name"}
    query = urlencode({name: value for name, value in values.items() if value and defaults.get(name) != value})
    return f"?{query}" if query else ""


class PartiesTable:
    """The rows of the table, its legend and its map, computed only when the
    page renders them: a page whose map and table come from the fragment
    cache (core.page_cache.fragment_key) reads nothing."""

    def __init__(self, filters: dict):
        self.filters = filters

    @cached_property
    def rows(self) -> list[PartyRow]:
        return party_rows(self.filters)

    @cached_property
    def legend(self) -> list[dict]:
        return status_counts(self.rows, self.filters["instrument"])

    @cached_property
    def map(self) -> dict:
        return map_layers(self.rows)


def index(request):
    """The map and the table for one convention, or all three."""
    form = PartiesFilterForm(request.GET or None)
    filters = form.valid_filters()
    instrument = filters["instrument"]
    fragment = page_cache.fragment_key("conventions")
    # Links keep what was understood and drop what was not.
    understood = {
        "instrument": instrument,
        "region": filters["region"].code if filters["region"] else "",
        "status": filters["status"],
        "sort": filters["sort"],
    }
    sort_key, descending = filters["sort"].lstrip("-"), filters["sort"].startswith("-")
    columns = [("name", _("Country")), ("region", _("UN regional group"))]
    if instrument == ALL:
        columns.append(("status", _("Conventions")))
    else:
        columns += [("status", _("Status")), ("date", _("Date"))]
    headers = [
        {
            "label": label,
            "url": _query({**understood, "sort": f"-{key}" if key == sort_key and not descending else key}),
            "sort": ("descending" if descending else "ascending") if key == sort_key else "",
        }
        for key, label in columns
    ]
    # A switch of convention keeps the region; the statuses differ, and
    # "all three" has no single date to sort by.
    keep_sort = filters["sort"] if sort_key in ("name", "region") else ""
    tabs = [
        {
            "code": code,
            "label": INSTRUMENT_LABELS[code],
            "url": _query({**understood, "instrument": code, "status": "", "sort": keep_sort}),
        }
        for code in (*INSTRUMENT_CODES, ALL)
    ]
    return render(
        request,
        "pages/parties.html",
        {
            "filter_form": form,
            "filters": filters,
            "instrument": instrument,
            "instrument_label": INSTRUMENT_LABELS[instrument],
            "tabs": tabs,
            "headers": headers,
            "instrument_columns": [(code, INSTRUMENT_SHORT_LABELS[code]) for code in INSTRUMENT_CODES],
            "parties": PartiesTable(filters),
            # The map and the table, for every reader alike, until the reference data changes.
            "fragment_key": fragment,
            "fragment_seconds": settings.PAGE_CACHE_SECONDS if fragment else 0,
            "sort_label": dict(columns)[sort_key],
            "csv_url": reverse("packages:parties_csv") + _query(understood),
        },
        status=400 if form.errors else 200,
    )


def csv_download(request):
    """The table with the same filters, as a CSV file: one row per country,
    then for each instrument its status, date of consent to be bound and
    date of entry into force. Column names and status codes stay in English
    so that scripts can rely on them."""
    form = PartiesFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
        return HttpResponse("\n".join(errors) + "\n", status=400, content_type="text/plain; charset=utf-8")
    filters = form.valid_filters()
    instrument = filters["instrument"]
    codes = INSTRUMENT_CODES if instrument == ALL else (instrument,)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="parties-{instrument}.csv"'
    # The byte order mark tells spreadsheet programs the file is UTF-8 (Côte d'Ivoire, Türkiye).
    response.write("\ufeff")
    writer = csv.writer(response)
    header = ["country", "iso3", "region"]
    for code in codes:
        header += [f"{code} status", f"{code} consent to be bound", f"{code} entry into force"]
    writer.writerow(header)
    for row in party_rows(filters):
        cells = [row.country.name, row.country.iso3, row.region.name if row.region else ""]
        for code in codes:
            party_status = row.statuses.get(code)
            cells += [
                _status_of(party_status),
                party_status.consent_on.isoformat() if party_status and party_status.consent_on else "",
                party_status.entry_into_force_on.isoformat()
                if party_status and party_status.entry_into_force_on
                else "",
            ]
        writer.writerow([safe_cell(cell) for cell in cells])
    return response
