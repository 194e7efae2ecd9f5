"""The one base class of the hub's Celery tasks.

Every task is idempotent (safe to run twice), so every task is acknowledged
late: a worker that dies half-way leaves its task to be redelivered. Trouble
with the network (the broker, the mail server, an HTTP service: OSError and
its subclasses, smtplib's errors among them) or with the database (a
restart, a failover: OperationalError, InterfaceError) is retried with exponential
back-off (30 s, 1 min, 2 min, … at most 10 min apart, with jitter), up to
eight times over about three quarters of an hour; any other error is
a bug and is not retried. A task that handles part of its work itself (a
digest batch retries only the members whose send failed) calls
`retry_later` for the same policy.

    @shared_task(base=HubTask)
    def index_object(label, pk): ...

    index_object.enqueue(label, pk)   # after the transaction commits
"""

import logging

from celery import Task, shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import InterfaceError, transaction
from django.db import OperationalError as DatabaseOperationalError
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


class HubTask(Task):
    acks_late = True
    autoretry_for = (OSError, DatabaseOperationalError, InterfaceError)
    retry_backoff = 30  # seconds before the first retry; doubled each time
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 8

    def enqueue(self, *args, **kwargs) -> None:
        """Queue the task once the current transaction commits (never if it
        rolls back; at once outside a transaction). Nothing that goes wrong
        then fails a request that has already committed (robust): a broker
        that is down, or, with tasks run in-process (the embedded default),
        the task itself. The failure is logged; the work is picked up by the
        next run that covers it (update_index, the next digest run) or asked
        for again (a confirmation email)."""
        self.enqueue_with({}, *args, **kwargs)

    def enqueue_with(self, options: dict, *args, **kwargs) -> None:
        """enqueue, with options of apply_async (a queue chosen at run time)."""
        transaction.on_commit(lambda: self.send_now(args, kwargs, options), robust=True)

    def send_now(self, args, kwargs, options) -> None:
        try:
            self.apply_async(args, kwargs, **options)
        except OperationalError:
            logger.exception("could not queue %s%r", self.name, args)

    def retry_later(self, *, args, exc):
        """Retry with other arguments, on the same policy as autoretry (bound tasks only)."""
        countdown = get_exponential_backoff_interval(
            factor=self.retry_backoff, retries=self.request.retries, maximum=self.retry_backoff_max, full_jitter=True
        )
        return self.retry(args=args, countdown=countdown, exc=exc)


@shared_task(base=HubTask)
def back_up() -> str:
    """The nightly backup (core.backups), then the oldest beyond BACKUP_KEEP
    removed. A failure is logged and raised: the task's error is the alert."""
    from core.backups import create_backup, keep_setting, prune_backups

    name = create_backup()
    prune_backups(keep_setting())
    return name


@shared_task(base=HubTask)
def prune_audit_trail() -> int:
    """Remove audit events older than AUDIT_RETENTION_DAYS (Celery beat, nightly)."""
    from core.audit import prune

    return prune()
