"""What people search for, for the secretariat: the most frequent queries and
those that found nothing (content to write), over a chosen period."""

from datetime import timedelta

from django.contrib.auth.decorators import permission_required
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from .models import SearchQueryLog

PERIODS = (7, 30, 90, 365)
ROWS = 50


@require_safe
@permission_required("search.view_searchquerylog", raise_exception=True)
def search_terms(request):
    days = request.GET.get("days", "30")
    days = int(days) if days in {str(period) for period in PERIODS} else 30
    since = timezone.localdate() - timedelta(days=days - 1)
    logged = SearchQueryLog.objects.filter(day__gte=since)
    by_query = logged.values("query", "language").annotate(searches=Sum("searches"), last_day=Max("day"))
    frequent = by_query.annotate(results=Max("results")).order_by("-searches", "query")[:ROWS]
    zero = by_query.filter(results=0).order_by("-searches", "query")[:ROWS]
    return render(
        request,
        "search/admin/search_terms.html",
        {
            "days": days,
            "periods": PERIODS,
            "frequent": frequent,
            "zero": zero,
            "total": logged.aggregate(total=Sum("searches"))["total"] or 0,
        },
    )
