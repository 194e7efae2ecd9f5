"""The Celery app. Every periodic schedule of the project is declared here."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("brs_hub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic schedules (django-celery-beat reads them at start and keeps them
# editable in the database). Later features add their entries here.
app.conf.beat_schedule = {
    # Digests (subscriptions.digests): every 15 minutes each member's local
    # hour is compared with their digest hour, so time zones a quarter or half
    # an hour off UTC are reached too, and a run stopped half-way (a worker
    # killed) is finished by a later tick within the same hour.
    "start-digest-run": {"task": "subscriptions.digests.start_digest_run", "schedule": crontab(minute="*/15")},
    # The bulk downloads of /<lang>/data/ (api.datasets), at night UTC.
    "build-open-data": {"task": "api.tasks.build_open_data", "schedule": crontab(hour=2, minute=30)},
    # Page views counted in Redis since the last run, into the database (packages.visits).
    "flush-visits": {"task": "packages.tasks.flush_visits", "schedule": crontab(minute="*/5")},
    # The nightly backup (core.backups: database and media, checksummed; BACKUP_KEEP kept).
    "back-up": {"task": "core.tasks.back_up", "schedule": crontab(hour=1, minute=30)},
    # The audit trail kept AUDIT_RETENTION_DAYS (core.audit).
    "prune-audit-trail": {"task": "core.tasks.prune_audit_trail", "schedule": crontab(hour=3, minute=45)},
    # Expired sessions out of the database (they are kept there, read through the cache).
    "clear-expired-sessions": {
        "task": "profiles.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    # The indicators dashboard's figures (packages.indicators), after the visits are flushed.
    "refresh-indicators": {"task": "packages.tasks.refresh_indicators", "schedule": crontab(minute=7)},
}
