"""Run Wagtail's background tasks (django-tasks) on Celery.

Wagtail 8 enqueues its own work (reference index updates, image renditions,
file deletion) through django-tasks. This backend hands each one to a
Celery task after the transaction commits, so the same workers that send
email run them; with CELERY_TASK_ALWAYS_EAGER they run in-process.
"""

from celery import shared_task
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_module_path, get_random_id

from core.tasks import HubTask


class CeleryTaskBackend(BaseTaskBackend):
    supports_defer = False
    supports_priority = True

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        run_django_task.enqueue(get_module_path(task.func), result.args, result.kwargs)
        return result


@shared_task(base=HubTask, ignore_result=True)
def run_django_task(task_path: str, args: list, kwargs: dict) -> None:
    """Run one django-tasks task by its dotted path (the @task wrapper's name)."""
    task = import_string(task_path)
    # The dotted path names the module-level function, which @task replaced
    # with a Task object; its .func is the original callable.
    func = getattr(task, "func", task)
    func(*args, **kwargs)
