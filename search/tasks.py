from celery import shared_task

from core.indexing import source, sources
from core.tasks import HubTask

from . import services


@shared_task(base=HubTask)
def index_object(label: str, pk: int) -> int:
    """(Re)index one object as it is when the task runs: safe to run twice."""
    return services.index_object(label, pk)


@shared_task(base=HubTask)
def index_objects(label: str, pks: list[int]) -> int:
    """(Re)index several objects of one source (the items under a page)."""
    return services.index_objects(label, pks)


@shared_task(base=HubTask)
def index_under_page(page_id: int) -> int:
    """A page unpublished, moved or restricted: the rows of everything at
    and under it, re-read (their addresses and audience may have changed)."""
    return sum(
        services.index_objects(label, each.under_page(page_id))
        for label, each in sources().items()
        if each.under_page is not None
    )


@shared_task(base=HubTask)
def index_dependents(label: str, pk: int) -> int:
    """Something whose audience others follow changed (a group made private
    or open): the rows of its dependents (its questions), re-read."""
    its_source = source(label)
    instance = its_source.queryset().filter(pk=pk).first()
    if instance is None or its_source.dependents is None:
        return 0
    return sum(services.index_objects(other, list(ids)) for other, ids in its_source.dependents(instance).items())
