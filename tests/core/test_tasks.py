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
    # Tasks run eagerly here and propagate: the retry is scheduled, with back-off, not swallowed.
    with pytest.raises(Retry, match=r"Retry in \d+s"):
        fails_once.apply()
    assert FAILURES == []
    assert fails_once.apply().result == "done"


def test_a_bug_is_not_retried():
    FAILURES[:] = [ValueError("a bug")]
    with pytest.raises(ValueError, match="a bug"):
        fails_once.apply()
