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

from core import page_cache

from .codes import CAS_NUMBER, DecisionCode, cas_check_digit_ok, decision_codes_in, parse_decision_code
from .constants import (
    ConsentKind,
    FocalPointKind,
    ListingAnnex,
    MeetingKind,
    MeetingStatus,
    ProfileKind,
    RotterdamCategory,
    SourceStatus,
    TitleStatus,
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
# In this order: the sourced centres file finds the centres (and their map
# coordinates) of the older one, the sourced meetings those of the calendar
# file, decisions link to the meetings imported before them, listings to
# their decisions, and waste streams to the decisions. The older annex files
# (stockholm_annexes_abc.csv, rotterdam_annex_iii*.csv) are still accepted,
# but the sourced listing files supersede them (see the data README).
DEFAULT_REFERENCE_FILES = (
    "un_regional_groups.csv",
    "parties_ecolex.csv",
    "regional_centres.csv",
    "regional_centres_served.csv",
    "meetings.csv",
    "meetings_cops.csv",
    "cop_decisions_sample.csv",
    "decisions_other_confirmed.csv",
    "decisions_recent.csv",
    "stockholm_listings.csv",
    "rotterdam_annex_iii_listings.csv",
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
# "2019", or "2021-2022" for a decision of a meeting held in two segments.
YEAR_OR_YEARS = re.compile(r"(?P<first>\d{4})(?:\s*[-–]\s*(?P<last>\d{4}))?")
# "III/1" or "BC-III/1": a meeting numbered in Roman numerals.
ROMAN_DECISION_CODE = re.compile(r"(?:(?P<convention>BC|RC|SC)-)?(?P<meeting>[IVXL]{1,7})/(?P<number>\d{1,3})", re.I)
URL_IN_TEXT = re.compile(r"https?://[^\s;]+")

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
    # Where the file and what is stored (or its own sources) disagree: the
    # file is imported as it says, and the conflict is reported to check.
    conflicts: list[RowError] = field(default_factory=list)
    # Rows a file that lists a whole annex removed, by a readable label:
    # listings of older files it supersedes, profiles left without a listing.
    removed: dict[str, int] = field(default_factory=dict)

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


def roman_number(text: str) -> int | None:
    """The number a Roman numeral up to L writes (III → 3, IX → 9), or None."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    text = text.upper()
    total = 0
    for index, letter in enumerate(text):
        value = values[letter]
        following = values[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    numerals = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    tens = ["", "X", "XX", "XXX", "XL", "L"]
    if not 0 < total <= 50 or tens[total // 10] + numerals[total % 10] != text:
        return None
    return total


def parse_year(value: str, column: str, problems: list[str]) -> int | None:
    """The year in ``value``; of "2021-2022" (a decision of a meeting held in
    two segments, finally adopted in the second), the later one."""
    if not value:
        return None
    match = YEAR_OR_YEARS.fullmatch(value)
    year = int(match["last"] or match["first"]) if match else None
    if year is None or not 1989 <= year <= 2100 or (match["last"] and int(match["first"]) > year):
        problems.append(
            _("%(column)s: “%(value)s” is not a year between 1989 and 2100 (or two, such as 2021-2022)")
            % {"column": column, "value": value}
        )
        return None
    return year


def parse_source_status(value: str, column: str, problems: list[str]) -> str | None:
    """The :class:`SourceStatus` a flag names: "confirmed", "inferred",
    "unconfirmed", or blank and "n/a" for not stated."""
    wanted = value.strip().casefold()
    if wanted in ("", "n/a", "na", "-"):
        return SourceStatus.NOT_STATED
    for status in SourceStatus:
        if status.value and wanted == status.value:
            return status.value
    problems.append(
        _("%(column)s: “%(value)s” is not one of confirmed, inferred, unconfirmed or n/a")
        % {"column": column, "value": value}
    )
    return None


def parse_title_status(value: str, column: str, problems: list[str]) -> str | None:
    """The :class:`TitleStatus` the start of ``value`` names: "exact",
    "paraphrased" or "content only", possibly followed by a note on the
    source ("paraphrased (from Czech translation)")."""
    wanted = value.strip().casefold()
    if not wanted:
        return TitleStatus.NOT_STATED
    for status, words in (
        (TitleStatus.EXACT, "exact"),
        (TitleStatus.PARAPHRASED, "paraphrased"),
        (TitleStatus.CONTENT, "content only"),
    ):
        if re.match(rf"{words}\b", wanted):
            return status.value
    problems.append(
        _("%(column)s: “%(value)s” does not start with exact, paraphrased or content only")
        % {"column": column, "value": value}
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


def parse_cas_numbers(
    value: str, column: str, problems: list[str], stored: dict[str, tuple[str, str]] | None = None
) -> list[str]:
    """The CAS registry numbers in ``value`` (several separated by ``;``),
    each with a right check digit; the others are added to ``problems``,
    with the number stored from another file that starts the same way, if
    any (``stored``: the chemical and its number by the first two groups)."""
    numbers = []
    for cas in split_list(value):
        problem = describe_cas_problem(cas)
        if problem:
            known = (stored or {}).get(cas.rsplit("-", 1)[0])
            if known and known[1] != cas:
                problem += " " + _("(another file gave %(chemical)s the number %(cas)s)") % {
                    "chemical": known[0],
                    "cas": known[1],
                }
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


# What a sourced file records in the imported values of a row it created:
# it may correct that row on a later run, where a row another file stored
# keeps that file's values and a difference is reported as a conflict.
SOURCED_KEY, SOURCED_VALUE = "_created_by", "sourced file"


def created_by_sourced_file(instance: models.Model | None) -> bool:
    return instance is not None and (instance.imported_values or {}).get(SOURCED_KEY) == SOURCED_VALUE


def mark_created_by_sourced_file(instance: models.Model) -> None:
    instance.imported_values = {**(instance.imported_values or {}), SOURCED_KEY: SOURCED_VALUE}
    instance.save(update_fields=["imported_values"])


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
    title_status: str | None = None
    keywords: str | None = None
    source: str | None = None


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
    required_columns = ("code", "convention", "title")
    optional_columns = (
        "cop",
        "source_url",
        "summary",
        "year",
        "thematic_areas",
        "related",
        "title_status",
        "keywords",
        "source",
        "meeting",
    )
    CONVENTION_NAMES = {"basel": "BC", "rotterdam": "RC", "stockholm": "SC"}
    SAME_AS = re.compile(r"same as\s+(?P<code>\S+)", re.IGNORECASE)

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.instruments_by_name = instruments_by_name(self.instruments_by_code, self.CONVENTION_NAMES)
        self.areas = thematic_areas_by_slug() if self.has("thematic_areas") else {}
        self.codes_seen: dict[str, int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> DecisionRecord | None:
        code = parse_decision_code(values["code"]) or self.numbered_code(values["code"], values["convention"])
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
        cop = COP_NUMBER.fullmatch(values["cop"]) if self.has("cop") else None
        if not self.has("cop"):
            pass
        elif cop is None:
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
            record.year = parse_year(values["year"], "year", problems)
        if self.has("title_status"):
            record.title_status = parse_title_status(values["title_status"], "title_status", problems)
        if self.has("keywords"):
            record.keywords = values["keywords"]
            check_length(values["keywords"], "keywords", max_length(Decision, "keywords"), problems)
        if self.has("source"):
            record.source = values["source"]
            if not self.has("source_url"):
                # The first address of the sources is the one a reader follows.
                first = URL_IN_TEXT.search(values["source"])
                record.source_url = first[0] if first and len(first[0]) <= max_length(Decision, "official_url") else ""
        if self.has("thematic_areas"):
            record.thematic_areas = parse_thematic_areas(
                values["thematic_areas"], "thematic_areas", self.areas, problems
            )
        if self.has("related"):
            related = parse_decision_codes(values["related"], "related", problems)
            record.related = [other for other in related if other != code.code]
        return record

    def numbered_code(self, text: str, convention: str) -> DecisionCode | None:
        """A code as early decisions were numbered, the meeting in Roman
        numerals and the convention in the ``convention`` column ("III/1",
        or "BC-III/1", for Basel's Ban Amendment: BC-3/1)."""
        match = ROMAN_DECISION_CODE.fullmatch(text.strip())
        instrument = self.instruments_by_name.get(convention.lower())
        if match is None or instrument is None or instrument.code not in ("BC", "RC", "SC"):
            return None
        if match["convention"] and match["convention"].upper() != instrument.code:
            return None
        meeting = roman_number(match["meeting"])
        if meeting is None:
            return None
        return DecisionCode(instrument.code, False, meeting, int(match["number"]))

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
        stored_titles = (
            {
                decision.code: decision.imported_values.get("title")
                for decision in Decision.objects.filter(code__in=set(by_code)).only("code", "imported_values")
                if not created_by_sourced_file(decision)
            }
            if self.has("title_status")
            else {}
        )
        self.conflicts = [
            RowError(
                record.line,
                _("%(code)s: titled “%(title)s” here, “%(stored)s” by an earlier file")
                % {"code": record.code.code, "title": record.title, "stored": stored_titles[record.code.code]},
            )
            for record in records
            if stored_titles.get(record.code.code) and stored_titles[record.code.code] != record.title
        ]
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
        result.conflicts.extend(self.conflicts)
        meetings = self.meetings_by_number()
        # A sourced file (with title_status) keeps the title and address
        # another file stored; the differences are reported as conflicts.
        stored = (
            {decision.code: decision for decision in Decision.objects.filter(code__in=[r.code.code for r in records])}
            if self.has("title_status")
            else {}
        )
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
            for name in ("title_status", "keywords", "source"):
                if getattr(record, name) is not None:
                    values[name] = getattr(record, name)
            before = stored.get(code.code)
            if before is not None and not created_by_sourced_file(before):
                if before.title and before.title != record.title:
                    del values["title"]
                    values.pop("title_status", None)
                if before.official_url and before.official_url != values.get("official_url", before.official_url):
                    del values["official_url"]
            decision, change = save_decision(
                code=code.code,
                values=values,
                thematic_areas=record.thematic_areas,
                overwrite=self.overwrite,
                kept=kept,
            )
            if change is Change.CREATED and self.has("title_status"):
                mark_created_by_sourced_file(decision)
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
    # What the sourced listing files add (see services.save_listing).
    sourced: dict[str, Any] | None = None


# Words too common in the annexes' wording to say two entries are one chemical.
COMMON_WORDS = frozenset(
    "acid acids and salts salt esters ester ether ethers compounds related its their isomers commercial "
    "technical mixed formulations containing including other with".split()
)


def name_words(names: Iterable[str]) -> set[str]:
    """The significant words of a chemical's names, lower-cased."""
    return {
        word
        for name in names
        for word in re.findall(r"[a-z0-9-]{4,}", name.casefold())
        if word not in COMMON_WORDS and not word.isdigit()
    }


def profile_slugs_by_cas(records: Sequence[ListingRecord]) -> dict[str, str]:
    """The profile each record's slug belongs to: two entries worded
    differently that share a CAS number and a name are one chemical (the
    PFOS of Stockholm Annex B and of Rotterdam Annex III; crocidolite, whose
    entry was deleted, and asbestos, which lists it). A formulation (a
    severely hazardous pesticide formulation) is never merged with the
    chemicals it contains, nor a group with a member that shares none of its
    names (polybrominated biphenyls and hexabromobiphenyl). A stored profile
    keeps its slug; otherwise one with an entry in force, else the first."""
    stored_names: dict[str, set[str]] = {}
    stored: dict[str, list[str]] = {}
    for slug, name, synonyms, numbers in ChemicalProfile.objects.filter(kind=ProfileKind.CHEMICAL).values_list(
        "slug", "name", "synonyms", "cas_numbers"
    ):
        stored_names[slug] = name_words([name, *(synonyms or [])])
        for cas in numbers or []:
            stored.setdefault(cas, []).append(slug)
    names: dict[str, set[str]] = {}
    formulations = set()
    for record in records:
        names.setdefault(record.slug, set()).update(name_words([record.name, record.entry, *record.synonyms]))
        if record.category == RotterdamCategory.SHPF:
            formulations.add(record.slug)
    stored_slugs = set(stored_names) & set(names)
    parent: dict[str, str] = {}

    def root(slug: str) -> str:
        while parent.get(slug, slug) != slug:
            slug = parent[slug]
        return slug

    current = {record.slug for record in records if not (record.sourced or {}).get("is_deleted")}

    def join(first: str, second: str) -> None:
        if first in formulations or second in formulations:
            return
        if not (names.get(first, stored_names.get(first, set())) & names.get(second, stored_names.get(second, set()))):
            return
        first, second = root(first), root(second)
        if first != second:
            if (second in stored_slugs, second in current) > (first in stored_slugs, first in current):
                first, second = second, first
            parent[second] = first

    by_cas: dict[str, list[str]] = {}
    for record in records:
        parent.setdefault(record.slug, record.slug)
        for cas in record.cas_numbers:
            for other in stored.get(cas, []):
                if other != record.slug and other not in names:
                    parent.setdefault(other, other)
                    stored_slugs.add(other)
                join(other, record.slug)
            for other in by_cas.setdefault(cas, []):
                join(other, record.slug)
            by_cas[cas].append(record.slug)
    return {record.slug: root(record.slug) for record in records}


class ChemicalListingsImporter(ReferenceFileImporter):
    """Shared by the annex files: each listing is saved with the chemical
    profile it belongs to. A profile is found by the slug of its name (the
    annex's wording without a closing parenthesis), so the same chemical in
    Stockholm and Rotterdam files has one profile with a listing for each;
    its CAS numbers and synonyms are those of every file."""

    @functools.cached_property
    def stored_cas(self) -> dict[str, tuple[str, str]]:
        """The chemical and CAS number stored by earlier files, by the
        number's first two groups: a wrong number is reported with the
        right one another file gave (aldicarb's 116-06-03 and 116-06-3)."""
        stored = {}
        for name, numbers in ChemicalProfile.objects.values_list("name", "cas_numbers"):
            for cas in numbers or []:
                stored.setdefault(cas.rsplit("-", 1)[0], (name, cas))
        return stored

    def write(self, records: list[ListingRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        profiles: dict[str, ChemicalProfile] = {}
        profile_counts = result.related.setdefault(_("chemical profiles"), ChangeCounts())
        kept: list[str] = []
        merged = profile_slugs_by_cas(records)
        by_slug: dict[str, list[ListingRecord]] = {}
        for record in records:
            by_slug.setdefault(merged[record.slug], []).append(record)
        for slug, listings in by_slug.items():
            names = [listing.name for listing in listings]
            profiles[slug], change = save_chemical_profile(
                slug=slug,
                kind=ProfileKind.CHEMICAL,
                name=next((listing.name for listing in listings if listing.slug == slug), names[0]),
                cas_numbers=[cas for listing in listings for cas in listing.cas_numbers],
                synonyms=[*names, *(synonym for listing in listings for synonym in listing.synonyms)],
                accumulate=True,
                overwrite=self.overwrite,
                kept=kept,
            )
            profile_counts.add(change)
        profile_counts.kept_edits += len(kept)
        kept = []
        self.written: set[int] = set()
        for record in progress(records, str(self.kind)):
            listing, change = save_listing(
                profile=profiles[merged[record.slug]],
                annex=record.annex,
                entry=record.entry,
                category=record.category,
                source=record.source,
                specific_exemptions=record.specific_exemptions,
                sourced=record.sourced,
                overwrite=self.overwrite,
                kept=kept,
            )
            self.written.add(listing.pk)
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
        cas_numbers = parse_cas_numbers(values["cas"], "cas", problems, self.stored_cas)
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
        cas_numbers = parse_cas_numbers(values["cas"], "cas", problems, self.stored_cas)
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


# The sourced files of the second round (see the data README): each row
# carries its source and flags what could not be confirmed.

# How the listing files name a listing that is in the treaty's own text.
ORIGINAL_LISTING = re.compile(r"original\b", re.IGNORECASE)
# Words of the notes that flag a date, a place or a fact as not confirmed,
# or sources that disagree ("… says 13 Dec, … say 14 Dec").
UNCONFIRMED_NOTE = re.compile(
    r"unconfirmed|not confirmed|general knowledge|inferred|tentative|not in the stored|\bsays?\b.*\bsays?\b",
    re.IGNORECASE,
)


def disputed_codes(notes: str) -> list[DecisionCode]:
    """The decision codes a clause of ``notes`` says another source cites
    for the same listing ("a 2013 Basel decision text cites SC-6/11 for
    this listing")."""
    return [
        code
        for clause in notes.split(";")
        if re.search(r"\bcites?\b.*\bfor this listing\b|\binstead of\b", clause, re.IGNORECASE)
        for code in decision_codes_in(clause)
    ]


def abbreviations(value: str) -> list[str]:
    """The names an abbreviation cell gives: "HBCD / HBCDD", "PFOS, PFOSF",
    "tetraBDE/pentaBDE (c-PentaBDE)", "decaBDE (BDE-209)"."""
    return list(dict.fromkeys(part.strip() for part in re.split(r"[/,()]", value) if part.strip()))


def component_names(components: list[str]) -> list[str]:
    """The names of an entry's components, completed where a list shortens
    them: "tributyltin oxide; fluoride; methacrylate" names tributyltin
    fluoride and tributyltin methacrylate."""
    names = []
    first_words = components[0].split() if components else []
    for component in components:
        if (
            len(first_words) > 1
            and re.fullmatch(r"[a-z]+", component)
            and re.fullmatch(r"[a-z]+", first_words[-1])
            and component != components[0]
        ):
            component = f"{first_words[0]} {component}"
        names.append(component)
    return names


class SourcedListingsImporter(ChemicalListingsImporter):
    """Shared by the sourced listing files: one row per listing decision,
    with the code of the decision, how sure the source is of it
    (``decision_code_status``), the year and notes. A listing is linked to
    its decision when that decision has been imported (an earlier file of
    the run will do); its code is kept either way and shown with its status.

    Conflicts between sources are reported, not rejected: notes naming
    another decision of the same convention for the listing (HBCD: SC-6/13,
    though a Basel text cites SC-6/11), a decision whose title names another
    chemical of the file (RC-5/3 is the listing of alachlor)."""

    convention_code: ClassVar[str]
    annexes: ClassVar[tuple[str, ...]]
    decision_column: ClassVar[str] = "listing_decision"
    year_column: ClassVar[str]

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.decisions = {
            decision.code: decision for decision in Decision.objects.filter(code__startswith=self.convention_code)
        }
        self.conflicts: list[RowError] = []

    def sourced_values(self, values: dict[str, str], problems: list[str]) -> dict[str, Any]:
        """The listing decision, its status, the year and the notes of a row."""
        text = values[self.decision_column]
        code = None
        if text and not ORIGINAL_LISTING.match(text):
            code = parse_decision_code(text)
            if code is None or code.convention != self.convention_code:
                problems.append(
                    _(
                        "%(column)s: “%(value)s” is neither “original” nor a decision code "
                        "of this convention such as %(example)s"
                    )
                    % {"column": self.decision_column, "value": text, "example": f"{self.convention_code}-4/17"}
                )
        status = parse_source_status(values["decision_code_status"], "decision_code_status", problems)
        if code is None and status in (SourceStatus.CONFIRMED, SourceStatus.INFERRED) and text and not problems:
            problems.append(
                _("decision_code_status: “%(value)s” but no decision code is given")
                % {"value": values["decision_code_status"]}
            )
        year = parse_year(values[self.year_column], self.year_column, problems)
        notes = values.get("notes", "")
        sourced_status = (status or "") if code else SourceStatus.NOT_STATED
        if ORIGINAL_LISTING.match(text) and UNCONFIRMED_NOTE.search(values.get("notes", "")):
            # In the original text, says the file, but from general knowledge
            # (Rotterdam's original-vs-interim classification).
            sourced_status = SourceStatus.UNCONFIRMED
        return {
            "decision_code": code.code if code else "",
            "decision_status": sourced_status,
            "decision": self.decisions.get(code.code) if code else None,
            "year_listed": year,
            "in_original_text": bool(ORIGINAL_LISTING.match(text)),
            "notes": notes,
        }

    def validate_records(self, records: list[ListingRecord]) -> list[RowError]:
        errors = super().validate_records(records)
        if errors:
            return errors
        self.find_conflicts(records)
        return []

    def find_conflicts(self, records: list[ListingRecord]) -> None:
        names_by_slug: dict[str, set[str]] = {}
        for record in records:
            names_by_slug.setdefault(record.slug, set()).update(
                name.casefold() for name in [record.name, *record.synonyms] if len(name) > 2
            )

        for record in records:
            sourced = record.sourced or {}
            code = sourced.get("decision_code", "")
            if not code:
                continue
            for other in disputed_codes(sourced.get("notes", "")):
                if other.convention == self.convention_code and other.code != code:
                    self.conflicts.append(
                        RowError(
                            record.line,
                            _(
                                "%(name)s: the sources disagree on the listing decision: "
                                "%(code)s here, %(other)s in the notes (“%(notes)s”)"
                            )
                            % {"name": record.name, "code": code, "other": other.code, "notes": sourced["notes"]},
                        )
                    )
            decision = sourced.get("decision")
            if decision is not None:
                title = decision.title.casefold()
                own = names_by_slug[record.slug]
                others = [
                    name
                    for slug, names in names_by_slug.items()
                    if slug != record.slug
                    for name in names
                    if re.search(rf"\b{re.escape(name)}\b", title)
                ]
                if others and not any(re.search(rf"\b{re.escape(name)}\b", title) for name in own):
                    self.conflicts.append(
                        RowError(
                            record.line,
                            _("%(name)s: its listing decision %(code)s is “%(title)s”, about another chemical")
                            % {"name": record.name, "code": code, "title": decision.title},
                        )
                    )

    def write(self, records: list[ListingRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        result.conflicts.extend(self.conflicts)
        super().write(records, result, progress)
        self.remove_superseded(result)

    def remove_superseded(self, result: FileImportResult) -> None:
        """The file lists its annexes whole: an imported listing of them it
        did not write came from an older file in other words ("Pentachloro-
        benzene (PeCB)" for "Pentachlorobenzene") and goes, as does a chemical
        profile an import made that is left without a listing (the older
        Rotterdam PFOS, now one with Stockholm's). What editors added in the
        admin (no imported values) stays."""
        superseded = [
            listing.pk
            for listing in Listing.objects.filter(annex__in=self.annexes).only("pk", "imported_values")
            if listing.pk not in self.written and listing.imported_values
        ]
        if superseded:
            Listing.objects.filter(pk__in=superseded).delete()
            result.removed[_("listings of older files")] = len(superseded)
        empty = [
            profile.pk
            for profile in ChemicalProfile.objects.filter(kind=ProfileKind.CHEMICAL, listings=None).only(
                "pk", "imported_values"
            )
            if profile.imported_values
        ]
        if empty:
            ChemicalProfile.objects.filter(pk__in=empty).delete()
            result.removed[_("chemical profiles left without a listing")] = len(empty)


class StockholmListingsImporter(SourcedListingsImporter):
    """Every chemical of Stockholm Annexes A, B and C with its abbreviation,
    CAS numbers, listing decision and year, one row per listing decision
    (an amendment of a listing, e.g. PFOS by SC-9/4, is a row of its own).
    The abbreviations are the profile's other names, which search finds."""

    kind = gettext_lazy("Stockholm Convention listings (sourced)")
    required_columns = (
        "name",
        "abbreviation",
        "cas_numbers",
        "annex",
        "listing_decision",
        "decision_code_status",
        "year_listed",
    )
    optional_columns = ("meeting", "exemptions_summary", "source", "notes")
    convention_code = "SC"
    year_column = "year_listed"
    annexes = (ListingAnnex.SC_A, ListingAnnex.SC_B, ListingAnnex.SC_C)

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.seen: dict[tuple[str, str, str], int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> ListingRecord | None:
        annex = StockholmAnnexesImporter.ANNEXES.get(values["annex"].upper())
        if annex is None:
            problems.append(_("annex: “%(value)s” is not A, B or C") % {"value": values["annex"]})
        entry = values["name"]
        if not entry:
            problems.append(_("name: missing"))
        check_length(entry, "name", max_length(Listing, "entry"), problems)
        name, slug, synonym = self.profile_name(entry, "name", problems)
        cas_numbers = parse_cas_numbers(values["cas_numbers"], "cas_numbers", problems, self.stored_cas)
        sourced = self.sourced_values(values, problems)
        if annex is not None and entry:
            first_line = self.seen.setdefault((annex, entry.casefold(), sourced["decision_code"]), line)
            if first_line != line:
                problems.append(
                    _("name: “%(name)s” is already listed in this annex by the same decision on line %(line)d")
                    % {"name": entry, "line": first_line}
                )
        if annex is None or not slug or problems:
            return None
        return ListingRecord(
            line=line,
            slug=slug,
            name=name,
            annex=annex,
            entry=entry,
            cas_numbers=cas_numbers,
            synonyms=[*([synonym] if synonym else []), *abbreviations(values["abbreviation"])],
            source=values.get("source", ""),
            specific_exemptions=values["exemptions_summary"] if self.has("exemptions_summary") else None,
            sourced=sourced,
        )


class RotterdamListingsImporter(SourcedListingsImporter):
    """Every entry of Rotterdam Annex III with its components, CAS numbers,
    category, listing decision, year and status, one row per entry and
    category; an entry deleted from the annex (``status`` "deleted …") is
    kept as such, to show the annex's history. Components separated by
    ``;`` are the profile's other names."""

    kind = gettext_lazy("Rotterdam Convention Annex III listings (sourced)")
    required_columns = (
        "entry",
        "components",
        "cas_numbers",
        "category",
        "listing_decision",
        "decision_code_status",
        "year",
        "status",
    )
    optional_columns = ("meeting", "source", "notes")
    convention_code = "RC"
    year_column = "year"
    annexes = (ListingAnnex.RC_III,)

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.seen: dict[tuple[str, str], int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> ListingRecord | None:
        entry = values["entry"]
        if not entry:
            problems.append(_("entry: missing"))
        check_length(entry, "entry", max_length(Listing, "entry"), problems)
        name, slug, synonym = self.profile_name(entry, "entry", problems)
        cas_numbers = parse_cas_numbers(values["cas_numbers"], "cas_numbers", problems, self.stored_cas)
        category = parse_choice(values["category"], "category", RotterdamCategory, problems)
        status = values["status"].strip()
        if not re.match(r"(current|deleted)\b", status, re.IGNORECASE):
            problems.append(_("status: “%(value)s” is neither current nor deleted (…)") % {"value": status})
        sourced = self.sourced_values(values, problems)
        sourced["is_deleted"] = status.casefold().startswith("deleted")
        if sourced["is_deleted"]:
            sourced["notes"] = "; ".join(filter(None, [status, sourced["notes"]]))
        if entry and category:
            first_line = self.seen.setdefault((entry.casefold(), category), line)
            if first_line != line:
                problems.append(
                    _("entry: “%(entry)s” is already in this category on line %(line)d")
                    % {"entry": entry, "line": first_line}
                )
        if not slug or category is None or problems:
            return None
        # "K, Li, NH4 … salts" describes, it does not name.
        components = [component for component in split_list(values["components"]) if "," not in component]
        if components and RotterdamAnnexIIIImporter.UNFINISHED_ENTRY.search(entry):
            components = []
        return ListingRecord(
            line=line,
            slug=slug,
            name=name,
            annex=ListingAnnex.RC_III,
            entry=entry,
            cas_numbers=cas_numbers,
            synonyms=[*([synonym] if synonym else []), *component_names(components)],
            category=category,
            source=values.get("source", ""),
            sourced=sourced,
        )


ORDINALS = (
    "First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Eleventh Twelfth Thirteenth Fourteenth "
    "Fifteenth Sixteenth Seventeenth Eighteenth Nineteenth Twentieth Twenty-first Twenty-second Twenty-third "
    "Twenty-fourth Twenty-fifth Twenty-sixth Twenty-seventh Twenty-eighth Twenty-ninth Thirtieth"
).split()


@dataclass
class CopMeetingRecord:
    line: int
    slug: str
    conventions: list[Instrument]
    values: dict[str, Any]
    lines: list[int] = field(default_factory=list)


class CopMeetingsImporter(ReferenceFileImporter):
    """Every conference of the Parties (and extraordinary meeting) of the
    three conventions, and their subsidiary bodies' recent meetings, one
    row per convention and meeting, named by its code ("BC COP-14",
    "SC ExCOP-2", "BC COP-15 (segment 2)", "POPRC-21", "CC-2").

    A meeting already stored (from the calendar file) of the same kind and
    number that starts on the same day is the same meeting, and keeps its
    identifier and title; rows of several conventions for one simultaneous
    meeting make one meeting of those conventions. The second segment of a
    meeting held in two has no number, so that decisions stay linked to the
    first. A row whose notes flag the dates or place as unconfirmed (from
    general knowledge, inferred, tentative, or sources that disagree) is
    stored as unconfirmed, and pages say so. Dates that differ from what an
    earlier file stored are reported as conflicts."""

    kind = gettext_lazy("meetings of the conferences of the Parties (sourced)")
    required_columns = ("convention", "meeting_code", "meeting_type", "start_date", "end_date", "city", "country_iso3")
    optional_columns = ("notes", "source")
    CODE = re.compile(
        r"(?:(?P<convention>BC|RC|SC)\s+)?(?P<body>COP|ExCOP|POPRC|CRC|OEWG|ICC|CC)-(?P<number>\d{1,3})"
        r"(?:\s*\(segment\s+(?P<segment>\d)\))?",
        re.IGNORECASE,
    )
    KINDS = {
        "cop": MeetingKind.COP,
        "excop": MeetingKind.EXCOP,
        "poprc": MeetingKind.POPRC,
        "crc": MeetingKind.CRC,
        "oewg": MeetingKind.OEWG,
        "icc": MeetingKind.ICC,
        "cc": MeetingKind.OTHER,
    }
    BODIES = {
        "cop": "the Conference of the Parties to the {convention}",
        "excop": "the Conferences of the Parties to the {convention} (extraordinary)",
        "poprc": "the Persistent Organic Pollutants Review Committee",
        "crc": "the Chemical Review Committee",
        "oewg": "the Open-ended Working Group of the Basel Convention",
        "icc": "the Implementation and Compliance Committee of the Basel Convention",
        "cc": "the Compliance Committee of the Rotterdam Convention",
    }
    CONVENTION_NAMES = {"basel": "BC", "rotterdam": "RC", "stockholm": "SC"}

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.instruments_by_name = instruments_by_name(self.instruments_by_code, self.CONVENTION_NAMES)
        self.stored = list(
            Meeting.objects.exclude(kind__in=[MeetingKind.WORKSHOP, MeetingKind.WEBINAR]).prefetch_related(
                "conventions"
            )
        )
        self.conflicts: list[RowError] = []

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> CopMeetingRecord | None:
        instrument = self.instruments_by_name.get(values["convention"].casefold())
        if instrument is None:
            problems.append(_("convention: unknown convention “%(name)s”") % {"name": values["convention"]})
        code = self.CODE.fullmatch(values["meeting_code"].strip())
        if code is None:
            problems.append(
                _("meeting_code: “%(value)s” is not a meeting code such as BC COP-14, SC ExCOP-2 or POPRC-21")
                % {"value": values["meeting_code"]}
            )
        start = parse_iso_date(values["start_date"], "start_date", problems)
        end = parse_iso_date(values["end_date"], "end_date", problems)
        if start and end and end < start:
            problems.append(
                _("end_date: the meeting ends (%(end)s) before it starts (%(start)s)")
                % {"end": end.isoformat(), "start": start.isoformat()}
            )
        for column in ("start_date", "end_date"):
            if not values[column]:
                problems.append(_("%(column)s: missing") % {"column": column})
        online = values["city"].casefold() == "online"
        country = None
        if values["country_iso3"]:
            country = self.country(values["country_iso3"], problems, "country_iso3")
        elif not online:
            problems.append(_("country_iso3: missing (only an online meeting has none)"))
        check_length(values["city"], "city", max_length(Meeting, "city"), problems)
        if problems or code is None or instrument is None:
            return None
        body = code["body"].casefold()
        number = int(code["number"])
        second_segment = code["segment"] not in (None, "1")
        notes = values.get("notes", "")
        record_values: dict[str, Any] = {
            "kind": self.KINDS[body],
            "number": None if second_segment else number,
            "start_date": start,
            "end_date": end,
            "city": "" if online else values["city"],
            "country": country,
            "status": MeetingStatus.SCHEDULED,
            "source": values.get("source", ""),
            "notes": notes,
            "facts_status": SourceStatus.UNCONFIRMED if UNCONFIRMED_NOTE.search(notes) else SourceStatus.CONFIRMED,
        }
        ordinal = ORDINALS[number - 1] if number <= len(ORDINALS) else f"{number}th"
        suffix = ", resumed" if second_segment else ""
        if body == "excop":
            # The extraordinary meetings were held simultaneously: one
            # meeting of the three conventions.
            slug = f"excops-{number}"
            record_values["title"] = (
                f"{ordinal} simultaneous extraordinary meetings of the conferences of the Parties to the Basel, "
                f"Rotterdam and Stockholm conventions (ExCOPs-{number})"
            )
        else:
            name = self.BODIES[body].format(convention=instrument.short_name)
            record_values["title"] = f"{ordinal} meeting of {name}{suffix} ({values['meeting_code'].strip()})"
            # A conference is of one convention, whether or not its code says which.
            prefix = f"{instrument.code.lower()}-" if code["convention"] or body == "cop" else ""
            slug = f"{prefix}{body}-{number}" + ("-resumed" if second_segment else "")
        return CopMeetingRecord(line=line, slug=slug, conventions=[instrument], values=record_values, lines=[line])

    def validate_records(self, records: list[CopMeetingRecord]) -> list[RowError]:
        """Find the stored meeting of each row, and merge the rows of one
        meeting (the simultaneous extraordinary meetings, the segments of
        several conventions stored as one meeting)."""
        merged: dict[str, CopMeetingRecord] = {}
        for record in records:
            existing = self.find_stored(record)
            if existing is not None and created_by_sourced_file(existing):
                record.slug = existing.slug
            elif existing is not None:
                # What the calendar file stored stays: this file adds its
                # sources and flags, fills what is blank, and reports where
                # it differs, for a person to decide.
                record.slug = existing.slug
                for name in ("title", "kind", "number", "status"):
                    record.values.pop(name, None)
                for name in ("start_date", "end_date", "city", "country"):
                    stored, value = getattr(existing, name), record.values[name]
                    if not stored or stored == value:
                        continue
                    record.values.pop(name)
                    if name == "country" or (name == "city" and (stored in value or value in stored)):
                        continue
                    self.conflicts.append(
                        RowError(
                            record.line,
                            _("%(meeting)s: %(column)s is %(value)s here, %(stored)s as stored by an earlier file")
                            % {
                                "meeting": existing.slug,
                                "column": name,
                                "value": value.isoformat() if name != "city" else value,
                                "stored": stored.isoformat() if name != "city" else stored,
                            },
                        )
                    )
                record.conventions.extend(
                    instrument for instrument in existing.conventions.all() if instrument not in record.conventions
                )
            first = merged.get(record.slug)
            if first is None:
                merged[record.slug] = record
                continue
            first.conventions.extend(
                instrument for instrument in record.conventions if instrument not in first.conventions
            )
            first.lines.append(record.line)
            if first.values["facts_status"] != record.values["facts_status"]:
                first.values["facts_status"] = SourceStatus.UNCONFIRMED
            first.values["notes"] = "; ".join(
                dict.fromkeys(filter(None, [first.values["notes"], record.values["notes"]]))
            )
        self.records = list(merged.values())
        return []

    def find_stored(self, record: CopMeetingRecord) -> Meeting | None:
        """The stored meeting this row describes: the same slug, or a meeting
        of the same kind and number (none for a second segment) of the same
        convention that starts the same day."""
        for meeting in self.stored:
            if meeting.slug == record.slug:
                return meeting
        for meeting in self.stored:
            if (
                meeting.kind == record.values["kind"]
                and meeting.number == record.values["number"]
                and meeting.start_date == record.values["start_date"]
                and (
                    record.values["kind"] == MeetingKind.EXCOP
                    or set(meeting.conventions.all()) & set(record.conventions)
                )
            ):
                return meeting
        return None

    def write(self, records: list[CopMeetingRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        result.conflicts.extend(self.conflicts)
        kept: list[str] = []
        for record in progress(self.records, str(self.kind)):
            meeting, change = save_meeting(
                slug=record.slug,
                values=record.values,
                conventions=record.conventions,
                overwrite=self.overwrite,
                kept=kept,
            )
            if change is Change.CREATED:
                mark_created_by_sourced_file(meeting)
            for _line in record.lines:
                result.rows.add(change)
        result.rows.kept_edits += len(kept)


@dataclass
class ServedCentreRecord:
    line: int
    name: str
    conventions: list[Instrument]
    host_country: Country
    city: str
    countries_served: list[Country]
    extra: dict[str, Any]
    website: str
    source: str = ""


class RegionalCentresServedImporter(ReferenceFileImporter):
    """The Basel and Stockholm regional centres with their host institution,
    region and the countries each serves where a source states them (an
    empty list leaves what is stored, e.g. an editor's). A centre already
    stored in the same host country and city (from the older centres file,
    which carries the map coordinates) is the same centre, and keeps its
    identifier and name. ``countries_served_status`` says where the list
    comes from; notes that flag the centre as known from general knowledge
    only make it unconfirmed, and "city not confirmed" flags the city."""

    kind = gettext_lazy("regional centres and the countries they serve (sourced)")
    required_columns = (
        "name",
        "host_institution",
        "city",
        "country_iso3",
        "conventions",
        "countries_served_iso3",
        "countries_served_status",
    )
    optional_columns = ("region_or_scope", "website", "source", "notes")

    def __init__(self, header: list[str], **options: Any):
        super().__init__(header, **options)
        self.seen: dict[tuple[str, str], int] = {}

    def validate_row(self, line: int, values: dict[str, str], problems: list[str]) -> ServedCentreRecord | None:
        name = values["name"]
        if not name:
            problems.append(_("name: missing"))
        check_length(name, "name", max_length(RegionalCentre, "name"), problems)
        host = self.country(values["country_iso3"], problems, "country_iso3")
        conventions = self.conventions(values["conventions"], "conventions", problems)
        served = [
            country
            for code in split_list(values["countries_served_iso3"])
            if (country := self.country(code, problems, "countries_served_iso3")) is not None
        ]
        notes = values.get("notes", "")
        website = check_url(values.get("website", ""), "website", max_length(RegionalCentre, "website"), problems)
        extra = {
            "host_institution": values["host_institution"],
            "region": values.get("region_or_scope", ""),
            "countries_served_note": values["countries_served_status"],
            "notes": notes,
            "facts_status": SourceStatus.UNCONFIRMED
            if re.search(r"general knowledge only", notes, re.IGNORECASE)
            else SourceStatus.CONFIRMED,
            "city_confirmed": not re.search(
                r"city not confirmed|city = .*not stated|city inferred", notes, re.IGNORECASE
            ),
        }
        for column, field_name in (
            ("host_institution", "host_institution"),
            ("region_or_scope", "region"),
            ("countries_served_status", "countries_served_note"),
        ):
            check_length(values.get(column, ""), column, max_length(RegionalCentre, field_name), problems)
        if host is not None:
            first_line = self.seen.setdefault((host.iso3, values["city"].casefold()), line)
            if first_line != line:
                problems.append(_("a centre in the same city is already on line %(line)d") % {"line": first_line})
        if problems or host is None:
            return None
        return ServedCentreRecord(
            line, name, conventions, host, values["city"], served, extra, website, values.get("source", "")
        )

    def write(self, records: list[ServedCentreRecord], result: FileImportResult, progress: ProgressWrapper) -> None:
        stored = {(centre.host_country_id, centre.city.casefold()): centre for centre in RegionalCentre.objects.all()}
        kept: list[str] = []
        for record in progress(records, str(self.kind)):
            existing = stored.get((record.host_country.pk, record.city.casefold()))
            extra = dict(record.extra)
            if record.website:
                extra["website"] = record.website
            _centre, change = save_regional_centre(
                slug=existing.slug
                if existing
                else slug_for(record.name.split(" (")[0], max_length(RegionalCentre, "slug")),
                name=existing.name if existing else record.name,
                conventions=record.conventions,
                host_country=record.host_country,
                city=record.city,
                latitude=existing.latitude if existing else None,
                longitude=existing.longitude if existing else None,
                geonameid=existing.geonameid if existing else None,
                # A centre of the older file keeps its source (that file writes it on every run).
                source_url=existing.source_url if existing else record.source,
                extra=extra,
                countries_served=record.countries_served or None,
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
    StockholmListingsImporter,
    RotterdamListingsImporter,
    CopMeetingsImporter,
    RegionalCentresServedImporter,
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
        else:
            # Rows written in bulk send no signal: every cached page may show them.
            page_cache.changed_all()
    return run
