"""Every task retries, with back-off, when the network or the database is
away (core.tasks.HubTask), and only then."""

import pytest
from celery import shared_task
from celery.exceptions import Retry
from django.db import InterfaceError, OperationalError

from core.tasks import HubTask

FAILURES = []


@shared_task(base=HubTask, name="tests.core.test_tasks.fails_once")
def fails_once() -> str:
    if FAILURES:
        raise FAILURES.pop()
    return "done"


@pytest.mark.parametrize(
    "error",
    [OperationalError("terminating connection due to administrator command"), InterfaceError("closed"), OSError()],
)
def test_a_task_meeting_an_unreachable_database_or_network_is_retried(error):
    FAILURES[:] = [error]
    # Run in place, raising what the task raised (whatever other tests set): the retry, with back-off.
    with pytest.raises(Retry, match=r"Retry in \d+s"):
        fails_once.apply(throw=True)
    assert FAILURES == []
    assert fails_once.apply(throw=True).result == "done"


def test_a_bug_is_not_retried():
    FAILURES[:] = [ValueError("a bug")]
    with pytest.raises(ValueError, match="a bug"):
        fails_once.apply(throw=True)
