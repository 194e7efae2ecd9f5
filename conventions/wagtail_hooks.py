"""The "Reference data" menu of the Wagtail admin: editors maintain the
conventions, countries, UN regional groups, party status, regional centres
and thematic areas there. The importers (``manage.py import_reference_data``)
fill the same tables; a later import overwrites the fields its files carry."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.ui.tables import BooleanColumn, Column, LocaleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .constants import PartyStatusKind
from .models import Country, Instrument, PartyStatus, RegionalCentre, RegionalGroup, ThematicArea


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "doc-full"
    list_display = ["short_name", "code", "parent", "adopted_on", "entry_into_force_on"]
    ordering = "sort_order"
    sort_order_field = "sort_order"
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("short_name")]),
        FieldPanel("name"),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("adopted_on"), FieldPanel("entry_into_force_on")]),
        FieldPanel("website"),
        FieldPanel("sort_order"),
    ]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "iso2", "iso3", "numeric", BooleanColumn("is_state", label=_("is a state"))]
    list_filter = ["is_state"]
    search_fields = ["name", "official_name", "iso2", "iso3", "numeric"]
    ordering = "name"
    list_per_page = 50
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("official_name"),
        FieldRowPanel([FieldPanel("iso2"), FieldPanel("iso3"), FieldPanel("numeric")]),
        FieldPanel("is_state"),
    ]


class RegionalGroupViewSet(SnippetViewSet):
    model = RegionalGroup
    icon = "group"
    list_display = ["name", "short_name", "code"]
    search_fields = ["name", "short_name", "code"]
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("short_name")]),
        FieldPanel("name"),
        InlinePanel(
            "memberships",
            heading=_("Countries"),
            label=_("country"),
            panels=[FieldPanel("country"), FieldPanel("is_electoral")],
        ),
    ]


class PartyStatusFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("status"),
        choices=[
            (PartyStatusKind.PARTY, PartyStatusKind.PARTY.label),
            (PartyStatusKind.SIGNATORY, PartyStatusKind.SIGNATORY.label),
        ],
        method="filter_status",
    )

    class Meta:
        model = PartyStatus
        fields = ["instrument"]

    def filter_status(self, queryset, name, value):
        if value == PartyStatusKind.PARTY:
            return queryset.parties()
        if value == PartyStatusKind.SIGNATORY:
            return queryset.signatories_only()
        return queryset


class PartyStatusViewSet(SnippetViewSet):
    model = PartyStatus
    icon = "tick-inverse"
    list_display = [
        "country",
        "instrument",
        Column("status", label=_("status"), accessor="get_status_display"),
        "signature_on",
        "consent_on",
        "entry_into_force_on",
    ]
    filterset_class = PartyStatusFilterSet
    search_fields = ["country__name", "country__iso3", "country__iso2"]
    list_per_page = 50
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("country"), FieldPanel("instrument")]),
        FieldRowPanel([FieldPanel("signature_on"), FieldPanel("consent_on"), FieldPanel("entry_into_force_on")]),
        FieldPanel("consent_kind"),
        FieldPanel("source_reference"),
    ]

    def get_queryset(self, request):
        return PartyStatus.objects.select_related("country", "instrument")


class RegionalCentreViewSet(SnippetViewSet):
    model = RegionalCentre
    icon = "home"
    list_display = [
        "name",
        Column("conventions", label=_("conventions"), accessor="convention_codes"),
        "host_country",
        "city",
    ]
    list_filter = ["conventions"]
    search_fields = ["name", "city", "host_country__name", "host_country__iso2", "host_country__iso3"]
    ordering = "name"
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("conventions", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("host_country"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude"), FieldPanel("geonameid")]),
        FieldPanel("website"),
        FieldPanel("source_url"),
        FieldPanel("countries_served"),
    ]

    def get_queryset(self, request):
        return RegionalCentre.objects.select_related("host_country").prefetch_related("conventions")


class ThematicAreaViewSet(SnippetViewSet):
    """Translated with wagtail-localize, which adds its "Translate" actions
    to translatable snippets."""

    model = ThematicArea
    icon = "tag"
    list_display = ["name", LocaleColumn(), "slug", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]
    list_per_page = 50
    # Drag-and-drop reordering would renumber across every locale at once;
    # editors set the order in the form instead.
    sort_order_field = None
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]


class ReferenceDataViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Reference data")
    menu_icon = "globe"
    menu_order = 300
    items = (
        InstrumentViewSet,
        CountryViewSet,
        RegionalGroupViewSet,
        PartyStatusViewSet,
        RegionalCentreViewSet,
        ThematicAreaViewSet,
    )


register_snippet(ReferenceDataViewSetGroup)
