from celery import shared_task

from core.tasks import HubTask

from . import datasets


@shared_task(base=HubTask)
def build_open_data() -> str:
    """Rebuild the bulk downloads (nightly, by Celery beat). Safe to run
    twice: each run writes a folder of its own and the newest wins."""
    return datasets.build().folder
