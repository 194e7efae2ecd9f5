"""/<lang>/documents/: the library of the conventions' official documents,
and each document with its language versions."""

import re

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from community.models import Question
from conventions.models import Meeting
from core.conventions import CONVENTION_CODES, CONVENTION_FULL_NAMES
from core.mentions import mentioning
from knowledge.models import KnowledgeItemPage

from ..bundles import building_key, ready_bundle
from ..documents import LANGUAGE_ORDER, symbol_slug, versions_for_reader
from ..models import DocumentFile, DocumentKind, OfficialDocument
from ..tasks import build_meeting_bundle

PER_PAGE = 20
CITED_LIMIT = 10
# A ZIP is asked of a worker at most once this often; the waiting page tries again after RETRY_SECONDS.
BUILDING_SECONDS = 600
RETRY_SECONDS = 15
CONVENTION_CHOICES = [
    ("", _("All three conventions")),
    *((code, CONVENTION_FULL_NAMES[code]) for code in CONVENTION_CODES),
]
MAX_QUERY = 200


class LibraryFilters(forms.Form):
    q = forms.CharField(label=_("Symbol or words"), required=False, max_length=MAX_QUERY)
    convention = forms.ChoiceField(
        label=_("Convention"),
        required=False,
        choices=CONVENTION_CHOICES,
        error_messages={"invalid_choice": _("There is no convention with the code “%(value)s”.")},
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.filter(official_documents__in=OfficialDocument.objects.published())
        .distinct()
        .order_by("-start_date"),
        to_field_name="slug",
        required=False,
        empty_label=_("All meetings"),
        error_messages={"invalid_choice": _("There is no meeting with documents at that address.")},
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *DocumentKind.choices],
        error_messages={"invalid_choice": _("There is no type of document “%(value)s”.")},
    )
    language = forms.ChoiceField(
        label=_("Available in"),
        required=False,
        error_messages={"invalid_choice": _("There is no language “%(value)s” among the six.")},
    )
    agenda_item = forms.CharField(label=_("Agenda item"), required=False, max_length=20)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1989,
        max_value=2100,
        error_messages={"invalid": _("Write the year as four digits, e.g. 2025.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *settings.LANGUAGES]

    def understood(self) -> dict:
        """The valid filters; a wrong one is left out (and reported)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) for name in self.fields if name not in self.errors and cleaned.get(name)}


def library_documents(filters: dict):
    documents = OfficialDocument.objects.published()
    if filters.get("convention"):
        documents = documents.filter(conventions__code=filters["convention"])
    if filters.get("meeting"):
        documents = documents.filter(meeting=filters["meeting"])
    if filters.get("kind"):
        documents = documents.filter(kind=filters["kind"])
    if filters.get("language"):
        documents = documents.filter(files__language=filters["language"])
    if filters.get("agenda_item"):
        documents = documents.filter(agenda_item=filters["agenda_item"].strip())
    if filters.get("year"):
        documents = documents.filter(issued_on__year=filters["year"])
    for word in [word for word in (filters.get("q") or "").split() if symbol_slug(word)][:10]:
        documents = documents.filter(Q(search_text__icontains=word) | Q(slug__icontains=symbol_slug(word)))
    return (
        documents.distinct()
        .select_related("meeting", "country")
        .prefetch_related(Prefetch("files", queryset=DocumentFile.objects.order_by("language", "uploaded_at")))
    )


@require_safe
def library(request):
    form = LibraryFilters(request.GET or None)
    filters = form.understood() if form.is_bound else {}
    query = (filters.get("q") or "").strip()
    # A symbol typed in full goes straight to its document.
    if query and "/" in query:
        exact = OfficialDocument.objects.published().filter(slug=symbol_slug(query)).first()
        if exact:
            return redirect(exact.get_absolute_url())
    page = Paginator(library_documents(filters), PER_PAGE).get_page(request.GET.get("page"))
    language = get_language()
    rows = [
        {
            "document": document,
            "title": document.text_in("titles", language),
            "languages": sorted({each.language for each in document.files.all()}, key=LANGUAGE_ORDER.index),
        }
        for document in page.object_list
    ]
    return render(
        request,
        "pages/documents.html",
        {"form": form, "filters": filters, "page": page, "rows": rows},
        status=400 if form.errors else 200,
    )


@require_safe
def detail(request, slug):
    document = get_object_or_404(
        OfficialDocument.objects.published()
        .select_related("meeting", "country")
        .prefetch_related("conventions", "files__file"),
        slug=slug,
    )
    language = get_language()
    cited = [re.escape(document.symbol)]
    return render(
        request,
        "pages/document_detail.html",
        {
            # Questions and knowledge items that name it (whole symbol: UNEP/CHW.16/1 is not UNEP/CHW.16/10).
            "questions": Question.objects.visible_to(request.user)
            .filter(mentioning(["title", "body_markdown"], cited))
            .order_by("-last_activity_at")[:CITED_LIMIT],
            "knowledge_items": KnowledgeItemPage.objects.for_readers()
            .filter(mentioning(["summary", "title"], cited))
            .distinct()
            .for_cards()
            .order_by("-first_published_at")[:CITED_LIMIT],
            "document": document,
            "title": document.text_in("titles", language),
            "summary": document.text_in("summaries", language),
            "language_files": versions_for_reader(document, language),
        },
    )


@require_safe
def meeting_bundle(request, slug, language):
    """All of a meeting's published documents in one language, as one ZIP:
    streamed when built, else asked of a worker (202, the page tries again)."""
    meeting = get_object_or_404(Meeting, slug=slug)
    if language not in LANGUAGE_ORDER:
        raise Http404(_("There is no language “%(value)s” among the six.") % {"value": language})
    name, files = ready_bundle(meeting, language)
    if not files:
        raise Http404(_("This meeting has no document in that language."))
    if name is None:
        if cache.add(building_key(meeting.pk, language), True, BUILDING_SECONDS):
            build_meeting_bundle.enqueue(meeting.pk, language)
        name, files = ready_bundle(meeting, language)  # built already where tasks run in-process
    if name is None:
        response = render(
            request,
            "pages/meeting_bundle_wait.html",
            {"meeting": meeting, "count": len(files), "language": language, "retry": RETRY_SECONDS},
            status=202,
        )
        response["Retry-After"] = str(RETRY_SECONDS)
        return response
    response = FileResponse(default_storage.open(name), as_attachment=True, filename=f"{meeting.slug}-{language}.zip")
    response["Content-Type"] = "application/zip"
    return response
