"""A django-tasks task for the real-worker test: it proves Wagtail's kind of
background task runs on a Celery worker."""

from pathlib import Path

from django_tasks import task


@task()
def write_marker(path: str, text: str) -> None:
    Path(path).write_text(text)
