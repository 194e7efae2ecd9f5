"""The secretariat's side of the satisfaction survey: create a survey, open
and close it, and read its results added up, with the "what is missing"
texts. No view lists the responses one by one."""

from collections import Counter
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db.models import Avg, Count
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn, Table
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from conventions.names import sorted_by_name

from .models import SURVEY_ROLES, SURVEY_USES, Survey, SurveyStatus
from .survey import SATISFACTION_CHOICES, close_survey, open_survey

# Where a survey can go from each status: reopening a closed survey is
# allowed (closed too soon); back to draft once opened is not, as it has answers.
NEXT_STATUSES = {
    None: [SurveyStatus.DRAFT, SurveyStatus.OPEN],
    SurveyStatus.DRAFT: [SurveyStatus.DRAFT, SurveyStatus.OPEN],
    SurveyStatus.OPEN: [SurveyStatus.OPEN, SurveyStatus.CLOSED],
    SurveyStatus.CLOSED: [SurveyStatus.CLOSED, SurveyStatus.OPEN],
}


class SurveyAdminForm(WagtailAdminModelForm):
    """Title and address as typed; the status changes through open_survey
    and close_survey, which date the change and tell the site's pages."""

    status = forms.ChoiceField(
        label=_("Status"),
        help_text=_(
            "Open: anyone with the link can answer, and signed-in members are offered the survey once. "
            "Closed: no more answers; the results stay."
        ),
        error_messages={
            "invalid_choice": _(
                "A survey goes from not yet open to open, then to closed (and may be opened again); "
                "once opened it cannot go back to not yet open."
            )
        },
    )

    class Meta:
        model = Survey
        fields = ["title", "slug"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        current = SurveyStatus(self.instance.status) if self.instance.pk else None
        self.fields["status"].choices = [(status.value, status.label) for status in NEXT_STATUSES[current]]
        self.fields["status"].initial = self.instance.status

    def save(self, commit=True):
        previous = self.instance.status if self.instance.pk else SurveyStatus.DRAFT
        survey = super().save(commit)
        status = self.cleaned_data["status"]
        if status != previous:
            if status == SurveyStatus.OPEN:
                open_survey(survey)
            elif status == SurveyStatus.CLOSED:
                close_survey(survey)
        return survey


class SurveyIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(response_count=Count("responses"))


@dataclass
class Row:
    answer: str
    responses: int
    share: str


@dataclass
class MissingRow:
    text: str
    language: str
    received: object


def _count_table(counts: Counter, labels: list[tuple], total: int, caption=None) -> Table | str:
    """Responses per answer, in the order the question lists them."""
    if not total:
        return _("No answers yet.")
    rows = [
        Row(str(label), counts.get(key, 0), f"{number_format(100 * counts.get(key, 0) / total, 0)} %")
        for key, label in labels
    ]
    columns = [
        Column("answer", label=_("Answer")),
        Column("responses", label=_("Responses")),
        Column("share", label=_("Share of responses")),
    ]
    return Table(columns, rows, caption=caption)


class SurveyResultsView(InspectView):
    """A survey's results, added up: per question, how many chose each
    answer; the average satisfaction; every "what is missing" text, escaped
    (the table cells are autoescaped templates)."""

    page_title = _("Results")
    RESULTS = [
        "title",
        "slug",
        "status",
        "opened_at",
        "closed_at",
        "response_count",
        "average_satisfaction",
        "satisfaction",
        "uses",
        "role",
        "region",
        "country",
        "language",
        "missing",
    ]
    LABELS = {
        "response_count": _("Responses"),
        "average_satisfaction": _("Average satisfaction (1 to 5)"),
        "satisfaction": _("Overall satisfaction"),
        "uses": _("What they use"),
        "role": _("Role"),
        "region": _("UN regional group"),
        "country": _("Country"),
        "language": _("Language answered in"),
        "missing": _("What is missing"),
    }

    def get_fields(self):
        return self.RESULTS

    def get_field_label(self, field_name, field):
        if field_name in self.LABELS:
            return self.LABELS[field_name]
        return super().get_field_label(field_name, field)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.responses = self.object.responses.all()
        self.total = self.responses.count()

    def _counts(self, field: str) -> Counter:
        return Counter(dict(self.responses.values_list(field).annotate(n=Count("pk")).order_by()))

    def get_opened_at_display_value(self):
        return self.object.opened_at or "—"

    def get_closed_at_display_value(self):
        return self.object.closed_at or "—"

    def get_response_count_display_value(self):
        return self.total

    def get_average_satisfaction_display_value(self):
        average = self.responses.aggregate(average=Avg("satisfaction"))["average"]
        return "—" if average is None else number_format(average, 1)

    def get_satisfaction_display_value(self):
        return _count_table(self._counts("satisfaction"), SATISFACTION_CHOICES, self.total)

    def get_uses_display_value(self):
        # A JSON list per response: counted here, which any database can do.
        counts = Counter(key for uses in self.responses.values_list("uses", flat=True) for key in uses or [])
        return _count_table(counts, SURVEY_USES, self.total, _("What they use (several answers each)"))

    def get_role_display_value(self):
        return _count_table(self._counts("role"), [*SURVEY_ROLES, ("", _("Not said"))], self.total)

    def get_region_display_value(self):
        counts = self._counts("region")
        regions = sorted_by_name(
            {response.region for response in self.responses.filter(region__isnull=False).select_related("region")},
            lambda region: region.local_name,
        )
        labels = [(region.pk, region.local_name) for region in regions] + [(None, _("Not said"))]
        return _count_table(counts, labels, self.total)

    def get_country_display_value(self):
        counts = self._counts("country")
        countries = sorted_by_name(
            {response.country for response in self.responses.filter(country__isnull=False).select_related("country")},
            lambda country: country.local_name,
        )
        labels = [(country.pk, country.local_name) for country in countries] + [(None, _("Not said"))]
        return _count_table(counts, labels, self.total)

    def get_language_display_value(self):
        counts = self._counts("language")
        return _count_table(counts, settings.LANGUAGES, self.total)

    def get_missing_display_value(self):
        rows = [
            MissingRow(text, language, received)
            for text, language, received in self.responses.exclude(missing="").values_list(
                "missing", "language", "created_at"
            )
        ]
        if not rows:
            return _("Nobody wrote anything yet.")
        columns = [
            Column("text", label=_("What is missing")),
            Column("language", label=_("Language")),
            DateColumn("received", label=_("Received")),
        ]
        return Table(columns, rows, caption=_("What is missing, newest first"))


class SurveyViewSet(ModelViewSet):
    model = Survey
    icon = "list-ul"
    menu_label = _("Satisfaction surveys")
    add_to_admin_menu = True
    menu_order = 310
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = SurveyIndexView
    inspect_view_class = SurveyResultsView
    list_display = [
        "title",
        Column("status", label=_("status"), accessor="get_status_display"),
        Column("response_count", label=_("responses"), sort_key="response_count"),
        DateColumn("opened_at", label=_("opened")),
        DateColumn("closed_at", label=_("closed")),
    ]

    def get_form_class(self, for_update=False):
        return SurveyAdminForm
