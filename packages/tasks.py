from celery import shared_task

from core.tasks import HubTask

from . import indicators, visits


@shared_task(base=HubTask)
def flush_visits() -> int:
    """Every few minutes (Celery beat): the counted visits into the database."""
    return visits.flush()


@shared_task(base=HubTask)
def refresh_indicators() -> int:
    """Every hour (Celery beat): the indicators dashboard's figures, computed
    afresh from the rest of the hub (packages.indicators)."""
    return indicators.refresh()
