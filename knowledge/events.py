"""Events about knowledge items. Each is raised by one call from the code
that owns it; delivery happens in tasks after the transaction commits."""

from django.db import transaction


def submission_outcome(page_id: int, outcome: str, *, key: str) -> None:
    """Tell the submitter what happened to their submission (published,
    changes requested, declined). `key` makes the message unique: the same
    key is never delivered twice."""
    from .tasks import notify_submission_outcome

    transaction.on_commit(lambda: notify_submission_outcome.delay(page_id, outcome, key))
