"""The one service through which features tell members that something
happened. A feature calls `raise_event` with the recipients it has already
limited to people who may see the target; delivery runs in a task after the
transaction commits, once per (event key, member).

Channels: in-app (django-notifications-community) for now; email and digests
are added here, by kind and member preference, without touching the callers.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction


class EventKind:
    QUESTION_PUBLISHED = "question.published"
    ANSWER_POSTED = "answer.posted"
    ANSWER_ACCEPTED = "answer.accepted"
    MENTION = "mention"
    MODERATION = "moderation"
    MEMBERSHIP = "membership"


def _ref(obj):
    if obj is None:
        return None
    return ContentType.objects.get_for_model(obj).pk, obj.pk


def raise_event(kind: str, *, key: str, actor, target, recipients, description: str) -> None:
    """Tell `recipients` (users or ids) that `actor` did `kind` to `target`.
    `key` names the event: the same key never reaches a member twice."""
    recipient_ids = sorted({getattr(each, "pk", each) for each in recipients} - {None})
    if not recipient_ids:
        return
    from .tasks import deliver_event

    args = (kind, key, _ref(actor), _ref(target), recipient_ids, str(description))
    transaction.on_commit(lambda: deliver_event.delay(*args))
