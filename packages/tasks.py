from celery import shared_task

from core.tasks import HubTask

from . import visits


@shared_task(base=HubTask)
def flush_visits() -> int:
    """Every few minutes (Celery beat): the counted visits into the database."""
    return visits.flush()
