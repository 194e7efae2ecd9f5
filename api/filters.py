"""Filters of the list endpoints. A parameter no endpoint knows is refused
(400 naming it), so a typo never silently returns everything."""

from datetime import timedelta

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField
from rest_framework.exceptions import ValidationError

from community.models import Question
from conventions.constants import FocalPointKind, ListingAnnex, MeetingKind, MeetingStatus, ProfileKind
from conventions.models import ChemicalProfile, Country, Decision, FocalPoint, Meeting, RegionalCentre, ThematicArea
from knowledge.models import KnowledgeItemPage

# Parameters every list takes besides its filters.
COMMON = {"page", "cursor", "page_size", "format"}
MAX_VALUE_LENGTH = 200
MAX_PAGE_SIZE = 200
FIRST_YEAR = 1000
MAX_OFFSET = timedelta(hours=14)
# updated_since in the schema: RFC 3339 with the limits HarvestDateTimeField checks.
HARVEST_MOMENT_PATTERN = r"^[1-9][0-9]{3}-.+([Zz]|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)$"


def _counting_number(text: str, most: int | None) -> bool:
    return text.isdigit() and int(text) >= 1 and (most is None or int(text) <= most)


class HarvestDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment a database can compare: from year 1000, with a
    real time zone offset (at most ±14:00; PostgreSQL refuses more)."""

    def to_python(self, value):
        moment = super().to_python(value)
        offset = moment.utcoffset() if moment else None
        if moment and (moment.year < FIRST_YEAR or (offset is not None and abs(offset) > MAX_OFFSET)):
            raise forms.ValidationError(
                f"A date and time from the year {FIRST_YEAR} with a time zone offset of at most ±14:00, "
                "e.g. 2026-12-07T00:00:00Z."
            )
        return moment


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class HarvestDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = HarvestDateTimeField


class StrictFilterSet(django_filters.FilterSet):
    """A filter set that refuses parameters it does not know and values
    longer than any real one."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if data is not None:
            unknown = sorted(set(data) - set(self.filters) - COMMON)
            if unknown:
                raise ValidationError({"unknown_parameters": unknown})
            if data.get("format", "json") != "json":
                raise ValidationError({"format": ["Only json: leave it out, or send format=json."]})
            empty = sorted(name for name in data if data.get(name, "") == "")
            if empty:
                raise ValidationError({name: ["Empty: give a value, or leave the parameter out."] for name in empty})
            for name, most in (("page", None), ("page_size", MAX_PAGE_SIZE)):
                if name in data and not _counting_number(data[name], most):
                    limit = f" up to {most}" if most else ""
                    raise ValidationError({name: [f"A whole number from 1{limit}."]})
            long = sorted(name for name in data if len(data.get(name, "")) > MAX_VALUE_LENGTH)
            if long:
                raise ValidationError({name: [f"At most {MAX_VALUE_LENGTH} characters."] for name in long})


def updated_since(field: str = "updated_at", records: str = "records"):
    return HarvestDateTimeFilter(
        field_name=field,
        lookup_expr="gte",
        help_text=f"ISO 8601 date and time: only the {records} changed since then (a harvest by deltas); "
        "the first page also lists under `deleted` those that left the open data since then.",
    )


def convention(field: str):
    return django_filters.CharFilter(field_name=field, lookup_expr="iexact", distinct=True, help_text="BC, RC or SC.")


def country(field: str):
    return django_filters.CharFilter(
        field_name=field, lookup_expr="iexact", distinct=True, help_text="ISO 3166 alpha-3."
    )


def topic(field: str):
    return django_filters.CharFilter(
        field_name=field, distinct=True, help_text="A thematic area's id (slug), e.g. e-waste."
    )


class DecisionFilter(StrictFilterSet):
    convention = django_filters.CharFilter(
        field_name="convention__code", lookup_expr="iexact", help_text="BC, RC or SC."
    )
    year = IntegerFilter(method="filter_year", help_text="The year the decision was adopted.")
    thematic_area = django_filters.CharFilter(
        field_name="thematic_areas__slug", help_text="A thematic area's slug, e.g. e-waste."
    )
    updated_since = updated_since(records="decisions")

    class Meta:
        model = Decision
        fields = []

    def filter_year(self, queryset, name, value):
        return queryset.adopted_in(int(value))


class MeetingFilter(StrictFilterSet):
    convention = django_filters.CharFilter(
        field_name="conventions__code", lookup_expr="iexact", help_text="BC, RC or SC (BAN for the Ban Amendment)."
    )
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices)
    country = django_filters.CharFilter(
        field_name="country__iso3", lookup_expr="iexact", help_text="ISO 3166 alpha-3."
    )
    date_from = django_filters.DateFilter(
        field_name="end_date", lookup_expr="gte", help_text="Meetings not over by this date (YYYY-MM-DD)."
    )
    date_to = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", help_text="Meetings that have begun by this date (YYYY-MM-DD)."
    )
    updated_since = updated_since(records="meetings")

    class Meta:
        model = Meeting
        fields = []


class PartyFilter(StrictFilterSet):
    convention = convention("party_statuses__instrument__code")
    updated_since = updated_since("updated", "parties")

    class Meta:
        model = Country
        fields = []


class CountryFilter(StrictFilterSet):
    region = django_filters.CharFilter(
        field_name="regional_groups__code", lookup_expr="iexact", help_text="A UN regional group's code."
    )
    updated_since = updated_since("updated", "countries")

    class Meta:
        model = Country
        fields = []


class ChemicalFilter(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=ProfileKind.choices)
    annex = django_filters.ChoiceFilter(field_name="listings__annex", choices=ListingAnnex.choices, distinct=True)
    cas = django_filters.CharFilter(field_name="cas_numbers", lookup_expr="icontains", help_text="A CAS number.")
    updated_since = updated_since("updated", "chemicals")

    class Meta:
        model = ChemicalProfile
        fields = []


class RegionalCentreFilter(StrictFilterSet):
    convention = convention("conventions__code")
    country = country("countries_served__iso3")
    updated_since = updated_since(records="regional centres")

    class Meta:
        model = RegionalCentre
        fields = []


class FocalPointFilter(StrictFilterSet):
    country = country("country__iso3")
    kind = django_filters.ChoiceFilter(choices=FocalPointKind.choices)
    updated_since = updated_since(records="focal points")

    class Meta:
        model = FocalPoint
        fields = []


class TopicFilter(StrictFilterSet):
    updated_since = updated_since("updated", "topics")

    class Meta:
        model = ThematicArea
        fields = []


class KnowledgeFilter(StrictFilterSet):
    convention = convention("conventions__code")
    country = country("countries__iso3")
    topic = topic("thematic_areas__slug")
    updated_since = updated_since("updated", "items")

    class Meta:
        model = KnowledgeItemPage
        fields = []


class QuestionFilter(StrictFilterSet):
    convention = convention("conventions__code")
    country = country("countries__iso3")
    topic = topic("thematic_areas__slug")
    answered = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_answered",
        help_text="true: with an accepted answer; false: without one.",
    )
    updated_since = updated_since(records="questions")

    class Meta:
        model = Question
        fields = []

    def filter_answered(self, queryset, name, value):
        return queryset.filter(accepted_answer__isnull=value != "true")
