from celery import shared_task

from . import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def index_object(label: str, pk: int) -> int:
    """(Re)index one object as it is when the task runs: safe to run twice."""
    return services.index_object(label, pk)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def index_group_content(group_id: int) -> int:
    """A group's privacy changed: its questions' rows change audience."""
    from community.models import Question

    return services.index_objects("question", Question.objects.filter(group_id=group_id).values_list("pk", flat=True))
