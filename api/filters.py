"""Filters of the list endpoints. A parameter no endpoint knows is refused
(400 naming it), so a typo never silently returns everything."""

import django_filters
from rest_framework.exceptions import ValidationError

from conventions.constants import MeetingKind, MeetingStatus
from conventions.models import Decision, Meeting

# Parameters every list takes besides its filters.
COMMON = {"page", "page_size", "format"}
MAX_VALUE_LENGTH = 200


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
            long = sorted(name for name in data if len(data.get(name, "")) > MAX_VALUE_LENGTH)
            if long:
                raise ValidationError({name: [f"At most {MAX_VALUE_LENGTH} characters."] for name in long})


class DecisionFilter(StrictFilterSet):
    convention = django_filters.CharFilter(
        field_name="convention__code", lookup_expr="iexact", help_text="BC, RC or SC."
    )
    year = django_filters.NumberFilter(method="filter_year", help_text="The year the decision was adopted.")
    thematic_area = django_filters.CharFilter(
        field_name="thematic_areas__slug", help_text="A thematic area's slug, e.g. e-waste."
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="ISO 8601 date and time: only the decisions changed since then (a harvest by deltas).",
    )

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
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="ISO 8601 date and time: only the meetings changed since then (a harvest by deltas).",
    )

    class Meta:
        model = Meeting
        fields = []
