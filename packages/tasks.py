from celery import shared_task
from django.core.cache import cache

from conventions.models import Meeting
from core.tasks import HubTask

from . import bundles, indicators, visits


@shared_task(base=HubTask)
def flush_visits() -> int:
    """Every few minutes (Celery beat): the counted visits into the database."""
    return visits.flush()


@shared_task(base=HubTask)
def refresh_indicators() -> int:
    """Every hour (Celery beat): the indicators dashboard's figures, computed
    afresh from the rest of the hub (packages.indicators)."""
    return indicators.refresh()


@shared_task(base=HubTask)
def build_meeting_bundle(meeting_id: int, language: str) -> str | None:
    """A meeting's documents in one language as one ZIP (packages.bundles);
    nothing to do when it is built already."""
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    try:
        return bundles.build_bundle(meeting, language) if meeting else None
    finally:
        cache.delete(bundles.building_key(meeting_id, language))
