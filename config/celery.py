"""The Celery app. Every periodic schedule of the project is declared here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("brs_hub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic schedules (django-celery-beat reads them at start and keeps them
# editable in the database). Later features add their entries here.
app.conf.beat_schedule = {}
