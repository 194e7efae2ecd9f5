"""The one service through which features tell members that something
happened. A feature calls `raise_event` once: with the members it addresses
(already limited to people who may see the target) and the things whose
followers should hear of it. Delivery runs in a task after the transaction
commits, once per (event key, member), on the channels each member chose:
in-app, email at once, the digest, or nothing.
"""

from django.contrib.contenttypes.models import ContentType

from core import email
from core import events as core_events
from core.events import EventKind  # noqa: F401 (the shared word, kept importable here)

from . import emails, services
from .constants import FollowKind
from .services import normal_key
from .tasks import deliver_event


def _ref(obj):
    if obj is None:
        return None
    return ContentType.objects.get_for_model(obj).pk, obj.pk


def _followed(kind: str, value) -> tuple[str, str]:
    """(kind, key) as follows store it: a member (a user, an id or a handle) by id."""
    if kind == FollowKind.MEMBER:
        return kind, normal_key(kind, str(getattr(value, "pk", value)))
    return kind, str(value)


def raise_event(
    kind: str,
    *,
    key: str,
    actor,
    target,
    recipients=(),
    description,
    follows=(),
    private_group_id: int | None = None,
    summary: str = "",
) -> None:
    """Tell `recipients` (users or ids) and the followers of `follows` (pairs
    of FollowKind and key; a member as a user, an id or a handle) that `actor` did `kind` to `target`. When the
    target belongs to a private group, `private_group_id` limits followers to
    its members. `key` names the event: it never reaches a member twice."""
    recipient_ids = sorted({getattr(each, "pk", each) for each in recipients} - {None})
    follows = sorted({_followed(str(kind_), value) for kind_, value in follows})
    if not recipient_ids and not follows:
        return
    # A message (core.messages) stays data: each member reads it in their language.
    description = description if isinstance(description, dict) else str(description)
    args = (kind, key, _ref(actor), _ref(target), recipient_ids, description)
    options = {"follows": follows, "private_group_id": private_group_id, "summary": str(summary)[:300]}
    deliver_event.enqueue(*args, **options)


def register() -> None:
    """Make this app the one that delivers core.events and checks addresses
    for core.email (SubscriptionsConfig.ready())."""
    core_events.register(
        raise_event=raise_event,
        follow_quietly=services.follow_quietly,
        addressed_channel=services.addressed_channel,
        keep_for_digest=services.keep_for_digest,
    )
    email.register_address_check(emails.receives_email)
