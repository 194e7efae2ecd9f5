"""The indicators dashboard and the secretariat's report, read from the
figures packages.indicators computed (IndicatorFigure).

`build(period, filters)` gives the sections both show: for each indicator a
chart, the table of the chart's figures (its accessible alternative), and
the same table as CSV. Whatever the size of the site it costs the same few
queries: the figures are grouped in the database and bounded by months,
countries and regions, never by items, posts or visits.
"""

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.conf import settings
from django.db.models import Q, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

from conventions.models import Country, PartyStatus, RegionalGroup
from conventions.names import collation_key
from core.conventions import CONVENTION_CODES, CONVENTION_FULL_NAMES
from core.spreadsheets import safe_cell

from . import charts
from .indicators import LONGEST_HOURS
from .models import SATISFACTION_SCALE, SURVEY_ROLES, SURVEY_USES, Indicator, IndicatorFigure, IndicatorRefresh

# Figures that can be told apart by convention, and by where people are.
BY_CONVENTION = {Indicator.EXCHANGED, Indicator.QUESTIONS, Indicator.FIRST_ANSWER, Indicator.ACCEPTED_ANSWER}
BY_PLACE = {
    Indicator.EXCHANGED,
    Indicator.QUESTIONS,
    Indicator.FIRST_ANSWER,
    Indicator.ACCEPTED_ANSWER,
    Indicator.VERIFIED,
    Indicator.MEMBERS,
    Indicator.MEMBER_VISITS,
    Indicator.SHARED_COUNTRY,
}
TOP = 10
# Survey answers are published only added up over at least this many
# respondents, and never by place: a country has few focal points, and one
# answer from it would be one person's.
MIN_SURVEY_RESPONSES = 5
# A country's figure about people (their visits, their survey answers) below
# this is shown as "fewer than 5": it could single someone out.
SMALL = 5
ITEM_KINDS = {
    "bestpracticepage": gettext_lazy("Best practices"),
    "projectsummarypage": gettext_lazy("Project summaries"),
    "coordinationmechanismpage": gettext_lazy("National coordination examples"),
    "awarenessmaterialpage": gettext_lazy("Awareness materials"),
    "legalinformationpage": gettext_lazy("Legal information"),
    "question": gettext_lazy("Questions"),
    "answer": gettext_lazy("Answers"),
    "accepted_answer": gettext_lazy("Accepted answers"),
}
ROLES = {
    "focal_point": gettext_lazy("Focal points"),
    "expert": gettext_lazy("Experts"),
    "centre_staff": gettext_lazy("Regional-centre staff"),
}
SECTIONS = ("contributing", "access", "exchanged", "expertise", "satisfaction", "visits")


@dataclass(frozen=True)
class Period:
    """Whole months, from the first day of `start` to the last of `end`."""

    start: date | None = None
    end: date | None = None

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def months(cls, start: date, end: date) -> "Period":
        last = calendar.monthrange(end.year, end.month)[1]
        return cls(start.replace(day=1), end.replace(day=last))

    def label(self) -> str:
        if not self.start:
            return _("since the hub opened")
        if self.start.month == 1 and self.end.month == 12 and self.start.year == self.end.year:
            return str(self.start.year)
        return _("%(start)s to %(end)s") % {
            "start": date_format(self.start, "YEAR_MONTH_FORMAT"),
            "end": date_format(self.end, "YEAR_MONTH_FORMAT"),
        }


class DashboardFilters(forms.Form):
    """The dashboard's filters, all in the URL; a value that is not known is
    reported, left out, and answered with a 400."""

    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False, empty_value=None)
    convention = forms.ChoiceField(
        label=gettext_lazy("Convention"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("There is no convention with the code “%(value)s”.")},
    )
    region = forms.ModelChoiceField(
        label=gettext_lazy("UN regional group"),
        queryset=RegionalGroup.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("All regions"),
        error_messages={"invalid_choice": gettext_lazy("There is no UN regional group with that code.")},
    )
    country = forms.ModelChoiceField(
        label=gettext_lazy("Country"),
        queryset=Country.objects.all(),
        to_field_name="iso3",
        required=False,
        empty_label=gettext_lazy("All countries"),
        error_messages={"invalid_choice": gettext_lazy("There is no country with that code.")},
    )

    def __init__(self, data=None, *, years=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(year, str(year)) for year in years]
        self.fields["year"].error_messages["invalid_choice"] = _("There are no figures for the year “%(value)s”.")
        self.fields["convention"].choices = [("", _("All three conventions"))] + [
            (code, CONVENTION_FULL_NAMES[code]) for code in CONVENTION_CODES
        ]
        self.fields["region"].label_from_instance = lambda group: group.local_name
        self.fields["country"].label_from_instance = lambda country: country.local_name

    def understood(self) -> dict:
        """The filters that are valid; a wrong one is left out."""
        values = {"year": None, "convention": "", "region": None, "country": None}
        if self.is_bound:
            self.is_valid()
            for name in values:
                if name not in self.errors and name in getattr(self, "cleaned_data", {}):
                    values[name] = self.cleaned_data[name] or values[name]
        return values

    def country_choices(self) -> list:
        """Countries in the reader's alphabetical order (one query)."""
        countries = sorted(Country.objects.all(), key=lambda country: collation_key(country.local_name))
        return [(country.iso3, country.local_name) for country in countries]


def available_years() -> list[int]:
    years = IndicatorFigure.objects.annotate(year=ExtractYear("month")).values_list("year", flat=True)
    return sorted(set(years.distinct().order_by()), reverse=True)


@dataclass
class Table:
    """A chart's figures: what screen readers read and what the CSV holds."""

    caption: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)

    def csv_rows(self) -> list[list]:
        return [self.headers] + [
            [cell.get("text", "") if isinstance(cell, dict) else cell for cell in row] for row in self.rows
        ]


@dataclass
class Section:
    slug: str
    title: str
    lead: str
    how: str
    headlines: list[tuple[str, str]] = field(default_factory=list)
    charts: list = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    map: dict | None = None
    notes: list[str] = field(default_factory=list)
    csv_url: str = ""

    def csv_rows(self) -> list[list]:
        """Its tables one after the other, each under its caption, as a spreadsheet reads them."""
        rows = []
        for table in self.tables:
            rows += [[], [table.caption], *([safe_cell(cell) for cell in row] for row in table.csv_rows())]
        return rows


def _number(value) -> str:
    return number_format(value, force_grouping=True)


def _share(part: int, whole: int) -> str:
    if not whole:
        return "—"
    return f"{number_format(round(100 * part / whole, 1), 1)} %"


def _few(count: int):
    """A count about a country's people, or "fewer than 5" when it could single someone out."""
    return _("fewer than %(count)s") % {"count": SMALL} if 0 < count < SMALL else count


def _hours(hours: int | None) -> str:
    if hours is None:
        return "—"
    if hours >= LONGEST_HOURS:
        return _("a year or more")
    if hours == 0:
        return _("less than an hour")
    if hours < 72:
        return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    days = hours // 24
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


def _median(steps: Counter) -> int | None:
    """The median of delays counted in steps (packages.indicators.hours_step),
    the lower middle one when their number is even."""
    total = sum(steps.values())
    if not total:
        return None
    middle, seen = (total + 1) // 2, 0
    for step in sorted(steps):
        seen += steps[step]
        if seen >= middle:
            return step
    return None


class Figures:
    """The grouped figures for a period and filters: five queries."""

    def __init__(self, period: Period, convention="", region=None, country=None):
        self.period, self.convention, self.region, self.country = period, convention, region, country
        rows = self._rows()
        self.monthly = defaultdict(Counter)  # indicator → {(month, key): value}
        for indicator, month, key, value in rows.values_list("indicator", "month", "key").annotate(total=Sum("value")):
            self.monthly[indicator][(month, key)] += value
        self.by_country = defaultdict(Counter)  # indicator → {(year, iso3): value}
        place = rows.filter(indicator__in=[Indicator.EXCHANGED, Indicator.MEMBER_VISITS, Indicator.SHARED_COUNTRY])
        # An accepted answer is an answer already counted.
        place = place.exclude(country="").exclude(key="accepted_answer").annotate(year=ExtractYear("month"))
        for indicator, year, iso3, value in place.values_list("indicator", "year", "country").annotate(
            total=Sum("value")
        ):
            self.by_country[indicator][(year, iso3)] += value
        members = self._rows(members_to_date=True).exclude(country="")
        for iso3, value in members.values_list("country").annotate(total=Sum("value")):
            self.by_country[Indicator.MEMBERS][(None, iso3)] += value
        self.by_region = defaultdict(Counter)  # indicator → {(region, key): value}
        regional = rows.filter(
            indicator__in=[Indicator.QUESTIONS, Indicator.FIRST_ANSWER, Indicator.ACCEPTED_ANSWER, Indicator.VERIFIED]
        )
        for indicator, region, key, value in regional.values_list("indicator", "region", "key").annotate(
            total=Sum("value")
        ):
            self.by_region[indicator][(region, key)] += value
        # Who contributed to each convention: its own rows, whatever the filter.
        self.contributors = defaultdict(set)
        on_conventions = self._rows(all_conventions=True).filter(
            indicator=Indicator.EXCHANGED, convention__in=CONVENTION_CODES
        )
        for code, iso3 in on_conventions.exclude(country="").values_list("convention", "country").distinct():
            self.contributors[code].add(iso3)
        self.top = {}
        for indicator in (Indicator.MOST_READ, Indicator.NO_RESULT):
            top = rows.filter(indicator=indicator).values_list("key", "label", "label_language")
            self.top[indicator] = list(top.annotate(total=Sum("value")).order_by("-total", "key")[:TOP])

    def _rows(self, members_to_date=False, all_conventions=False):
        """The figures of the period under the filters: each indicator by
        convention and place only where it is counted that way."""
        rows = IndicatorFigure.objects.order_by()
        if all_conventions:
            if self.period.start:
                rows = rows.filter(month__gte=self.period.start, month__lte=self.period.end)
        elif members_to_date:
            rows = rows.filter(indicator=Indicator.MEMBERS, convention="")
            if self.period.end:
                rows = rows.filter(month__lte=self.period.end)
        else:
            if self.period.start:
                rows = rows.filter(month__gte=self.period.start, month__lte=self.period.end)
            split = Q(indicator__in=BY_CONVENTION, convention=self.convention)
            rows = rows.filter(split | (~Q(indicator__in=BY_CONVENTION) & Q(convention="")))
        if self.country or self.region:
            where = Q(country=self.country.iso3) if self.country else Q(region=self.region.code)
            rows = rows.filter(where | ~Q(indicator__in=BY_PLACE))
        return rows

    def total(self, indicator, key=None) -> int:
        return sum(value for (_month, k), value in self.monthly[indicator].items() if key is None or k == key)

    def keys(self, indicator) -> Counter:
        counted = Counter()
        for (_month, key), value in self.monthly[indicator].items():
            counted[key] += value
        return counted

    def steps(self, indicator, region=None) -> Counter:
        return Counter(
            {int(key): value for (r, key), value in self.by_region[indicator].items() if region is None or r == region}
        )

    def countries(self, *indicators, year=None) -> set[str]:
        return {
            iso3
            for indicator in indicators
            for (y, iso3), value in self.by_country[indicator].items()
            if value and (year is None or y == year)
        }


@dataclass
class Dashboard:
    period: Period
    filters: dict
    sections: list[Section]
    refreshed: IndicatorRefresh | None

    @cached_property
    def by_slug(self) -> dict[str, Section]:
        return {section.slug: section for section in self.sections}


def _months(period: Period, figures: Figures) -> list[date]:
    """The months a chart runs over: the period's, or those with figures."""
    if period.start:
        first, last = period.start, period.end
    else:
        seen = [month for counted in figures.monthly.values() for (month, _key) in counted]
        if not seen:
            return []
        first, last = min(seen), max(seen)
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def _series(figures: Figures, indicator, months: list[date], keys=None) -> list[tuple[date, int]]:
    counted = Counter()
    for (month, key), value in figures.monthly[indicator].items():
        if keys is None or key in keys:
            counted[month] += value
    return [(month, counted[month]) for month in months]


def _by_year(series: list[tuple[date, int]]) -> list[tuple[str, int]]:
    years = Counter()
    for month, value in series:
        years[month.year] += value
    return [(str(year), years[year]) for year in sorted(years)]


def _time_points(series: list[tuple[date, int]]) -> list[tuple[str, int]]:
    """By month over two years or less, else by year: a chart stays readable."""
    if len(series) <= 24:
        return [(date_format(month, "YEAR_MONTH_FORMAT"), value) for month, value in series]
    return _by_year(series)


def _country_names(codes) -> dict[str, Country]:
    return {country.iso3: country for country in Country.objects.filter(iso3__in=codes)}


def _country_cell(country: Country | None, iso3: str) -> dict:
    if country is None:
        return {"text": iso3}
    return {
        "text": country.local_name,
        "url": reverse("packages:country", args=[iso3]),
        "lang": country.local_name_language,
    }


def _contributing(figures: Figures, dashboard_filters: dict, names: dict) -> Section:
    section = Section(
        "contributing",
        _("Parties contributing"),
        _("Countries with at least one published knowledge item, question or answer by a member from that country."),
        _(
            "A contribution counts for the country on its author's profile, in the month it was published. "
            "Posts in private groups count among the items exchanged but for no country, so that nothing tells "
            "that a country's member posts in one."
        ),
    )
    contributing = figures.countries(Indicator.EXCHANGED)
    section.headlines.append((_number(len(contributing)), _("countries contributed")))
    parties = defaultdict(set)
    for code, iso3 in (
        PartyStatus.objects.parties()
        .filter(instrument__code__in=CONVENTION_CODES)
        .values_list("instrument__code", "country__iso3")
    ):
        parties[code].add(iso3)
    table = Table(
        _("Parties that contributed, by convention"),
        [_("Convention"), _("Parties that contributed"), _("Parties"), pgettext("proportion", "Share")],
    )
    for code in [dashboard_filters["convention"]] if dashboard_filters["convention"] else CONVENTION_CODES:
        count = len(figures.contributors[code] & parties[code])
        table.rows.append(
            [str(CONVENTION_FULL_NAMES[code]), count, len(parties[code]), _share(count, len(parties[code]))]
        )
    years = sorted({year for (year, _iso3) in figures.by_country[Indicator.EXCHANGED]})
    points = [(str(year), len(figures.countries(Indicator.EXCHANGED, year=year))) for year in years]
    section.charts.append(charts.columns(points, _("Countries contributing, by year"), _("Countries")))
    by_year = Table(
        _("Countries contributing, by year"), [_("Year"), _("Countries")], [list(point) for point in points]
    )
    contributions = Counter()
    for (_year, iso3), value in figures.by_country[Indicator.EXCHANGED].items():
        contributions[iso3] += value
    by_country = Table(
        _("Contributions by country"),
        [_("Country"), _("Items, questions and answers")],
        [
            [_country_cell(names.get(iso3), iso3), value]
            for iso3, value in sorted(contributions.items(), key=lambda pair: (-pair[1], pair[0]))
        ],
    )
    section.tables += [table, by_year, by_country]
    section.map = charts.country_map(contributing, names, _("Countries that contributed"))
    return section


def _access(figures: Figures, names: dict) -> Section:
    section = Section(
        "access",
        _("Parties gaining access"),
        _("Countries with registered members, and countries from which people visited."),
        _(
            "Members count for the country on their profile. A visit counts for a country when a signed-in member "
            "from it visited, or when a survey respondent chose to name it. The hub looks up no address: it has no "
            "geolocation, so visits by people who are not signed in count in the visits below but not by country."
        ),
    )
    with_members = figures.countries(Indicator.MEMBERS)
    visited = figures.countries(Indicator.MEMBER_VISITS, Indicator.SHARED_COUNTRY)
    section.headlines += [
        (_number(len(with_members)), _("countries with registered members")),
        (_number(len(visited)), _("countries visited")),
    ]

    def per_country(indicator) -> Counter:
        counted = Counter()
        for (_year, iso3), value in figures.by_country[indicator].items():
            counted[iso3] += value
        return counted

    members, visits, named = (
        per_country(indicator) for indicator in (Indicator.MEMBERS, Indicator.MEMBER_VISITS, Indicator.SHARED_COUNTRY)
    )
    codes = sorted(
        with_members | visited, key=lambda iso3: collation_key(names[iso3].local_name) if iso3 in names else iso3
    )
    section.tables.append(
        Table(
            _("Members and visits by country"),
            [
                _("Country"),
                _("Registered members"),
                _("Members' visits (each member once a day)"),
                _("Survey respondents who named it"),
            ],
            [
                [_country_cell(names.get(iso3), iso3), members[iso3], _few(visits[iso3]), _few(named[iso3])]
                for iso3 in codes
            ],
        )
    )
    series = []
    years = sorted(
        {year for (year, _iso3) in figures.by_country[Indicator.MEMBER_VISITS]}
        | {year for (year, _iso3) in figures.by_country[Indicator.SHARED_COUNTRY]}
    )
    for year in years:
        series.append(
            (str(year), len(figures.countries(Indicator.MEMBER_VISITS, Indicator.SHARED_COUNTRY, year=year)))
        )
    section.charts.append(charts.columns(series, _("Countries visited, by year"), _("Countries")))
    section.tables.append(
        Table(_("Countries visited, by year"), [_("Year"), _("Countries")], [list(p) for p in series])
    )
    return section


def _exchanged(figures: Figures, months: list[date]) -> Section:
    section = Section(
        "exchanged",
        _("Items exchanged"),
        _("Knowledge items by type, questions, answers and accepted answers."),
        _(
            "A knowledge item counts once, whatever the number of its translations, in the month it was first "
            "published. Only posts that are visible count; posts in private groups count without being named."
        ),
    )
    kinds = figures.keys(Indicator.EXCHANGED)
    items = sum(value for key, value in kinds.items() if key not in ("question", "answer", "accepted_answer"))
    section.headlines += [
        (_number(items), _("knowledge items")),
        (_number(kinds["question"]), _("questions")),
        (_number(kinds["answer"]), _("answers")),
    ]
    series = _series(figures, Indicator.EXCHANGED, months, keys=set(kinds) - {"accepted_answer"})
    points = _time_points(series)
    section.charts.append(charts.columns(points, _("Items, questions and answers over time"), _("Items")))
    order = [key for key in ITEM_KINDS if key in kinds] + sorted(set(kinds) - set(ITEM_KINDS))
    table = Table(_("Items exchanged by type and month"), [_("Month"), *(str(ITEM_KINDS.get(k, k)) for k in order)])
    for month in months:
        row = [figures.monthly[Indicator.EXCHANGED][(month, key)] for key in order]
        if any(row):
            table.rows.append([date_format(month, "YEAR_MONTH_FORMAT"), *row])
    table.rows.append([_("Total"), *(kinds[key] for key in order)])
    section.tables.append(table)
    return section


def _expertise(figures: Figures, regions: list[RegionalGroup]) -> Section:
    section = Section(
        "expertise",
        _("Access to expertise"),
        _("How many questions find an answer, how soon, and the experts and focal points the secretariat verified."),
        _(
            "By the region of the person who asked. The time to the accepted answer runs to when that answer was "
            "posted. Medians are to the hour up to three days, then to the day."
        ),
    )
    asked, answered = figures.total(Indicator.QUESTIONS, "asked"), figures.total(Indicator.QUESTIONS, "answered")
    accepted = figures.total(Indicator.QUESTIONS, "accepted")
    section.headlines += [
        (_share(answered, asked), _("of questions answered")),
        (_hours(_median(figures.steps(Indicator.FIRST_ANSWER))), _("median time to a first answer")),
        (_hours(_median(figures.steps(Indicator.ACCEPTED_ANSWER))), _("median time to an accepted answer")),
    ]
    table = Table(
        _("Questions answered by region"),
        [
            _("UN regional group"),
            _("Questions"),
            _("Answered"),
            _("Share answered"),
            _("With an accepted answer"),
            _("Median time to a first answer"),
            _("Median time to an accepted answer"),
        ],
    )
    points = []
    places = [(group.code, group.local_name) for group in regions] + [("", _("Region not known"))]
    for code, name in places:
        region_asked = figures.by_region[Indicator.QUESTIONS][(code, "asked")]
        if not region_asked:
            continue
        region_answered = figures.by_region[Indicator.QUESTIONS][(code, "answered")]
        table.rows.append(
            [
                name,
                region_asked,
                region_answered,
                _share(region_answered, region_asked),
                figures.by_region[Indicator.QUESTIONS][(code, "accepted")],
                _hours(_median(figures.steps(Indicator.FIRST_ANSWER, code))),
                _hours(_median(figures.steps(Indicator.ACCEPTED_ANSWER, code))),
            ]
        )
        points.append((name, round(100 * region_answered / region_asked)))
    table.rows.append(
        [
            _("Total"),
            asked,
            answered,
            _share(answered, asked),
            accepted,
            _hours(_median(figures.steps(Indicator.FIRST_ANSWER))),
            _hours(_median(figures.steps(Indicator.ACCEPTED_ANSWER))),
        ]
    )
    section.charts.append(charts.bars(points, _("Share of questions answered, by region"), unit="%"))
    verified = Table(
        _("Roles verified by the secretariat, by region"),
        [_("UN regional group"), *(str(label) for label in ROLES.values())],
    )
    for code, name in places:
        row = [figures.by_region[Indicator.VERIFIED][(code, role)] for role in ROLES]
        if any(row):
            verified.rows.append([name, *row])
    verified.rows.append([_("Total"), *(figures.total(Indicator.VERIFIED, role) for role in ROLES)])
    section.tables += [table, verified]
    return section


def _satisfaction(figures: Figures, months: list[date]) -> Section:
    section = Section(
        "satisfaction",
        _("Satisfaction"),
        _("Answers to “Was this page useful?” and to the satisfaction survey."),
        _(
            "Anyone may answer “Was this page useful?” at the foot of a page, without an account. Survey answers "
            "are only ever published added up."
        ),
    )
    yes, no = figures.total(Indicator.FEEDBACK, "yes"), figures.total(Indicator.FEEDBACK, "no")
    survey = figures.keys(Indicator.SURVEY)
    responses = survey["responses"]
    scores = {number: survey[f"satisfaction:{number}"] for number, _label in SATISFACTION_SCALE}
    average = sum(number * count for number, count in scores.items()) / responses if responses else None
    section.headlines += [
        (_share(yes, yes + no), _("of answers found the page useful")),
        (_number(yes + no), _("answers to “Was this page useful?”")),
        (
            number_format(round(average, 1), 1) if average and responses >= MIN_SURVEY_RESPONSES else "—",
            _("average satisfaction in the survey (1 to 5)"),
        ),
    ]
    feedback = Table(
        _("“Was this page useful?” by month"), [_("Month"), _("Useful"), _("Not useful"), _("Share useful")]
    )
    points = []
    for month in months:
        month_yes = figures.monthly[Indicator.FEEDBACK][(month, "yes")]
        month_no = figures.monthly[Indicator.FEEDBACK][(month, "no")]
        if month_yes or month_no:
            feedback.rows.append(
                [date_format(month, "YEAR_MONTH_FORMAT"), month_yes, month_no, _share(month_yes, month_yes + month_no)]
            )
            points.append((date_format(month, "YEAR_MONTH_FORMAT"), round(100 * month_yes / (month_yes + month_no))))
    feedback.rows.append([_("Total"), yes, no, _share(yes, yes + no)])
    section.charts.append(
        charts.columns(points, _("Share of answers that found the page useful"), _("Per cent"), unit="%")
    )
    section.tables.append(feedback)
    if responses < MIN_SURVEY_RESPONSES:
        # Added up over so few, the answers would be someone's own.
        section.notes.append(
            _("The survey's answers are shown once at least %(count)s people have answered in the period.")
            % {"count": MIN_SURVEY_RESPONSES}
        )
    else:
        scale = Table(
            _("Survey: overall satisfaction"),
            [_("Satisfaction (1 to 5)"), _("Answers"), pgettext("proportion", "Share")],
            [[number, count, _share(count, responses)] for number, count in scores.items()],
        )
        section.charts.append(charts.bars([(str(n), c) for n, c in scores.items()], _("Survey: overall satisfaction")))
        uses = Table(
            _("Survey: what respondents use"),
            [_("Part of the hub"), _("Respondents"), pgettext("proportion", "Share")],
            [
                [str(label), survey[f"use:{key}"], _share(survey[f"use:{key}"], responses)]
                for key, label in SURVEY_USES
            ],
        )
        roles = Table(
            _("Survey: respondents' roles"),
            [_("Role"), _("Respondents")],
            [[str(label), survey[f"role:{key}"]] for key, label in SURVEY_ROLES],
        )
        section.tables += [scale, uses, roles]
    section.notes.append(
        ngettext("%(count)s survey response.", "%(count)s survey responses.", responses)
        % {"count": _number(responses)}
    )
    return section


def _visits(figures: Figures, months: list[date], secretariat: bool) -> Section:
    section = Section(
        "visits",
        _("Visits"),
        _("Page views and visitors, the most read pages and the searches that found nothing."),
        _(
            "No cookie, no third-party script and no address are used. Visitors of a day are told apart by a hash "
            "made with a salt that changes every day, so a month's visitors are the sum of its days'. Known robots "
            "and the secretariat's own visits are not counted. The most read pages are public pages, added up from "
            "each month's hundred most read. What people searched for is not published: only how many searches "
            "found nothing."
        ),
    )
    views = _series(figures, Indicator.VIEWS, months)
    visitors = _series(figures, Indicator.VISITORS, months)
    section.headlines += [
        (_number(sum(value for _m, value in views)), _("page views")),
        (_number(sum(value for _m, value in visitors)), _("visitors (summed by day)")),
        (
            _share(figures.total(Indicator.SEARCHES, "none"), figures.total(Indicator.SEARCHES, "all")),
            _("of searches found nothing"),
        ),
    ]
    section.charts.append(charts.columns(_time_points(views), _("Page views over time"), _("Page views")))
    table = Table(_("Page views and visitors by month"), [_("Month"), _("Page views"), _("Visitors (summed by day)")])
    for (month, viewed), (_month, visiting) in zip(views, visitors, strict=True):
        if viewed or visiting:
            table.rows.append([date_format(month, "YEAR_MONTH_FORMAT"), viewed, visiting])
    languages = figures.keys(Indicator.VIEWS)
    by_language = Table(
        _("Page views by language"),
        [_("Language"), _("Page views")],
        [[str(name), languages[code]] for code, name in settings.LANGUAGES if languages[code]],
    )
    most_read = Table(
        _("Most read"),
        [_("Page"), _("Page views")],
        [
            [{"text": label or key, "url": f"/{get_language()}{key}", "lang": language}, total]
            for key, label, language, total in figures.top[Indicator.MOST_READ]
        ],
    )
    section.tables += [table, by_language, most_read]
    if secretariat:
        # Words anyone can type, a name among them: for the secretariat's eyes.
        section.tables.append(
            Table(
                _("Searches that found nothing"),
                [_("Words searched"), _("Searches")],
                [
                    [{"text": key, "lang": ""}, total]
                    for key, _label, _language, total in figures.top[Indicator.NO_RESULT]
                ],
            )
        )
    return section


def build(
    period: Period, convention="", region=None, country=None, sections=SECTIONS, *, secretariat=False
) -> Dashboard:
    """Every section of the dashboard (or those named) for a period and
    filters; with `secretariat`, also what only the secretariat reads (the
    words of the searches that found nothing)."""
    figures = Figures(period, convention, region, country)
    months = _months(period, figures)
    regions = sorted(RegionalGroup.objects.all(), key=lambda group: collation_key(group.local_name))
    codes = figures.countries(
        Indicator.EXCHANGED, Indicator.MEMBERS, Indicator.MEMBER_VISITS, Indicator.SHARED_COUNTRY
    )
    names = _country_names(codes)
    filters = {"convention": convention, "region": region, "country": country}
    built = {
        "contributing": lambda: _contributing(figures, filters, names),
        "access": lambda: _access(figures, names),
        "exchanged": lambda: _exchanged(figures, months),
        "expertise": lambda: _expertise(figures, regions),
        "satisfaction": lambda: _satisfaction(figures, months),
        "visits": lambda: _visits(figures, months, secretariat),
    }
    chosen = [built[slug]() for slug in sections]
    for section in chosen:
        if convention and section.slug in ("access", "satisfaction", "visits"):
            section.notes.append(
                _("These figures are not counted by convention: the convention filter does not apply.")
            )
        if convention and section.slug == "expertise":
            section.notes.append(
                _("The roles verified are not counted by convention: the filter does not apply to them.")
            )
        if (region or country) and section.slug in ("satisfaction", "visits"):
            section.notes.append(
                _(
                    "Page feedback, the survey and visits are not counted by place: "
                    "the region and country filters do not apply to them."
                )
            )
    return Dashboard(period, filters, chosen, IndicatorRefresh.objects.order_by("-finished_at").first())
