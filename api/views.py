"""The read API (/api/v1/): what an anonymous visitor may see, as JSON."""

from django.db.models import Max
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination

from conventions.codes import parse_decision_code
from conventions.models import Decision, Meeting

from .filters import DecisionFilter, MeetingFilter
from .serializers import DecisionSerializer, MeetingSerializer


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ConditionalMixin:
    """ETag (of the body) and Last-Modified (the newest `updated` of the
    records shown) on every answer; a client that sends If-None-Match or
    If-Modified-Since and has the current version gets 304 Not Modified."""

    last_modified = None

    def list(self, request, *args, **kwargs):
        latest = self.filter_queryset(self.get_queryset()).aggregate(latest=Max("updated_at"))["latest"]
        self.last_modified = latest
        return super().list(request, *args, **kwargs)

    def get_object(self):
        found = super().get_object()
        self.last_modified = found.updated_at
        return found

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


@extend_schema(tags=["decisions"])
class DecisionViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """COP decisions of the three conventions. A decision is named by its
    code with "-" for "/" (BC-14-12 for BC-14/12)."""

    serializer_class = DecisionSerializer
    pagination_class = Pages
    filter_backends = [DjangoFilterBackend]
    filterset_class = DecisionFilter
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


@extend_schema(tags=["meetings"])
class MeetingViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """The joint calendar: meetings of the three conventions, past and coming
    (cancelled and postponed ones included, with their status)."""

    serializer_class = MeetingSerializer
    pagination_class = Pages
    filter_backends = [DjangoFilterBackend]
    filterset_class = MeetingFilter
    lookup_field = "slug"

    def get_queryset(self):
        return Meeting.objects.select_related("country").prefetch_related("conventions").order_by("start_date", "slug")
