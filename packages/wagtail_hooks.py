"""The packages' admin: page feedback (read and marked handled), the
satisfaction surveys, the indicators report, and the official documents
with the rule that keeps their files private until published."""

import logging

import django_filters
from django import forms
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from profiles.permissions import is_secretariat

from . import admin_views
from .documents_admin import AgendaItemViewSet, OfficialDocumentViewSet
from .models import DocumentFile, OfficialDocument, PageFeedback
from .survey_admin import SurveyViewSet

logger = logging.getLogger(__name__)


class FeedbackFilterSet(WagtailFilterSet):
    handled = django_filters.BooleanFilter(
        field_name="handled_at", lookup_expr="isnull", exclude=True, label=_("handled")
    )

    class Meta:
        model = PageFeedback
        fields = ["useful", "language"]


class HandleForm(WagtailAdminModelForm):
    """Only whether it was handled can change: what the visitor sent stays as sent."""

    handled = forms.BooleanField(label=_("Handled"), required=False)

    class Meta:
        model = PageFeedback
        fields = []

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user = for_user
        self.fields["handled"].initial = self.instance.handled_at is not None

    def save(self, commit=True):
        if self.cleaned_data["handled"] and self.instance.handled_at is None:
            self.instance.handled_at, self.instance.handled_by = timezone.now(), self.user
        elif not self.cleaned_data["handled"]:
            self.instance.handled_at, self.instance.handled_by = None, None
        return super().save(commit)


class PageFeedbackViewSet(ModelViewSet):
    model = PageFeedback
    icon = "comment"
    menu_label = _("Page feedback")
    add_to_admin_menu = True
    menu_order = 300
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    filterset_class = FeedbackFilterSet
    list_display = [
        Column("path", label=_("page")),
        BooleanColumn("useful", label=_("useful")),
        Column("comment", label=_("comment")),
        Column("language", label=_("language")),
        DateColumn("created_at", label=_("received")),
        DateColumn("handled_at", label=_("handled")),
    ]

    def get_form_class(self, for_update=False):
        return HandleForm


@hooks.register("register_admin_viewset")
def register_page_feedback():
    return PageFeedbackViewSet("page_feedback")


@hooks.register("register_admin_viewset")
def register_surveys():
    return SurveyViewSet("surveys")


@hooks.register("register_admin_urls")
def register_indicators_report_url():
    return [path("reports/indicators/", admin_views.indicators_report, name="indicators_report")]


class IndicatorsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("packages.view_indicatorfigure")


@hooks.register("register_reports_menu_item")
def register_indicators_report_menu_item():
    return IndicatorsReportMenuItem(
        _("Indicators report"), reverse("indicators_report"), icon_name="doc-full", order=710
    )


@hooks.register("register_admin_viewset")
def register_official_documents():
    return OfficialDocumentViewSet("official_documents")


@hooks.register("register_admin_viewset")
def register_agenda_items():
    return AgendaItemViewSet("agenda_items")


@hooks.register("before_serve_document")
def keep_unpublished_official_documents_private(document, request):
    """An official document's files are public once it is published; before
    that only the secretariat may download them."""
    # By the link to the document, not the collection: a file moved to
    # another collection is still a language version of its document.
    recorded = DocumentFile.objects.filter(file=document).values_list("stored_name", flat=True).first()
    if recorded is None:
        return None
    if recorded != document.file.name:
        # Replaced in Wagtail's Documents admin: not the file the checksum is of.
        logger.error("Official document file %s was replaced outside the library; not served.", document.pk)
        raise Http404
    if OfficialDocument.objects.published().filter(files__file=document).exists():
        return None
    if is_secretariat(request.user):
        return None
    raise Http404
