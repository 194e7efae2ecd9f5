"""Importers for the reference data files of the three conventions.

A run loads the countries (ISO 3166-1 and the European Union), then each file
given to it. The kind of a file is told by its header: the UN regional groups,
the party status of countries (ECOLEX shape), the regional centres, the
meetings, the COP decisions, the Stockholm annexes A, B and C, the Rotterdam
Annex III, the waste streams or the focal points. Newer files of the same
shape, with extra columns, import too. Files are imported in the order given:
decisions find their meetings, and waste streams their decisions, among the
rows of earlier files.

The project's rule: never half-import a file. A file that cannot be read as
UTF-8 CSV, or whose header has no known shape, is rejected whole; a file with
any invalid row is rejected with every invalid row reported by line number
(line 1 is the header). The whole run is one transaction, and a run with any
rejection (or a dry run) is rolled back: nothing is written.

What an editor changed in the admin stays as the editor left it when a later
import brings another value, unless the run is told to overwrite (see
services.save_imported); the result counts the values kept.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator, validate_slug
from django.db import models, transaction
from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .codes import CAS_NUMBER, DecisionCode, cas_check_digit_ok, parse_decision_code
from .constants import (
    ConsentKind,
    FocalPointKind,
    ListingAnnex,
    MeetingKind,
    MeetingStatus,
    ProfileKind,
    RotterdamCategory,
)
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
    ThematicArea,
)
from .services import (
    Change,
    ChangeCounts,
    load_countries,
    relate_decisions,
    save_chemical_profile,
    save_decision,
    save_focal_point,
    save_listing,
    save_meeting,
    save_party_status,
    save_regional_centre,
    save_regional_group,
    save_regional_group_membership,
)

DATA_DIRECTORY = Path(__file__).resolve().parent / "data"
# In this order: decisions link to the meetings imported before them, and
# waste streams to the decisions. The shipped Rotterdam Annex III file has a
# wrong CAS number and is rejected; its corrected copy is imported instead
# (see the data README).
DEFAULT_REFERENCE_FILES = (
    "un_regional_groups.csv",
    "parties_ecolex.csv",
    "regional_centres.csv",
    "meetings.csv",
    "cop_decisions_sample.csv",
    "stockholm_annexes_abc.csv",
    "rotterdam_annex_iii_corrected.csv",
    "waste_streams.csv",
)

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CLOCK_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?")
WHOLE_NUMBER = re.compile(r"\d{1,9}")
# A name ending in a parenthesis: "Polychlorinated biphenyls (PCB)", "DDT
# (1,1,1-trichloro-2,2-bis(4-chlorophenyl)ethane)" (one level of nesting).
TRAILING_PARENTHESIS = re.compile(r"(?P<name>.*?)\s*\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*", re.DOTALL)
# "14", or "Ex-1" for an extraordinary meeting.
COP_NUMBER = re.compile(r"(?P<ex>ex\s*[.-]?\s*)?(?P<number>\d{1,3})", re.IGNORECASE)
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

    @property
    def kept_edits(self) -> int:
        return self.rows.kept_edits + sum(counts.kept_edits for counts in self.related.values())


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
    def kept_edits(self) -> int:
        """Values left as editors changed them, though the files differ."""
        return sum(result.kept_edits for result in self.files)

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


def max_length(model: type[models.Model], name: str) -> int:
    return model._meta.get_field(name).max_length


def split_list(value: str) -> list[str]:
    """The items of a cell holding several, separated by ``;``, in order and
    each once."""
    return list(dict.fromkeys(item.strip() for item in value.split(";") if item.strip()))


def parse_clock_time(value: str, column: str, problems: list[str]) -> datetime.time | None:
    """The time of day in ``value`` (hh:mm, 24-hour clock), or None when blank."""
    if not value:
        return None
    if CLOCK_TIME.fullmatch(value):
        try:
            return datetime.time.fromisoformat(value)
        except ValueError:
            pass
    problems.append(
        _("%(column)s: “%(value)s” is not a time of day in the form hh:mm (24-hour clock)")
        % {"column": column, "value": value}
    )
    return None


def parse_whole_number(
    value: str, column: str, problems: list[str], *, minimum: int = 1, maximum: int = 32767
) -> int | None:
    """The whole number in ``value`` between ``minimum`` and ``maximum``, or None when blank."""
    if not value:
        return None
    if WHOLE_NUMBER.fullmatch(value) and minimum <= int(value) <= maximum:
        return int(value)
    problems.append(
        _("%(column)s: “%(value)s” is not a whole number between %(minimum)d and %(maximum)d")
        % {"column": column, "value": value, "minimum": minimum, "maximum": maximum}
    )
    return None


def check_url(value: str, column: str, limit: int, problems: list[str]) -> str:
    """``value`` when it is blank or a web address (http or https) of at most
    ``limit`` characters; otherwise it is added to ``problems``."""
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        problems.append(
            _("%(column)s: “%(value)s” is not a web address starting with http:// or https://")
            % {"column": column, "value": value}
        )
        return ""
    check_length(value, column, limit, problems)
    return value


def check_email(value: str, column: str, problems: list[str]) -> str:
    if not value:
        return ""
    try:
        EmailValidator()(value)
    except ValidationError:
        problems.append(_("%(column)s: “%(value)s” is not an email address") % {"column": column, "value": value})
        return ""
    return value


def parse_choice(value: str, column: str, choices: type[TextChoices], problems: list[str]) -> str | None:
    """The value of ``choices`` that ``value`` names, by its value or its
    English label, in any case; None (and a problem) when it names none."""
    wanted = value.strip().casefold()
    for choice in choices:
        if wanted and wanted in (str(choice.value).casefold(), str(choice.label).casefold()):
            return choice.value
    problems.append(
        _("%(column)s: “%(value)s” is not one of %(values)s")
        % {"column": column, "value": value, "values": ", ".join(str(choice.value) for choice in choices)}
    )
    return None


@functools.cache
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def describe_cas_problem(cas: str) -> str | None:
    """Why ``cas`` is not a valid CAS registry number, or None when it is
    (its last digit is a check digit: see codes.cas_check_digit_ok)."""
    match = CAS_NUMBER.fullmatch(cas)
    if not match:
        return _("“%(cas)s” is not written like a CAS registry number (e.g. 50-29-3)") % {"cas": cas}
    if cas_check_digit_ok(cas):
        return None
    right = next(digit for digit in range(10) if cas_check_digit_ok(f"{match[1]}-{match[2]}-{digit}"))
    return _("“%(cas)s” has a wrong check digit: it would be %(digit)d") % {"cas": cas, "digit": right}


def parse_cas_numbers(value: str, column: str, problems: list[str]) -> list[str]:
    """The CAS registry numbers in ``value`` (several separated by ``;``),
    each with a right check digit; the others are added to ``problems``."""
    numbers = []
    for cas in split_list(value):
        problem = describe_cas_problem(cas)
        if problem:
            problems.append(f"{column}: {problem}")
        else:
            numbers.append(cas)
    return numbers


def name_and_synonym(text: str) -> tuple[str, str]:
    """Split an annex's wording into the name of a profile and a synonym:
    "Polychlorinated biphenyls (PCB)" is named "Polychlorinated biphenyls",
    also known as "PCB". A closing parenthesis with spaces inside qualifies
    the listing ("HCH (mixed isomers)") and is left to the listing's entry."""
    match = TRAILING_PARENTHESIS.fullmatch(text.strip())
    if not match or not match["name"]:
        return text.strip(), ""
    inner = match["inner"].strip()
    return match["name"].strip(), "" if re.search(r"\s", inner) else inner


def slug_for(name: str, limit: int) -> str:
    """A slug made from ``name``, cut at a hyphen to at most ``limit`` characters."""
    slug = slugify(name)
    if len(slug) > limit:
        slug = slug[: limit + 1].rsplit("-", 1)[0]
    return slug.strip("-")


def instruments_by_name(
    instruments_by_code: dict[str, Instrument], other_names: dict[str, str]
) -> dict[str, Instrument]:
    """The instruments by lower-case code, short name and the ``other_names``
    files give them (e.g. "basel" for BC)."""
    by_name: dict[str, Instrument] = {}
    for instrument in instruments_by_code.values():
        by_name[instrument.code.lower()] = instrument
        by_name[instrument.short_name.lower()] = instrument
    for name, code in other_names.items():
        if code in instruments_by_code:
            by_name[name] = instruments_by_code[code]
    return by_name


class ReferenceFileImporter:
    """Imports one kind of reference file. A subclass names the columns of
    its shape, validates each row into a record, and writes the records."""

    kind: ClassVar[str | Promise]
    required_columns: ClassVar[tuple[str, ...]]
    optional_columns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, header: list[str], *, overwrite: bool = False):
        self.header = header
        # Replace what editors changed in the admin with the file's values.
        self.overwrite = overwrite
        self.countries_by_iso3 = {country.iso3: country for country in Country.objects.all()}
        self.instruments_by_code = {instrument.code: instrument for instrument in Instrument.objects.all()}

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

    def has(self, column: str) -> bool:
        """Whether the file has the optional ``column``."""
        return column in self.header

    def country(self, iso3: str, problems: list[str], column: str = "iso3") -> Country | None:
        country = self.countries_by_iso3.get(iso3.upper())
        if country is None:
            problems.append(_("%(column)s: unknown country code “%(code)s”") % {"column": column, "code": iso3})
        return country

    def conventions(self, value: str, column: str, problems: list[str]) -> list[Instrument]:
        """The instruments whose codes ``value`` lists, separated by ``;``."""
        conventions = []
        codes = [code.strip().upper() for code in value.split(";") if code.strip()]
        if not codes:
            problems.append(_("%(column)s: missing") % {"column": column})
        for code in dict.fromkeys(codes):
            instrument = self.instruments_by_code.get(code)
            if instrument is None:
                problems.append(
                    _("%(column)s: unknown convention code “%(code)s” (known: %(codes)s)")
                    % {"column": column, "code": code, "codes": ", ".join(self.instruments_by_code)}
                )
            else:
                conventions.append(instrument)
        return conventions

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

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
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

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.instruments_by_name = instruments_by_name(self.instruments_by_code, self.ECOLEX_INSTRUMENT_NAMES)
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
        kept: list[str] = []
        for record in progress(records, str(self.kind)):
            _party_status, change = save_party_status(
                country=record.country,
                instrument=record.instrument,
                signature_on=record.signature_on,
                consent_on=record.consent_on,
                entry_into_force_on=record.entry_into_force_on,
                source_reference=record.source_reference,
                consent_kind=record.consent_kind,
                overwrite=self.overwrite,
                kept=kept,
            )
            result.rows.add(change)
        result.rows.kept_edits += len(kept)


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

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.countries_by_iso2 = {country.iso2: country for country in self.countries_by_iso3.values()}
        self.slugs_seen: dict[str, int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> RegionalCentreRecord | None:
        name = values["centre"]
        slug = slugify(name)[: max_length(RegionalCentre, "slug")].strip("-")
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

        conventions = self.conventions(values["conventions"], "conventions", problems)

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
        kept: list[str] = []
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
                overwrite=self.overwrite,
                kept=kept,
            )
            result.rows.add(change)
        result.rows.kept_edits += len(kept)


@dataclass
class MeetingRecord:
    line: int
    slug: str
    conventions: list[Instrument]
    values: dict[str, Any]


class MeetingsImporter(ReferenceFileImporter):
    """Meetings of the joint calendar, one row per meeting, found again by
    its ``slug`` (calendar apps know a meeting by it). ``conventions`` lists
    convention codes separated by ``;``; dates are yyyy-mm-dd and times hh:mm
    in the meeting's IANA ``timezone``. A meeting without a country is
    online. ``source_url`` says where the facts come from and is not stored."""

    kind = gettext_lazy("meetings")
    required_columns = ("slug", "title", "kind", "conventions", "start_date", "end_date")
    optional_columns = (
        "number",
        "start_time",
        "end_time",
        "timezone",
        "city",
        "venue",
        "country_iso3",
        "online_url",
        "documents_url",
        "status",
        "description",
        "source_url",
    )
    TEXT_COLUMNS = ("title", "city", "venue", "description")

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.slugs_seen: dict[str, int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> MeetingRecord | None:
        slug = values["slug"]
        try:
            validate_slug(slug)
        except ValidationError:
            problems.append(
                _("slug: “%(slug)s” is not an identifier of letters, digits, hyphens and underscores") % {"slug": slug}
            )
        check_length(slug, "slug", max_length(Meeting, "slug"), problems)
        first_line = self.slugs_seen.setdefault(slug, line)
        if first_line != line:
            problems.append(_("slug: “%(slug)s” is already on line %(line)d") % {"slug": slug, "line": first_line})
        if not values["title"]:
            problems.append(_("title: missing"))
        fields: dict[str, Any] = {"title": values["title"]}
        for column in self.TEXT_COLUMNS[1:]:
            if self.has(column):
                fields[column] = values[column]
        for column in ("title", "city", "venue"):
            if column in fields:
                check_length(fields[column], column, max_length(Meeting, column), problems)
        fields["kind"] = parse_choice(values["kind"], "kind", MeetingKind, problems)
        conventions = self.conventions(values["conventions"], "conventions", problems)
        start_date = fields["start_date"] = parse_iso_date(values["start_date"], "start_date", problems)
        end_date = fields["end_date"] = parse_iso_date(values["end_date"], "end_date", problems)
        for column in ("start_date", "end_date"):
            if not values[column]:
                problems.append(_("%(column)s: missing") % {"column": column})
        if start_date and end_date and end_date < start_date:
            problems.append(
                _("end_date: the meeting ends (%(end)s) before it starts (%(start)s)")
                % {"end": end_date.isoformat(), "start": start_date.isoformat()}
            )
        if self.has("number"):
            fields["number"] = parse_whole_number(values["number"], "number", problems)
        for column in ("start_time", "end_time"):
            if self.has(column):
                fields[column] = parse_clock_time(values[column], column, problems)
        start_time, end_time = fields.get("start_time"), fields.get("end_time")
        if start_date and start_date == end_date and start_time and end_time and end_time <= start_time:
            problems.append(
                _("end_time: on a one-day meeting it must be after start_time (%(start)s)")
                % {"start": start_time.strftime("%H:%M")}
            )
        if self.has("timezone"):
            timezone = values["timezone"] or Meeting._meta.get_field("timezone").default
            if timezone not in known_time_zones():
                problems.append(
                    _("timezone: “%(value)s” is not an IANA time zone name such as Africa/Dakar")
                    % {"value": values["timezone"]}
                )
            fields["timezone"] = timezone
        if self.has("country_iso3"):
            fields["country"] = (
                self.country(values["country_iso3"], problems, "country_iso3") if values["country_iso3"] else None
            )
        for column in ("online_url", "documents_url"):
            if self.has(column):
                fields[column] = check_url(values[column], column, max_length(Meeting, column), problems)
        if self.has("source_url"):
            check_url(values["source_url"], "source_url", 500, problems)
        if self.has("status"):
            fields["status"] = (
                parse_choice(values["status"], "status", MeetingStatus, problems)
                if values["status"]
                else MeetingStatus.SCHEDULED
            )
        if problems:
            return None
        return MeetingRecord(line=line, slug=slug, conventions=conventions, values=fields)

    def write(self, records: list[MeetingRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        kept: list[str] = []
        for record in progress(records, str(self.kind)):
            _meeting, change = save_meeting(
                slug=record.slug,
                values=record.values,
                conventions=record.conventions,
                overwrite=self.overwrite,
                kept=kept,
            )
            result.rows.add(change)
        result.rows.kept_edits += len(kept)


@dataclass
class DecisionRecord:
    line: int
    code: DecisionCode
    instrument: Instrument
    title: str
    source_url: str | None = None
    summary: str | None = None
    year: int | None = None
    thematic_areas: list[ThematicArea] | None = None
    related: list[str] | None = None


def thematic_areas_by_slug() -> dict[str, ThematicArea]:
    """The vocabulary of thematic areas by slug (their English originals)."""
    return {area.slug: area for area in ThematicArea.objects.originals()}


def parse_thematic_areas(
    value: str, column: str, areas: dict[str, ThematicArea], problems: list[str]
) -> list[ThematicArea]:
    found = []
    for slug in split_list(value):
        area = areas.get(slug)
        if area is None:
            problems.append(
                _("%(column)s: unknown thematic area “%(slug)s” (known: %(slugs)s)")
                % {"column": column, "slug": slug, "slugs": ", ".join(areas)}
            )
        else:
            found.append(area)
    return found


def parse_decision_codes(value: str, column: str, problems: list[str]) -> list[str]:
    """The decision codes in ``value`` (several separated by ``;``), in their
    published form."""
    codes = []
    for text in split_list(value):
        code = parse_decision_code(text)
        if code is None:
            problems.append(
                _("%(column)s: “%(value)s” is not a decision code such as BC-14/12, SC-4/17 or BC.Ex-1/1")
                % {"column": column, "value": text}
            )
        else:
            codes.append(code.code)
    return list(dict.fromkeys(codes))


class DecisionsImporter(ReferenceFileImporter):
    """Decisions of the conferences of the Parties, one row per decision,
    found again by its code (stored as published: BC-14/12, BC.Ex-1/1). The
    code must agree with the ``convention`` and ``cop`` columns. A decision
    is linked to its meeting when the meetings imported before it include
    that conference (kind "cop", or "excop" for an extraordinary one, with
    the same convention and number).

    ``source_url`` may say "same as SC-1/1" for the address of another row,
    and may be followed by a note in parentheses, which is not stored.
    ``thematic_areas`` (slugs) and ``related`` (decision codes) hold several
    values separated by ``;``. An optional column the file lacks leaves what
    is stored as it is."""

    kind = gettext_lazy("COP decisions")
    required_columns = ("code", "convention", "cop", "title")
    optional_columns = ("source_url", "summary", "year", "thematic_areas", "related")
    CONVENTION_NAMES = {"basel": "BC", "rotterdam": "RC", "stockholm": "SC"}
    SAME_AS = re.compile(r"same as\s+(?P<code>\S+)", re.IGNORECASE)

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.instruments_by_name = instruments_by_name(self.instruments_by_code, self.CONVENTION_NAMES)
        self.areas = thematic_areas_by_slug() if self.has("thematic_areas") else {}
        self.codes_seen: dict[str, int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> DecisionRecord | None:
        code = parse_decision_code(values["code"])
        if code is None:
            problems.append(
                _("code: “%(value)s” is not a decision code such as BC-14/12, SC-4/17 or BC.Ex-1/1")
                % {"value": values["code"]}
            )
        else:
            first_line = self.codes_seen.setdefault(code.code, line)
            if first_line != line:
                problems.append(
                    _("code: %(code)s is already on line %(line)d") % {"code": code.code, "line": first_line}
                )
        instrument = self.instruments_by_name.get(values["convention"].lower())
        if instrument is None:
            problems.append(_("convention: unknown convention “%(name)s”") % {"name": values["convention"]})
        elif code is not None and instrument.code != code.convention:
            problems.append(
                _("convention: “%(name)s” does not match the code %(code)s")
                % {"name": values["convention"], "code": code.code}
            )
        cop = COP_NUMBER.fullmatch(values["cop"])
        if cop is None:
            problems.append(
                _("cop: “%(value)s” is not the number of a meeting such as 14 (or Ex-1)") % {"value": values["cop"]}
            )
        elif code is not None and (int(cop["number"]) != code.meeting or (cop["ex"] and not code.extraordinary)):
            problems.append(
                _("cop: “%(value)s” does not match the code %(code)s") % {"value": values["cop"], "code": code.code}
            )
        title = values["title"]
        if not title:
            problems.append(_("title: missing"))
        check_length(title, "title", max_length(Decision, "title"), problems)
        if code is None or instrument is None:
            return None
        record = DecisionRecord(line=line, code=code, instrument=instrument, title=title)
        if self.has("source_url"):
            record.source_url = values["source_url"]
            if not self.SAME_AS.fullmatch(values["source_url"]):
                record.source_url = check_url(
                    values["source_url"].split(" ", 1)[0], "source_url", max_length(Decision, "official_url"), problems
                )
        if self.has("summary"):
            record.summary = values["summary"]
        if self.has("year"):
            record.year = parse_whole_number(values["year"], "year", problems, minimum=1989, maximum=2100)
        if self.has("thematic_areas"):
            record.thematic_areas = parse_thematic_areas(
                values["thematic_areas"], "thematic_areas", self.areas, problems
            )
        if self.has("related"):
            related = parse_decision_codes(values["related"], "related", problems)
            record.related = [other for other in related if other != code.code]
        return record

    def validate_records(self, records: list[DecisionRecord]) -> list[RowError]:
        """Resolve "same as" addresses, and check that related decisions exist."""
        by_code = {record.code.code: record for record in records}
        errors = []
        for record in records:
            same_as = self.SAME_AS.fullmatch(record.source_url or "")
            if same_as:
                target = parse_decision_code(same_as["code"])
                other = by_code.get(target.code) if target else None
                if other is None or other.source_url is None or self.SAME_AS.fullmatch(other.source_url):
                    errors.append(
                        RowError(
                            record.line,
                            _("source_url: “%(value)s” names no row of this file with an address of its own")
                            % {"value": record.source_url},
                        )
                    )
                else:
                    record.source_url = other.source_url
        wanted = {code for record in records for code in record.related or []} - set(by_code)
        stored = set(Decision.objects.filter(code__in=wanted).values_list("code", flat=True))
        for record in records:
            missing = [code for code in record.related or [] if code not in by_code and code not in stored]
            if missing:
                errors.append(
                    RowError(
                        record.line,
                        _("related: %(codes)s neither in this file nor imported before")
                        % {"codes": ", ".join(missing)},
                    )
                )
        return errors

    def meetings_by_number(self) -> dict[tuple[str, str, int], Meeting]:
        """The earliest conference of the Parties of each kind, convention
        and number (a meeting held in two segments has two rows)."""
        meetings: dict[tuple[str, str, int], Meeting] = {}
        conferences = Meeting.objects.filter(kind__in=[MeetingKind.COP, MeetingKind.EXCOP], number__isnull=False)
        for meeting in conferences.prefetch_related("conventions").order_by("-start_date"):
            for instrument in meeting.conventions.all():
                meetings[(meeting.kind, instrument.code, meeting.number)] = meeting
        return meetings

    def write(self, records: list[DecisionRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        meetings = self.meetings_by_number()
        kept: list[str] = []
        changes: dict[str, Change] = {}
        decisions: dict[str, Decision] = {}
        for record in progress(records, str(self.kind)):
            code = record.code
            kind = MeetingKind.EXCOP if code.extraordinary else MeetingKind.COP
            values: dict[str, Any] = {
                "convention": record.instrument,
                "meeting_number": code.meeting,
                "is_extraordinary": code.extraordinary,
                "number": code.number,
                "meeting": meetings.get((kind, code.convention, code.meeting)),
                "title": record.title,
            }
            if record.source_url is not None:
                values["official_url"] = record.source_url
            if record.summary is not None:
                values["summary"] = record.summary
            if self.has("year"):
                values["year"] = record.year
            decision, change = save_decision(
                code=code.code,
                values=values,
                thematic_areas=record.thematic_areas,
                overwrite=self.overwrite,
                kept=kept,
            )
            decisions[code.code], changes[code.code] = decision, change
        if self.has("related"):
            # The relation goes both ways: a decision is related to those
            # that list it, too.
            related: dict[str, set[str]] = {record.code.code: set(record.related or []) for record in records}
            for code, others in list(related.items()):
                for other in others:
                    related.setdefault(other, set()).add(code)
            stored = {decision.code: decision for decision in Decision.objects.filter(code__in=set(related))}
            for record in records:
                code = record.code.code
                change = relate_decisions(
                    decisions[code],
                    [stored[other] for other in sorted(related[code])],
                    overwrite=self.overwrite,
                    kept=kept,
                )
                if change is Change.UPDATED and changes[code] is Change.UNCHANGED:
                    changes[code] = Change.UPDATED
        for change in changes.values():
            result.rows.add(change)
        result.rows.kept_edits += len(kept)


@dataclass
class ListingRecord:
    """One entry of one annex, as one or more rows of a file give it."""

    line: int
    slug: str
    name: str
    annex: str
    entry: str
    cas_numbers: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)
    category: str = ""
    source: str = ""
    specific_exemptions: str | None = None


class ChemicalListingsImporter(ReferenceFileImporter):
    """Shared by the annex files: each listing is saved with the chemical
    profile it belongs to. A profile is found by the slug of its name (the
    annex's wording without a closing parenthesis), so the same chemical in
    Stockholm and Rotterdam files has one profile with a listing for each;
    its CAS numbers and synonyms are those of every file."""

    def write(self, records: list[ListingRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        profiles: dict[str, ChemicalProfile] = {}
        profile_counts = result.related.setdefault(_("chemical profiles"), ChangeCounts())
        kept: list[str] = []
        by_slug: dict[str, list[ListingRecord]] = {}
        for record in records:
            by_slug.setdefault(record.slug, []).append(record)
        for slug, listings in by_slug.items():
            profiles[slug], change = save_chemical_profile(
                slug=slug,
                kind=ProfileKind.CHEMICAL,
                name=listings[0].name,
                cas_numbers=[cas for listing in listings for cas in listing.cas_numbers],
                synonyms=[synonym for listing in listings for synonym in listing.synonyms],
                accumulate=True,
                overwrite=self.overwrite,
                kept=kept,
            )
            profile_counts.add(change)
        profile_counts.kept_edits += len(kept)
        kept = []
        for record in progress(records, str(self.kind)):
            _listing, change = save_listing(
                profile=profiles[record.slug],
                annex=record.annex,
                entry=record.entry,
                category=record.category,
                source=record.source,
                specific_exemptions=record.specific_exemptions,
                overwrite=self.overwrite,
                kept=kept,
            )
            result.rows.add(change)
        result.rows.kept_edits += len(kept)

    def profile_name(self, text: str, column: str, problems: list[str]) -> tuple[str, str, str]:
        """The profile name, slug and synonym for an annex's wording."""
        name, synonym = name_and_synonym(text)
        check_length(name, column, max_length(ChemicalProfile, "name"), problems)
        slug = slug_for(name, max_length(ChemicalProfile, "slug"))
        if text and not slug:
            problems.append(
                _("%(column)s: “%(value)s” has no letters or digits to make a slug of")
                % {"column": column, "value": text}
            )
        return name, slug, synonym


class StockholmAnnexesImporter(ChemicalListingsImporter):
    """Chemicals listed in Annexes A (elimination), B (restriction) and C
    (unintentional production) of the Stockholm Convention, one row per
    chemical and annex; ``cas`` holds CAS numbers separated by ``;`` (or
    none). ``cas_from`` is a note on the source and is not imported.
    Rows are listings: the file's line counts them."""

    kind = gettext_lazy("Stockholm Convention annexes (listings)")
    required_columns = ("annex", "chemical", "cas", "cas_from", "source")
    optional_columns = ("specific_exemptions",)
    ANNEXES = {
        "A": ListingAnnex.SC_A,
        "B": ListingAnnex.SC_B,
        "C": ListingAnnex.SC_C,
        "SC-A": ListingAnnex.SC_A,
        "SC-B": ListingAnnex.SC_B,
        "SC-C": ListingAnnex.SC_C,
    }

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.listings_seen: dict[tuple[str, str], int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> ListingRecord | None:
        annex = self.ANNEXES.get(values["annex"].upper())
        if annex is None:
            problems.append(_("annex: “%(value)s” is not A, B or C") % {"value": values["annex"]})
        chemical = values["chemical"]
        if not chemical:
            problems.append(_("chemical: missing"))
        check_length(chemical, "chemical", max_length(Listing, "entry"), problems)
        name, slug, synonym = self.profile_name(chemical, "chemical", problems)
        cas_numbers = parse_cas_numbers(values["cas"], "cas", problems)
        if annex is not None and chemical:
            first_line = self.listings_seen.setdefault((annex, chemical.casefold()), line)
            if first_line != line:
                problems.append(
                    _("chemical: “%(chemical)s” is already listed in this annex on line %(line)d")
                    % {"chemical": chemical, "line": first_line}
                )
        if annex is None or not slug:
            return None
        return ListingRecord(
            line=line,
            slug=slug,
            name=name,
            annex=annex,
            entry=chemical,
            cas_numbers=cas_numbers,
            synonyms=[synonym] if synonym else [],
            source=values["source"],
            specific_exemptions=values["specific_exemptions"] if self.has("specific_exemptions") else None,
        )


@dataclass
class AnnexIIIRow:
    line: int
    entry: str
    component: str
    cas_numbers: list[str]
    category: str
    source: str


class RotterdamAnnexIIIImporter(ChemicalListingsImporter):
    """Chemicals listed in Annex III of the Rotterdam Convention (subject to
    prior informed consent). An entry with several components, or several
    CAS numbers, takes one row per component (or ``;`` between CAS numbers);
    the rows of one entry make one listing. Components are saved as the
    profile's synonyms, so that a search for "crocidolite" finds asbestos,
    except where the entry's wording ends unfinished ("containing a
    combination of") and the components complete it."""

    kind = gettext_lazy("Rotterdam Convention Annex III (listings)")
    required_columns = ("entry", "component", "cas", "category", "source")
    # "… containing a combination of" is finished by the entry's components.
    UNFINISHED_ENTRY = re.compile(r"(\bof|:)\s*$", re.IGNORECASE)

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.listings: list[ListingRecord] = []

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> AnnexIIIRow | None:
        entry = values["entry"]
        if not entry:
            problems.append(_("entry: missing"))
        check_length(entry, "entry", max_length(Listing, "entry"), problems)
        cas_numbers = parse_cas_numbers(values["cas"], "cas", problems)
        category = parse_choice(values["category"], "category", RotterdamCategory, problems)
        if not entry or category is None:
            return None
        return AnnexIIIRow(line, entry, values["component"], cas_numbers, category, values["source"])

    def validate_records(self, rows: list[AnnexIIIRow]) -> list[RowError]:
        """Merge the rows of each entry into one listing."""
        errors = []
        entries: dict[str, list[AnnexIIIRow]] = {}
        for row in rows:
            entries.setdefault(row.entry, []).append(row)
        listings = []
        for entry, entry_rows in entries.items():
            first = entry_rows[0]
            for row in entry_rows[1:]:
                if row.category != first.category:
                    errors.append(
                        RowError(
                            row.line,
                            _("category: “%(category)s” differs from “%(first)s” for the same entry on line %(line)d")
                            % {
                                "category": RotterdamCategory(row.category).label,
                                "first": RotterdamCategory(first.category).label,
                                "line": first.line,
                            },
                        )
                    )
            components = [row.component for row in entry_rows if row.component]
            problems: list[str] = []
            if components and self.UNFINISHED_ENTRY.search(entry):
                wording = " ".join([entry, *components])
                name, slug, synonym = self.profile_name(wording, "entry", problems)
                synonyms = [synonym] if synonym else []
            else:
                wording = entry
                name, slug, synonym = self.profile_name(entry, "entry", problems)
                synonyms = [*([synonym] if synonym else []), *components]
            check_length(wording, "entry", max_length(Listing, "entry"), problems)
            errors.extend(RowError(first.line, problem) for problem in problems)
            listings.append(
                ListingRecord(
                    line=first.line,
                    slug=slug,
                    name=name,
                    annex=ListingAnnex.RC_III,
                    entry=wording,
                    cas_numbers=[cas for row in entry_rows for cas in row.cas_numbers],
                    synonyms=synonyms,
                    category=first.category,
                    source=" ; ".join(dict.fromkeys(row.source for row in entry_rows if row.source)),
                )
            )
        self.listings = listings
        return errors

    def write(self, rows: list[AnnexIIIRow], result: FileImportResult, progress: ProgressWrapper) -> None:
        super().write(self.listings, result, progress)


@dataclass
class WasteStreamRecord:
    line: int
    slug: str
    name: str
    summary: str
    entries: list[str]
    decisions: list[Decision]
    thematic_areas: list[ThematicArea]


class WasteStreamsImporter(ReferenceFileImporter):
    """Waste streams under the Basel Convention, one row per stream, found
    again by its ``slug``. ``entries`` lists the Basel annex entries that
    cover it, separated by ``;`` (each becomes a listing), ``decision_codes``
    the decisions about it and ``thematic_areas`` the slugs of its topics;
    the decisions must have been imported before (an earlier file of the
    run will do)."""

    kind = gettext_lazy("waste streams")
    required_columns = ("slug", "name", "summary", "entries", "decision_codes", "thematic_areas")

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.areas = thematic_areas_by_slug()
        self.decisions = {decision.code: decision for decision in Decision.objects.all()}
        self.slugs_seen: dict[str, int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> WasteStreamRecord | None:
        slug, name = values["slug"], values["name"]
        try:
            validate_slug(slug)
        except ValidationError:
            problems.append(
                _("slug: “%(slug)s” is not an identifier of letters, digits, hyphens and underscores") % {"slug": slug}
            )
        check_length(slug, "slug", max_length(ChemicalProfile, "slug"), problems)
        first_line = self.slugs_seen.setdefault(slug, line)
        if first_line != line:
            problems.append(_("slug: “%(slug)s” is already on line %(line)d") % {"slug": slug, "line": first_line})
        if not name:
            problems.append(_("name: missing"))
        check_length(name, "name", max_length(ChemicalProfile, "name"), problems)
        entries = split_list(values["entries"])
        if not entries:
            problems.append(_("entries: missing"))
        for entry in entries:
            check_length(entry, "entries", max_length(Listing, "entry"), problems)
        decisions = []
        for code in parse_decision_codes(values["decision_codes"], "decision_codes", problems):
            decision = self.decisions.get(code)
            if decision is None:
                problems.append(
                    _("decision_codes: %(code)s has not been imported (import the decisions file first)")
                    % {"code": code}
                )
            else:
                decisions.append(decision)
        areas = parse_thematic_areas(values["thematic_areas"], "thematic_areas", self.areas, problems)
        if problems:
            return None
        return WasteStreamRecord(line, slug, name, values["summary"], entries, decisions, areas)

    def write(self, records: list[WasteStreamRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        listing_counts = result.related.setdefault(_("listings"), ChangeCounts())
        kept: list[str] = []
        listings_kept: list[str] = []
        for record in progress(records, str(self.kind)):
            profile, change = save_chemical_profile(
                slug=record.slug,
                kind=ProfileKind.WASTE,
                name=record.name,
                cas_numbers=[],
                synonyms=[],
                summary=record.summary,
                thematic_areas=record.thematic_areas,
                decisions=record.decisions,
                overwrite=self.overwrite,
                kept=kept,
            )
            result.rows.add(change)
            for entry in record.entries:
                _listing, change = save_listing(
                    profile=profile, annex=ListingAnnex.BC, entry=entry, overwrite=self.overwrite, kept=listings_kept
                )
                listing_counts.add(change)
        result.rows.kept_edits += len(kept)
        listing_counts.kept_edits += len(listings_kept)


@dataclass
class FocalPointRecord:
    line: int
    country: Country
    kind: str
    organisation: str
    office: str
    values: dict[str, Any]


class FocalPointsImporter(ReferenceFileImporter):
    """Focal points as the conventions publish them, one row per entry,
    found again by country, kind, organisation and office (the published
    lists carry no identifier). ``kind`` is one of FocalPointKind, by value
    or English label. Optional columns a file lacks leave what is stored as
    it is. The file is personal data: the shipped one is fictional."""

    kind = gettext_lazy("focal points")
    required_columns = ("country_iso3", "kind", "organisation")
    optional_columns = (
        "office",
        "person",
        "position",
        "address",
        "phone",
        "fax",
        "email",
        "website",
        "source_url",
        "updated_on",
    )
    TEXT_COLUMNS = ("person", "position", "address", "phone", "fax")

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.seen: dict[tuple[str, str, str, str], int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> FocalPointRecord | None:
        country = self.country(values["country_iso3"], problems, "country_iso3")
        kind = parse_choice(values["kind"], "kind", FocalPointKind, problems)
        organisation = values["organisation"]
        office = values["office"] if self.has("office") else ""
        if not organisation:
            problems.append(_("organisation: missing"))
        for column, value in (("organisation", organisation), ("office", office)):
            check_length(value, column, max_length(FocalPoint, column), problems)
        fields: dict[str, Any] = {}
        for column in self.TEXT_COLUMNS:
            if self.has(column):
                fields[column] = values[column]
                if column != "address":
                    check_length(values[column], column, max_length(FocalPoint, column), problems)
        if self.has("email"):
            fields["email"] = check_email(values["email"], "email", problems)
        for column in ("website", "source_url"):
            if self.has(column):
                fields[column] = check_url(values[column], column, max_length(FocalPoint, column), problems)
        if self.has("updated_on"):
            fields["updated_on"] = parse_iso_date(values["updated_on"], "updated_on", problems)
        if country is None or kind is None:
            return None
        key = (country.iso3, kind, organisation.casefold(), office.casefold())
        first_line = self.seen.setdefault(key, line)
        if first_line != line:
            problems.append(
                _("the same country, kind, organisation and office are already on line %(line)d")
                % {"line": first_line}
            )
        return FocalPointRecord(line, country, kind, organisation, office, fields)

    def write(self, records: list[FocalPointRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        kept: list[str] = []
        for record in progress(records, str(self.kind)):
            _focal_point, change = save_focal_point(
                country=record.country,
                kind=record.kind,
                organisation=record.organisation,
                office=record.office,
                values=record.values,
                overwrite=self.overwrite,
                kept=kept,
            )
            result.rows.add(change)
        result.rows.kept_edits += len(kept)


IMPORTERS: tuple[type[ReferenceFileImporter], ...] = (
    RegionalGroupsImporter,
    PartyStatusImporter,
    RegionalCentresImporter,
    MeetingsImporter,
    DecisionsImporter,
    StockholmAnnexesImporter,
    RotterdamAnnexIIIImporter,
    WasteStreamsImporter,
    FocalPointsImporter,
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


def import_reference_file(
    path: Path, progress: ProgressWrapper = without_progress, *, overwrite: bool = False
) -> FileImportResult:
    """Import one file inside the caller's transaction. A file with any
    error writes nothing; the result says what was (or would be) done.
    With ``overwrite``, values editors changed are replaced with the file's."""
    result = FileImportResult(path=path)
    try:
        header, rows = read_csv_file(path)
        importer = importer_for_header(header)(header, overwrite=overwrite)
    except StructuralError as error:
        result.structural_error = str(error)
        return result
    result.kind = str(importer.kind)
    importer.import_rows(rows, result, progress)
    return result


def import_reference_data(
    paths: Sequence[Path | str],
    *,
    dry_run: bool = False,
    overwrite: bool = False,
    progress: ProgressWrapper = without_progress,
) -> ImportRunResult:
    """Load the countries, then import each file of ``paths`` in order, in
    one transaction.

    When any file is rejected, whole or in part, or with ``dry_run``, the
    transaction is rolled back: the result reports what would have changed
    and nothing is written. Values editors changed in the admin are kept
    unless ``overwrite``."""
    with transaction.atomic():
        countries = load_countries()
        files = [import_reference_file(Path(path), progress, overwrite=overwrite) for path in paths]
        run = ImportRunResult(countries=countries, files=files, dry_run=dry_run)
        if not run.written:
            transaction.set_rollback(True)
    return run
