"""The "Reference data" menu of the Wagtail admin: editors maintain the
conventions, countries, UN regional groups, party status, regional centres,
thematic areas, meetings, COP decisions, chemical and waste profiles with
their listings, and focal points there. The importers (``manage.py
import_reference_data``) fill the same tables; a later import keeps what an
editor changed unless it is run with ``--overwrite``."""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, LocaleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .codes import parse_decision_code
from .constants import ListingAnnex, PartyStatusKind
from .importers import describe_cas_problem, known_time_zones
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
from .services import MEETING_SCHEDULE_FIELDS
from .vocabulary import topics


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


class MeetingForm(WagtailAdminModelForm):
    """Refuses a meeting that ends before it starts or has an unknown time
    zone, and raises the meeting's calendar sequence when its dates, place
    or status change, so that subscribed calendars replace their copy."""

    def clean_timezone(self):
        timezone = self.cleaned_data["timezone"].strip()
        if timezone not in known_time_zones():
            raise ValidationError(
                _("“%(value)s” is not a time zone name such as Africa/Dakar."), params={"value": timezone}
            )
        return timezone

    def clean(self):
        cleaned_data = super().clean()
        start_date, end_date = cleaned_data.get("start_date"), cleaned_data.get("end_date")
        if start_date and end_date and end_date < start_date:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        start_time, end_time = cleaned_data.get("start_time"), cleaned_data.get("end_time")
        if start_date and start_date == end_date and start_time and end_time and end_time <= start_time:
            self.add_error("end_time", _("On a one-day meeting, the end must be after the start."))
        return cleaned_data

    def save(self, commit=True):
        if self.instance.pk and set(self.changed_data) & set(MEETING_SCHEDULE_FIELDS):
            self.instance.sequence += 1
        return super().save(commit=commit)


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "date"
    list_display = ["title", "kind", "start_date", "end_date", "status", "city"]
    list_filter = ["kind", "status", "conventions"]
    search_fields = ["title", "slug", "city", "venue"]
    ordering = "-start_date"
    list_per_page = 50
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("status")]),
            FieldPanel("conventions", widget=forms.CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time"), FieldPanel("timezone")]),
            FieldRowPanel([FieldPanel("city"), FieldPanel("venue"), FieldPanel("country")]),
            FieldPanel("online_url"),
            FieldPanel("documents_url"),
            FieldPanel("description"),
        ],
        base_form_class=MeetingForm,
    )

    def get_queryset(self, request):
        return Meeting.objects.select_related("country")


class DecisionForm(WagtailAdminModelForm):
    """Editors type the code; the convention, meeting number and decision
    number follow from it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "thematic_areas" in self.fields:
            self.fields["thematic_areas"].queryset = topics()

    def clean_code(self):
        code = parse_decision_code(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(
                _("“%(value)s” is not a decision code such as BC-14/12, SC-4/17 or BC.Ex-1/1."),
                params={"value": self.cleaned_data["code"]},
            )
        convention = Instrument.objects.filter(code=code.convention).first()
        if convention is None:
            raise ValidationError(
                _("The convention %(code)s is not in the reference data."), params={"code": code.convention}
            )
        self.instance.convention = convention
        self.instance.meeting_number = code.meeting
        self.instance.is_extraordinary = code.extraordinary
        self.instance.number = code.number
        return code.code


class DecisionViewSet(SnippetViewSet):
    model = Decision
    icon = "doc-full-inverse"
    list_display = ["code", "title", "convention", "year"]
    list_filter = ["convention", "thematic_areas"]
    search_fields = ["code", "title", "summary"]
    list_per_page = 50
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("code"), FieldPanel("year")]),
            FieldPanel("title"),
            FieldPanel("meeting"),
            FieldPanel("summary"),
            FieldPanel("text"),
            FieldPanel("official_url"),
            FieldPanel("thematic_areas", widget=forms.CheckboxSelectMultiple),
            FieldPanel("related"),
        ],
        base_form_class=DecisionForm,
    )

    def get_queryset(self, request):
        return Decision.objects.select_related("convention")


def split_lines(text: str) -> list[str]:
    """The items of a text box, one per line (``;`` separates them too)."""
    return list(dict.fromkeys(item.strip() for item in re.split(r"[;\n]", text or "") if item.strip()))


class ChemicalProfileForm(WagtailAdminModelForm):
    """CAS numbers and synonyms are typed one per line; every CAS number's
    check digit is verified."""

    cas_numbers = forms.CharField(
        label=_("CAS numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. 50-29-3. Check digits are verified."),
    )
    synonyms = forms.CharField(
        label=_("synonyms"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["cas_numbers"] = "\n".join(self.instance.cas_numbers or [])
            self.initial["synonyms"] = "\n".join(self.instance.synonyms or [])
        if "thematic_areas" in self.fields:
            self.fields["thematic_areas"].queryset = topics()

    def clean_cas_numbers(self):
        numbers = split_lines(self.cleaned_data["cas_numbers"])
        problems = [problem for problem in map(describe_cas_problem, numbers) if problem]
        if problems:
            raise ValidationError(problems)
        return numbers

    def clean_synonyms(self):
        return split_lines(self.cleaned_data["synonyms"])


class ChemicalProfileViewSet(SnippetViewSet):
    model = ChemicalProfile
    icon = "snippet"
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "summary"]
    ordering = ["kind", "name"]
    list_per_page = 50
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
            FieldPanel("slug"),
            FieldPanel("cas_numbers"),
            FieldPanel("synonyms"),
            FieldPanel("summary"),
            FieldPanel("thematic_areas", widget=forms.CheckboxSelectMultiple),
            FieldPanel("decisions"),
        ],
        base_form_class=ChemicalProfileForm,
    )


class ListingForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        annex, category = cleaned_data.get("annex"), cleaned_data.get("category")
        if annex == ListingAnnex.RC_III and not category:
            self.add_error("category", _("A Rotterdam Annex III listing has a category."))
        if annex and annex != ListingAnnex.RC_III and category:
            self.add_error("category", _("Only Rotterdam Annex III listings have a category."))
        return cleaned_data


class ListingViewSet(SnippetViewSet):
    """Listings are a list of their own: they are not part of the profile's
    form (that would need a ParentalKey from Listing to the profile)."""

    model = Listing
    icon = "list-ul"
    list_display = ["profile", "annex", "entry", "category"]
    list_filter = ["annex", "category"]
    search_fields = ["profile__name", "entry"]
    ordering = ["profile__name", "annex"]
    list_per_page = 50
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("profile"),
            FieldRowPanel([FieldPanel("annex"), FieldPanel("category")]),
            FieldPanel("entry"),
            FieldPanel("specific_exemptions"),
            FieldPanel("decision"),
            FieldPanel("source"),
        ],
        base_form_class=ListingForm,
    )

    def get_queryset(self, request):
        return Listing.objects.select_related("profile")


class FocalPointViewSet(SnippetViewSet):
    model = FocalPoint
    icon = "user"
    list_display = ["country", "kind", "organisation", "person", "updated_on"]
    list_filter = ["kind"]
    search_fields = ["country__name", "country__iso3", "organisation", "office", "person", "email"]
    list_per_page = 50
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("country"), FieldPanel("kind")]),
        FieldPanel("organisation"),
        FieldPanel("office"),
        FieldRowPanel([FieldPanel("person"), FieldPanel("position")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")]),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("source_url"), FieldPanel("updated_on")]),
    ]

    def get_queryset(self, request):
        return FocalPoint.objects.select_related("country")


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
        MeetingViewSet,
        DecisionViewSet,
        ChemicalProfileViewSet,
        ListingViewSet,
        FocalPointViewSet,
    )


register_snippet(ReferenceDataViewSetGroup)
