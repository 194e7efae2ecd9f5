"""The read API (/api/v1/): what an anonymous visitor may see, as JSON.
Every query here is built for an anonymous visitor, whoever asks (a
partner's key lifts the rate limit, never a visibility rule)."""

import re
import uuid

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import DateTimeField, F, Max, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.response import Response

from community.models import Answer, Question
from conventions.codes import parse_decision_code
from conventions.models import (
    ChemicalProfile,
    Country,
    Decision,
    FocalPoint,
    Listing,
    Meeting,
    PartyStatus,
    RegionalCentre,
    ThematicArea,
)
from core.addresses import absolute_url
from core.mentions import mentioning
from knowledge.locales import one_per_translation
from knowledge.models import KnowledgeItemPage

from . import filters
from .keys import AnonymousReadThrottle, ApiKeyAuthentication
from .models import PublicRecord
from .serializers import (
    ChemicalSerializer,
    CountrySerializer,
    DecisionDetailSerializer,
    DecisionSerializer,
    FocalPointSerializer,
    KnowledgeSerializer,
    MeetingSerializer,
    PartySerializer,
    QuestionSerializer,
    RegionalCentreSerializer,
    TopicSerializer,
)

ANONYMOUS = AnonymousUser()


DELETED_SCHEMA = {
    "type": "array",
    "description": "With updated_since, on the first page: the records that left the open data since then.",
    "items": {
        "type": "object",
        "properties": {"id": {"type": "string"}, "deleted": {"type": "string", "format": "date-time"}},
        "required": ["id", "deleted"],
    },
}


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = filters.MAX_PAGE_SIZE

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["deleted"] = DELETED_SCHEMA
        return response


class Cursor(CursorPagination):
    """For the big lists: a harvester walks them page by page even while
    records are added, and never sees one twice."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = filters.MAX_PAGE_SIZE
    ordering = "id"

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["deleted"] = DELETED_SCHEMA
        return response


class ConditionalMixin:
    authentication_classes = [ApiKeyAuthentication]
    throttle_classes = [AnonymousReadThrottle]
    """ETag (of the body) and Last-Modified (the newest `updated` of the
    records shown) on every answer; a client that sends If-None-Match or
    If-Modified-Since and has the current version gets 304 Not Modified."""

    last_modified = None
    # The field (or annotation) that says when a record last changed.
    updated_field = "updated_at"
    _extra_context: dict = {}

    def extra_context(self, records) -> dict:
        """What the serializer needs besides the records, fetched once for
        all of them (their translations)."""
        return {}

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **self._extra_context}

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._extra_context = self.extra_context(page or [])
        return page

    def list(self, request, *args, **kwargs):
        records = self.filter_queryset(self.get_queryset()).order_by()
        self.last_modified = records.aggregate(latest=Max(self.updated_field))["latest"]
        return super().list(request, *args, **kwargs)

    def get_object(self):
        found = super().get_object()
        self.last_modified = getattr(found, self.updated_field)
        return found

    def retrieve(self, request, *args, **kwargs):
        found = self.get_object()
        self._extra_context = self.extra_context([found])
        return Response(self.get_serializer(found).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        set_response_etag(response)
        # HTTP dates have whole seconds.
        timestamp = int(self.last_modified.timestamp()) if self.last_modified else None
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        return get_conditional_response(request, etag=response["ETag"], last_modified=timestamp, response=response)


class HarvestMixin(ConditionalMixin):
    """A list a node syncs by deltas: `updated_since` gives the records
    changed since then and, on the first page, the ids of those that left
    the open data since then (`deleted`)."""

    resource = ""
    pagination_class = Pages
    filter_backends = [DjangoFilterBackend]

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        since = self._updated_since(request)
        first_page = not ({"page", "cursor"} & set(request.query_params))
        if since is not None and first_page and response.status_code == 200:
            gone = list(
                PublicRecord.objects.withdrawn_since(self.resource, since)
                .order_by("withdrawn_at", "key")
                .values_list("key", "withdrawn_at")
            )
            response.data["deleted"] = [{"id": key, "deleted": when} for key, when in gone]
            if gone and (self.last_modified is None or gone[-1][1] > self.last_modified):
                self.last_modified = gone[-1][1]
        return response

    def _updated_since(self, request):
        if "updated_since" not in request.query_params:
            return None
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        return filterset.form.cleaned_data.get("updated_since") if filterset.is_valid() else None


@extend_schema(tags=["decisions"])
class DecisionViewSet(HarvestMixin, viewsets.ReadOnlyModelViewSet):
    """COP decisions of the three conventions. A decision is named by its
    code with "-" for "/" (BC-14-12 for BC-14/12)."""

    resource = "decisions"
    serializer_class = DecisionSerializer
    filterset_class = filters.DecisionFilter
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z.]+-[0-9]+-[0-9]+"

    def get_queryset(self):
        return (
            Decision.objects.with_year()
            .select_related("convention", "meeting")
            .prefetch_related("thematic_areas")
            .order_by("convention__sort_order", "-is_extraordinary", "meeting_number", "number")
        )

    def get_object(self):
        parsed = parse_decision_code(self.kwargs["code"])
        decision = self.get_queryset().filter(code=parsed.code).first() if parsed else None
        if decision is None:
            raise NotFound("No decision has this code.")
        self.last_modified = decision.updated_at
        return decision

    def retrieve(self, request, *args, **kwargs):
        decision = self.get_object()
        serializer = DecisionDetailSerializer(
            decision, context={**self.get_serializer_context(), "cited_by": cited_by(decision)}
        )
        return Response(serializer.data)


def cited_by(decision) -> dict[str, list[dict]]:
    """The published knowledge items and public questions that cite the
    decision (as BC-14/12, or as in its address, BC-14-12)."""
    items = (
        one_per_translation(
            KnowledgeItemPage.objects.published().filter(decision_references__code__iexact=decision.code),
            settings.LANGUAGE_CODE,
        )
        .distinct()
        .order_by("-first_published_at")
    )
    pattern = [re.escape(decision.code).replace("/", "[/-]")]
    questions = (
        Question.objects.visible_to(ANONYMOUS)
        .filter(mentioning(["title", "body_markdown"], pattern))
        .order_by("-created_at")
    )
    return {
        "knowledge": [
            {"id": str(item.translation_key), "title": item.title, "link": absolute_url(item.url)} for item in items
        ],
        "questions": [
            {"id": question.pk, "title": question.title, "link": absolute_url(question.get_absolute_url())}
            for question in questions
        ],
    }


@extend_schema(tags=["meetings"])
class MeetingViewSet(HarvestMixin, viewsets.ReadOnlyModelViewSet):
    """The joint calendar: meetings of the three conventions, past and coming
    (cancelled and postponed ones included, with their status)."""

    resource = "meetings"
    serializer_class = MeetingSerializer
    filterset_class = filters.MeetingFilter
    lookup_field = "slug"

    def get_queryset(self):
        return Meeting.objects.select_related("country").prefetch_related("conventions").order_by("start_date", "slug")


def party_statuses():
    return Prefetch(
        "party_statuses", queryset=PartyStatus.objects.select_related("instrument").order_by("instrument__sort_order")
    )


def country_updated():
    """When anything shown of a country last changed: itself or a status."""
    latest_status = PartyStatus.objects.filter(country=OuterRef("pk")).order_by("-updated_at").values("updated_at")[:1]
    return Greatest(F("updated_at"), Coalesce(Subquery(latest_status), F("updated_at")), output_field=DateTimeField())


@extend_schema(tags=["parties"])
class PartyViewSet(HarvestMixin, viewsets.ReadOnlyModelViewSet):
    """Every country with a status under an instrument: party or signatory,
    and the dates of signature, consent to be bound and entry into force."""

    resource = "parties"
    serializer_class = PartySerializer
    filterset_class = filters.PartyFilter
    lookup_field = "iso3"
    lookup_value_regex = "[A-Za-z]{3}"
    updated_field = "updated"

    def get_queryset(self):
        with_status = PartyStatus.objects.values("country_id")
        return (
            Country.objects.filter(pk__in=with_status)
            .annotate(updated=country_updated())
            .prefetch_related(party_statuses())
            .order_by("iso3")
        )

    not_found = "No party has this ISO 3166 alpha-3 code."

    def get_object(self):
        found = self.get_queryset().filter(iso3__iexact=self.kwargs["iso3"]).first()
        if found is None:
            raise NotFound(self.not_found)
        self.last_modified = found.updated
        return found


@extend_schema(tags=["countries"])
class CountryViewSet(PartyViewSet):
    """Every country (and the European Union) in brief: names in the six
    languages, UN regional groups, the instruments it is a party to, its
    focal points and the regional centres serving it."""

    resource = "countries"
    not_found = "No country has this ISO 3166 alpha-3 code."
    serializer_class = CountrySerializer
    filterset_class = filters.CountryFilter

    def get_queryset(self):
        return (
            Country.objects.annotate(updated=country_updated())
            .prefetch_related(
                party_statuses(),
                "regional_groups",
                Prefetch("focal_points", queryset=FocalPoint.objects.only("pk", "country_id")),
                Prefetch("regional_centres", queryset=RegionalCentre.objects.only("pk", "slug")),
            )
            .order_by("iso3")
        )


@extend_schema(tags=["chemicals"])
class ChemicalViewSet(HarvestMixin, viewsets.ReadOnlyModelViewSet):
    """Chemicals listed under the conventions and waste streams: names, CAS
    numbers, annexes and the decisions that listed them."""

    resource = "chemicals"
    serializer_class = ChemicalSerializer
    filterset_class = filters.ChemicalFilter
    lookup_field = "slug"
    updated_field = "updated"

    def get_queryset(self):
        latest_listing = (
            Listing.objects.filter(profile=OuterRef("pk")).order_by("-updated_at").values("updated_at")[:1]
        )
        return (
            ChemicalProfile.objects.annotate(
                updated=Greatest(
                    F("updated_at"), Coalesce(Subquery(latest_listing), F("updated_at")), output_field=DateTimeField()
                )
            )
            .prefetch_related(
                Prefetch("listings", queryset=Listing.objects.select_related("decision").order_by("annex", "entry")),
                "thematic_areas",
                "decisions",
            )
            .order_by("kind", "name", "slug")
        )


@extend_schema(tags=["regional-centres"])
class RegionalCentreViewSet(HarvestMixin, viewsets.ReadOnlyModelViewSet):
    """The Basel and Stockholm regional centres: where they are, which
    conventions they serve and for which countries."""

    resource = "regional-centres"
    serializer_class = RegionalCentreSerializer
    filterset_class = filters.RegionalCentreFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            RegionalCentre.objects.select_related("host_country")
            .prefetch_related("conventions", "countries_served")
            .order_by("name", "slug")
        )


@extend_schema(tags=["focal-points"])
class FocalPointViewSet(HarvestMixin, viewsets.ReadOnlyModelViewSet):
    """The official contacts the conventions designate, as they publish
    them (without email addresses or telephone numbers: see `source`)."""

    resource = "focal-points"
    serializer_class = FocalPointSerializer
    filterset_class = filters.FocalPointFilter

    def get_queryset(self):
        return FocalPoint.objects.select_related("country").order_by("country__iso3", "kind", "id")


@extend_schema(tags=["topics"])
class TopicViewSet(HarvestMixin, viewsets.ReadOnlyModelViewSet):
    """The thematic areas the hub files everything under, with their names
    in every language."""

    resource = "topics"
    serializer_class = TopicSerializer
    filterset_class = filters.TopicFilter
    lookup_field = "slug"
    updated_field = "updated"

    def get_queryset(self):
        latest = (
            ThematicArea.objects.filter(translation_key=OuterRef("translation_key"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return ThematicArea.objects.originals().annotate(updated=Subquery(latest)).order_by("sort_order", "slug")

    def extra_context(self, records) -> dict:
        return {"translations": translations_of(ThematicArea, records)}


def translations_of(model, records, narrow=None) -> dict:
    """{translation_key: [each version, in the order of LANGUAGES]} for the records, in one query."""
    order = [code for code, _name in settings.LANGUAGES]
    versions = model.objects.filter(translation_key__in=[record.translation_key for record in records or []])
    if narrow is not None:  # e.g. only the published versions
        versions = narrow(versions)
    found: dict = {}
    for version in versions.select_related("locale"):
        found.setdefault(version.translation_key, []).append(version)
    for key in found:
        found[key].sort(key=lambda version: order.index(version.locale.language_code))
    return found


def published_versions(versions):
    return versions.live().public().filter(alias_of__isnull=True)


@extend_schema(tags=["knowledge"])
class KnowledgeViewSet(HarvestMixin, viewsets.ReadOnlyModelViewSet):
    """Published knowledge items (best practices, project summaries, examples
    of coordination, awareness materials, legal information), each once,
    with every language version."""

    resource = "knowledge"
    serializer_class = KnowledgeSerializer
    filterset_class = filters.KnowledgeFilter
    pagination_class = Cursor
    lookup_field = "translation_key"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    updated_field = "updated"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema needs only the model
            return KnowledgeItemPage.objects.none()
        latest = (
            published_versions(KnowledgeItemPage.objects.filter(translation_key=OuterRef("translation_key")))
            .order_by("-last_published_at")
            .values("last_published_at")[:1]
        )
        originals = one_per_translation(
            KnowledgeItemPage.objects.published().filter(alias_of__isnull=True), settings.LANGUAGE_CODE
        )
        return (
            originals.annotate(updated=Coalesce(Subquery(latest), F("last_published_at"), F("first_published_at")))
            .select_related("content_type", "locale")
            .prefetch_related(
                "conventions",
                "thematic_areas",
                "countries",
                "tags",
                "decision_references",
                "attachments__document",
            )
        )

    def extra_context(self, records) -> dict:
        return {"versions": translations_of(KnowledgeItemPage, records, published_versions)}

    def get_object(self):
        try:
            key = uuid.UUID(self.kwargs["id"])
        except ValueError:
            raise NotFound("No published knowledge item has this id.") from None
        found = self.filter_queryset(self.get_queryset()).filter(translation_key=key).first()
        if found is None:
            raise NotFound("No published knowledge item has this id.")
        self.last_modified = found.updated
        return found


@extend_schema(tags=["questions"])
class QuestionViewSet(HarvestMixin, viewsets.ReadOnlyModelViewSet):
    """Public questions of the forum (not those of private groups, nor any
    awaiting review or taken down) with their visible answers."""

    resource = "questions"
    serializer_class = QuestionSerializer
    filterset_class = filters.QuestionFilter
    pagination_class = Cursor

    def get_queryset(self):
        visible_answers = (
            Answer.objects.visible_to(ANONYMOUS).select_related("author__profile").order_by("created_at", "pk")
        )
        return (
            Question.objects.visible_to(ANONYMOUS)
            .select_related("author", "author__profile", "group")
            .prefetch_related(
                Prefetch("answers", queryset=visible_answers, to_attr="visible_answers"),
                "conventions",
                "thematic_areas",
                "countries",
                "tags",
            )
        )
