"""Importers for the reference data files of the three conventions.

A run loads the countries (ISO 3166-1 and the European Union), then each file
given to it. The kind of a file is told by its header: the UN regional groups,
the party status of countries (ECOLEX shape) or the regional centres. Newer files of the same
shape, with extra columns, import too.

The project's rule: never half-import a file. A file that cannot be read as
UTF-8 CSV, or whose header has no known shape, is rejected whole; a file with
any invalid row is rejected with every invalid row reported by line number
(line 1 is the header). The whole run is one transaction, and a run with any
rejection (or a dry run) is rolled back: nothing is written.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from django.db import transaction
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .constants import ConsentKind
from .models import Country, Instrument, PartyStatus, RegionalCentre, RegionalGroup
from .services import (
    ChangeCounts,
    load_countries,
    save_party_status,
    save_regional_centre,
    save_regional_group,
    save_regional_group_membership,
)

DATA_DIRECTORY = Path(__file__).resolve().parent / "data"
DEFAULT_REFERENCE_FILES = ("un_regional_groups.csv", "parties_ecolex.csv", "regional_centres.csv")

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Decimal degrees with a point; not float()'s wider syntax ("1e2", "nan", "1_0").
DECIMAL_DEGREES = re.compile(r"[-+]?\d{1,3}(\.\d+)?")

# Wraps the rows being written, e.g. in a progress bar; called with the rows
# and a short description of the file.
ProgressWrapper = Callable[[Sequence[Any], str], Iterable[Any]]


def without_progress(rows: Sequence[Any], description: str) -> Iterable[Any]:
    """The default :data:`ProgressWrapper`: no progress shown."""
    return rows


def default_reference_files() -> list[Path]:
    """The files a run imports when it is given none: those shipped in
    ``conventions/data`` (see its README for their provenance)."""
    return [DATA_DIRECTORY / name for name in DEFAULT_REFERENCE_FILES]


class StructuralError(Exception):
    """The file as a whole cannot be imported: it cannot be read, is not
    UTF-8 CSV, or its header is not of a known shape."""


@dataclass(frozen=True)
class CsvRow:
    """One record of a CSV file; ``line`` is the line it starts on (the
    header is line 1)."""

    line: int
    cells: list[str]


@dataclass(frozen=True)
class RowError:
    """Why the row starting on ``line`` was rejected."""

    line: int
    message: str


@dataclass
class FileImportResult:
    """What importing one file did, or would have done."""

    path: Path
    kind: str = ""
    rows: ChangeCounts = field(default_factory=ChangeCounts)
    # Rows of other models a file creates besides one per line, e.g. the
    # regional groups themselves, by a readable label.
    related: dict[str, ChangeCounts] = field(default_factory=dict)
    row_errors: list[RowError] = field(default_factory=list)
    structural_error: str = ""

    @property
    def rejected(self) -> int:
        """How many rows were rejected."""
        return len(self.row_errors)

    @property
    def has_errors(self) -> bool:
        return bool(self.structural_error or self.row_errors)

    @property
    def changed(self) -> int:
        return self.rows.changed + sum(counts.changed for counts in self.related.values())


@dataclass
class ImportRunResult:
    """What a run did: countries first, then each file in order."""

    countries: ChangeCounts
    files: list[FileImportResult]
    dry_run: bool

    @property
    def has_errors(self) -> bool:
        return any(result.has_errors for result in self.files)

    @property
    def changed(self) -> int:
        """Rows created or updated (or that would have been, in a dry run)."""
        return self.countries.changed + sum(result.changed for result in self.files)

    @property
    def written(self) -> bool:
        """Whether the run's changes were committed."""
        return not self.dry_run and not self.has_errors


def read_csv_file(path: Path) -> tuple[list[str], list[CsvRow]]:
    """Read ``path`` as UTF-8 CSV (a byte-order mark is allowed) and return
    its header and its records. Blank lines are skipped.

    Raises :class:`StructuralError` when the file cannot be read, is not
    UTF-8 text, is not valid CSV, is empty, or repeats a column name."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise StructuralError(_("cannot be read: %(reason)s") % {"reason": error.strerror or error}) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StructuralError(
            _("is not UTF-8 text (invalid byte at position %(position)d); save it as UTF-8 CSV")
            % {"position": error.start}
        ) from error
    if "\x00" in text:
        raise StructuralError(_("contains NUL bytes: it is a binary file, not CSV text"))

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[CsvRow] = []
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise StructuralError(_("is empty: the first line must be the header"))
        last_line = reader.line_num
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                records.append(CsvRow(line=line, cells=cells))
    except csv.Error as error:
        raise StructuralError(
            _("is not valid CSV (line %(line)d): %(reason)s") % {"line": reader.line_num, "reason": error}
        ) from error

    header = [name.strip() for name in header]
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise StructuralError(_("the header repeats the column(s) %(columns)s") % {"columns": ", ".join(repeated)})
    return header, records


def parse_iso_date(value: str, column: str, problems: list[str]) -> datetime.date | None:
    """The date in ``value`` (yyyy-mm-dd), or None when blank; a malformed
    date is added to ``problems``."""
    if not value:
        return None
    if ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(
        _("%(column)s: “%(value)s” is not a date in the form yyyy-mm-dd") % {"column": column, "value": value}
    )
    return None


def parse_degrees(value: str, column: str, limit: int, problems: list[str]) -> float | None:
    """The angle in ``value`` (decimal degrees, between -``limit`` and
    ``limit``), or None when blank; anything else is added to ``problems``."""
    if not value:
        return None
    if not DECIMAL_DEGREES.fullmatch(value):
        problems.append(
            _("%(column)s: “%(value)s” is not a number of decimal degrees such as 14.6937")
            % {"column": column, "value": value}
        )
        return None
    degrees = float(value)
    if not -limit <= degrees <= limit:
        problems.append(
            _("%(column)s: %(value)s is not between -%(limit)d and %(limit)d")
            % {"column": column, "value": value, "limit": limit}
        )
        return None
    return degrees


def check_length(value: str, column: str, max_length: int, problems: list[str]) -> None:
    """Add to ``problems`` when ``value`` is longer than the database allows."""
    if len(value) > max_length:
        problems.append(
            _("%(column)s: longer than %(max_length)d characters") % {"column": column, "max_length": max_length}
        )


class ReferenceFileImporter:
    """Imports one kind of reference file. A subclass names the columns of
    its shape, validates each row into a record, and writes the records."""

    kind: ClassVar[str | Promise]
    required_columns: ClassVar[tuple[str, ...]]
    optional_columns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, header: list[str]):
        self.header = header
        self.countries_by_iso3 = {country.iso3: country for country in Country.objects.all()}

    @classmethod
    def accepts(cls, header: Sequence[str]) -> bool:
        """Whether a file with ``header`` has this importer's shape (extra
        columns are allowed)."""
        return set(cls.required_columns) <= set(header)

    @classmethod
    def shape(cls) -> str:
        """The columns of this kind of file, for error messages."""
        shape = f"{cls.kind}: {','.join(cls.required_columns)}"
        if cls.optional_columns:
            shape += " " + _("(optional: %(columns)s)") % {"columns": ",".join(cls.optional_columns)}
        return shape

    def import_rows(self, rows: Sequence[CsvRow], result: FileImportResult, progress: ProgressWrapper) -> None:
        """Validate every row; write them all when none was rejected."""
        records = []
        for row in rows:
            problems: list[str] = []
            if len(row.cells) != len(self.header):
                problems.append(
                    _("has %(found)d fields where the header has %(expected)d")
                    % {"found": len(row.cells), "expected": len(self.header)}
                )
                record = None
            else:
                values = {name: cell.strip() for name, cell in zip(self.header, row.cells, strict=True)}
                record = self.validate_row(row.line, values, problems)
            if problems:
                result.row_errors.append(RowError(row.line, "; ".join(problems)))
            elif record is not None:
                records.append(record)
        if not result.row_errors:
            result.row_errors.extend(self.validate_records(records))
        result.row_errors.sort(key=lambda error: error.line)
        if not result.row_errors:
            self.write(records, result, progress)

    def country(self, iso3: str, problems: list[str]) -> Country | None:
        country = self.countries_by_iso3.get(iso3.upper())
        if country is None:
            problems.append(_("iso3: unknown country code “%(code)s”") % {"code": iso3})
        return country

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> Any:
        """Turn one row into a record, adding what is wrong with it to
        ``problems``."""
        raise NotImplementedError

    def validate_records(self, records: list[Any]) -> list[RowError]:
        """Checks across rows, once every row is valid on its own."""
        return []

    def write(self, records: list[Any], result: FileImportResult, progress: ProgressWrapper) -> None:
        raise NotImplementedError


@dataclass
class MembershipRecord:
    line: int
    group_code: str
    group_name: str
    country: Country
    is_electoral: bool = True


class RegionalGroupsImporter(ReferenceFileImporter):
    """The five UN regional groups and the countries in each, one row per
    membership. A country listed in two groups (Türkiye) keeps both; the
    WEOG one is the group it votes with."""

    kind = gettext_lazy("UN regional groups")
    required_columns = ("group_code", "group_name", "m49", "iso3", "name", "source")

    # The group a country listed in two groups votes with.
    ELECTORAL_GROUP_WHEN_IN_TWO = "WEOG"
    # The files carry no short names; these are the usual ones.
    SHORT_NAMES = {
        "AFRICAN": "African Group",
        "ASIA_PACIFIC": "Asia-Pacific Group",
        "EEG": "EEG",
        "GRULAC": "GRULAC",
        "WEOG": "WEOG",
    }

    def __init__(self, header: list[str]):
        super().__init__(header)
        self.group_names: dict[str, tuple[str, int]] = {}
        self.memberships_seen: dict[tuple[str, str], int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> MembershipRecord | None:
        code, name = values["group_code"].upper(), values["group_name"]
        if not code:
            problems.append(_("group_code: missing"))
        if not name:
            problems.append(_("group_name: missing"))
        check_length(code, "group_code", RegionalGroup._meta.get_field("code").max_length, problems)
        check_length(name, "group_name", RegionalGroup._meta.get_field("name").max_length, problems)
        if code and name:
            first_name, first_line = self.group_names.setdefault(code, (name, line))
            if first_name != name:
                problems.append(
                    _("group_name: group %(code)s is named “%(first)s” on line %(line)d")
                    % {
                        "code": code,
                        "first": first_name,
                        "line": first_line,
                    }
                )
        country = self.country(values["iso3"], problems)
        if country is None:
            return None
        m49 = values["m49"]
        if m49 and country.numeric and m49.zfill(3) != country.numeric:
            problems.append(
                _("m49: %(m49)s does not match %(iso3)s, whose ISO numeric code is %(numeric)s")
                % {"m49": m49, "iso3": country.iso3, "numeric": country.numeric}
            )
        first_line = self.memberships_seen.setdefault((code, country.iso3), line)
        if first_line != line:
            problems.append(
                _("%(iso3)s is already in %(code)s on line %(line)d")
                % {"iso3": country.iso3, "code": code, "line": first_line}
            )
        return MembershipRecord(line=line, group_code=code, group_name=name, country=country)

    def validate_records(self, records: list[MembershipRecord]) -> list[RowError]:
        """Decide each membership's electoral flag: the only group of a
        country, or WEOG for a country listed in two."""
        by_country: dict[str, list[MembershipRecord]] = {}
        for record in records:
            by_country.setdefault(record.country.iso3, []).append(record)
        errors = []
        for iso3, memberships in by_country.items():
            if len(memberships) == 1:
                continue
            codes = [membership.group_code for membership in memberships]
            if len(memberships) > 2 or self.ELECTORAL_GROUP_WHEN_IN_TWO not in codes:
                errors.extend(
                    RowError(
                        membership.line,
                        _(
                            "%(iso3)s is listed in the groups %(codes)s: a country may be in two groups "
                            "only when one of them is %(electoral)s, the group it votes with"
                        )
                        % {"iso3": iso3, "codes": ", ".join(codes), "electoral": self.ELECTORAL_GROUP_WHEN_IN_TWO},
                    )
                    for membership in memberships[1:]
                )
                continue
            for membership in memberships:
                membership.is_electoral = membership.group_code == self.ELECTORAL_GROUP_WHEN_IN_TWO
        return errors

    def write(self, records: list[MembershipRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        group_counts = result.related.setdefault(_("regional groups"), ChangeCounts())
        groups = {}
        for code, (name, _line) in self.group_names.items():
            groups[code], change = save_regional_group(
                code=code, name=name, default_short_name=self.SHORT_NAMES.get(code, "")
            )
            group_counts.add(change)
        for record in progress(records, str(self.kind)):
            _membership, change = save_regional_group_membership(
                group=groups[record.group_code], country=record.country, is_electoral=record.is_electoral
            )
            result.rows.add(change)


@dataclass
class PartyStatusRecord:
    line: int
    country: Country
    instrument: Instrument
    signature_on: datetime.date | None
    consent_on: datetime.date | None
    entry_into_force_on: datetime.date | None
    source_reference: str
    consent_kind: str | None


class PartyStatusImporter(ReferenceFileImporter):
    """Signature, consent to be bound and entry into force of each country
    for each instrument, in the shape of the ECOLEX membership data. A row
    without a consent date is a signatory only. The kind of consent is read
    from an optional ``consent_kind`` column; without it, what is stored is
    left alone."""

    kind = gettext_lazy("party status")
    required_columns = (
        "convention",
        "iso3",
        "name",
        "signature",
        "consent_to_be_bound",
        "entry_into_force",
        "EcolexID",
    )
    optional_columns = ("consent_kind",)

    # How ECOLEX names the instruments; their codes and short names are
    # accepted too.
    ECOLEX_INSTRUMENT_NAMES = {
        "basel": "BC",
        "basel ban amendment": "BAN",
        "rotterdam": "RC",
        "stockholm": "SC",
    }

    def __init__(self, header: list[str]):
        super().__init__(header)
        instruments = {instrument.code: instrument for instrument in Instrument.objects.all()}
        self.instruments_by_name: dict[str, Instrument] = {}
        for instrument in instruments.values():
            self.instruments_by_name[instrument.code.lower()] = instrument
            self.instruments_by_name[instrument.short_name.lower()] = instrument
        for name, code in self.ECOLEX_INSTRUMENT_NAMES.items():
            if code in instruments:
                self.instruments_by_name[name] = instruments[code]
        self.has_consent_kind = "consent_kind" in header
        self.seen: dict[tuple[str, str], int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> PartyStatusRecord | None:
        instrument = self.instruments_by_name.get(values["convention"].lower())
        if instrument is None:
            problems.append(_("convention: unknown convention “%(name)s”") % {"name": values["convention"]})
        country = self.country(values["iso3"], problems)
        signature_on = parse_iso_date(values["signature"], "signature", problems)
        consent_on = parse_iso_date(values["consent_to_be_bound"], "consent_to_be_bound", problems)
        entry_into_force_on = parse_iso_date(values["entry_into_force"], "entry_into_force", problems)
        if not values["signature"] and not values["consent_to_be_bound"]:
            problems.append(_("neither a signature nor a consent to be bound date"))
        source_reference = values["EcolexID"]
        check_length(
            source_reference, "EcolexID", PartyStatus._meta.get_field("source_reference").max_length, problems
        )
        consent_kind = None
        if self.has_consent_kind:
            consent_kind = values["consent_kind"].lower().replace(" ", "_")
            if consent_kind not in ConsentKind.values:
                problems.append(
                    _("consent_kind: “%(value)s” is not one of %(kinds)s")
                    % {
                        "value": values["consent_kind"],
                        "kinds": ", ".join(value for value in ConsentKind.values if value),
                    }
                )
        if country is None or instrument is None:
            return None
        first_line = self.seen.setdefault((country.iso3, instrument.code), line)
        if first_line != line:
            problems.append(
                _("%(iso3)s and %(convention)s are already on line %(line)d")
                % {"iso3": country.iso3, "convention": values["convention"], "line": first_line}
            )
        return PartyStatusRecord(
            line=line,
            country=country,
            instrument=instrument,
            signature_on=signature_on,
            consent_on=consent_on,
            entry_into_force_on=entry_into_force_on,
            source_reference=source_reference,
            consent_kind=consent_kind,
        )

    def write(self, records: list[PartyStatusRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        for record in progress(records, str(self.kind)):
            _party_status, change = save_party_status(
                country=record.country,
                instrument=record.instrument,
                signature_on=record.signature_on,
                consent_on=record.consent_on,
                entry_into_force_on=record.entry_into_force_on,
                source_reference=record.source_reference,
                consent_kind=record.consent_kind,
            )
            result.rows.add(change)


@dataclass
class RegionalCentreRecord:
    line: int
    slug: str
    name: str
    conventions: list[Instrument]
    host_country: Country
    city: str
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    source_url: str


class RegionalCentresImporter(ReferenceFileImporter):
    """The Basel and Stockholm regional centres, one row per centre. A
    centre is found again by the slug of its name; ``conventions`` lists the
    codes of the conventions it serves, separated by ``;`` (``BC;SC``).

    The ``city_confirmed_by_source`` column is not imported: it is a note
    on the sources for whoever compiles the file. Neither are the website
    and the countries served, which editors fill in."""

    kind = gettext_lazy("regional centres")
    required_columns = ("centre", "conventions", "country_iso2", "city", "lat", "lon", "geonameid", "source_url")

    # PositiveIntegerField holds up to this on every database Django supports.
    LARGEST_GEONAMEID = 2_147_483_647

    def __init__(self, header: list[str]):
        super().__init__(header)
        self.countries_by_iso2 = {country.iso2: country for country in self.countries_by_iso3.values()}
        self.instruments_by_code = {instrument.code: instrument for instrument in Instrument.objects.all()}
        self.slugs_seen: dict[str, int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> RegionalCentreRecord | None:
        name = values["centre"]
        slug = slugify(name)[: RegionalCentre._meta.get_field("slug").max_length].strip("-")
        if not name:
            problems.append(_("centre: missing"))
        elif not slug:
            problems.append(_("centre: “%(name)s” has no letters or digits to make a slug of") % {"name": name})
        else:
            first_line = self.slugs_seen.setdefault(slug, line)
            if first_line != line:
                problems.append(
                    _("centre: “%(name)s” has the slug “%(slug)s” of the centre on line %(line)d")
                    % {"name": name, "slug": slug, "line": first_line}
                )
        check_length(name, "centre", RegionalCentre._meta.get_field("name").max_length, problems)

        conventions: list[Instrument] = []
        codes = [code.strip().upper() for code in values["conventions"].split(";") if code.strip()]
        if not codes:
            problems.append(_("conventions: missing"))
        for code in dict.fromkeys(codes):
            instrument = self.instruments_by_code.get(code)
            if instrument is None:
                problems.append(
                    _("conventions: unknown convention code “%(code)s” (known: %(codes)s)")
                    % {"code": code, "codes": ", ".join(self.instruments_by_code)}
                )
            else:
                conventions.append(instrument)

        iso2 = values["country_iso2"]
        host_country = self.countries_by_iso2.get(iso2.upper())
        if host_country is None:
            problems.append(_("country_iso2: unknown country code “%(code)s”") % {"code": iso2})

        city = values["city"]
        check_length(city, "city", RegionalCentre._meta.get_field("city").max_length, problems)

        latitude = parse_degrees(values["lat"], "lat", 90, problems)
        longitude = parse_degrees(values["lon"], "lon", 180, problems)
        if bool(values["lat"]) != bool(values["lon"]):
            problems.append(_("lat, lon: give both or neither"))

        geonameid = None
        if values["geonameid"]:
            if values["geonameid"].isascii() and values["geonameid"].isdigit():
                geonameid = int(values["geonameid"])
            if geonameid is None or not 0 < geonameid <= self.LARGEST_GEONAMEID:
                problems.append(
                    _("geonameid: “%(value)s” is not a GeoNames ID (a positive whole number)")
                    % {"value": values["geonameid"]}
                )
                geonameid = None

        if host_country is None or not conventions or not slug:
            return None
        return RegionalCentreRecord(
            line=line,
            slug=slug,
            name=name,
            conventions=conventions,
            host_country=host_country,
            city=city,
            latitude=latitude,
            longitude=longitude,
            geonameid=geonameid,
            source_url=values["source_url"],
        )

    def write(self, records: list[RegionalCentreRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        for record in progress(records, str(self.kind)):
            _centre, change = save_regional_centre(
                slug=record.slug,
                name=record.name,
                conventions=record.conventions,
                host_country=record.host_country,
                city=record.city,
                latitude=record.latitude,
                longitude=record.longitude,
                geonameid=record.geonameid,
                source_url=record.source_url,
            )
            result.rows.add(change)


IMPORTERS: tuple[type[ReferenceFileImporter], ...] = (
    RegionalGroupsImporter,
    PartyStatusImporter,
    RegionalCentresImporter,
)


def importer_for_header(header: Sequence[str]) -> type[ReferenceFileImporter]:
    """The importer whose shape ``header`` has; a :class:`StructuralError`
    when there is none."""
    matching = [importer for importer in IMPORTERS if importer.accepts(header)]
    if len(matching) != 1:
        raise StructuralError(
            _("the header “%(header)s” is not of a known shape (%(shapes)s)")
            % {"header": ",".join(header), "shapes": "; ".join(importer.shape() for importer in IMPORTERS)}
        )
    return matching[0]


def import_reference_file(path: Path, progress: ProgressWrapper = without_progress) -> FileImportResult:
    """Import one file inside the caller's transaction. A file with any
    error writes nothing; the result says what was (or would be) done."""
    result = FileImportResult(path=path)
    try:
        header, rows = read_csv_file(path)
        importer = importer_for_header(header)(header)
    except StructuralError as error:
        result.structural_error = str(error)
        return result
    result.kind = str(importer.kind)
    importer.import_rows(rows, result, progress)
    return result


def import_reference_data(
    paths: Sequence[Path | str], *, dry_run: bool = False, progress: ProgressWrapper = without_progress
) -> ImportRunResult:
    """Load the countries, then import each file of ``paths`` in order, in
    one transaction.

    When any file is rejected, whole or in part, or with ``dry_run``, the
    transaction is rolled back: the result reports what would have changed
    and nothing is written."""
    with transaction.atomic():
        countries = load_countries()
        files = [import_reference_file(Path(path), progress) for path in paths]
        run = ImportRunResult(countries=countries, files=files, dry_run=dry_run)
        if not run.written:
            transaction.set_rollback(True)
    return run
