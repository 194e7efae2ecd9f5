"""How an app tells members that something happened, and makes a member
follow something, without importing the app that delivers: subscriptions
registers the delivery in its AppConfig.ready(). The kinds of events and of
things followed are shared words, so they live here."""

from collections.abc import Callable, Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowKind(models.TextChoices):
    """What a member can follow; the key of each is a stable public value."""

    TOPIC = "topic", _("Thematic area")  # key: slug
    TAG = "tag", _("Tag")  # key: slug
    GROUP = "group", _("Group")  # key: slug
    QUESTION = "question", _("Question")  # key: id
    MEMBER = "member", _("Member")  # key: user id (a handle can change)
    COUNTRY = "country", _("Country")  # key: ISO3
    CONVENTION = "convention", _("Convention")  # key: BC, RC, SC
    KNOWLEDGE_TYPE = "knowledge_type", _("Kind of knowledge item")  # key: best_practice, …
    MEETING = "meeting", _("Meeting")  # key: slug


class EventKind:
    QUESTION_PUBLISHED = "question.published"
    ANSWER_POSTED = "answer.posted"
    ANSWER_ACCEPTED = "answer.accepted"
    MENTION = "mention"
    MODERATION = "moderation"
    MEMBERSHIP = "membership"
    KNOWLEDGE_PUBLISHED = "knowledge.published"
    DOCUMENT_PUBLISHED = "document.published"


_delivery = {}


def register(*, raise_event, follow_quietly, addressed_channel, keep_for_digest) -> None:
    """Called once by subscriptions.apps: who delivers events, keeps follows
    and knows how each member chose to hear of things."""
    _delivery.update(
        raise_event=raise_event,
        follow_quietly=follow_quietly,
        addressed_channel=addressed_channel,
        keep_for_digest=keep_for_digest,
    )


def raise_event(kind: str, **event) -> None:
    """Tell members that something happened (subscriptions.events.raise_event
    says what `event` holds: key, actor, target, recipients, description,
    follows, private_group_id, summary)."""
    _delivery["raise_event"](kind, **event)


def follow_quietly(user, kind: str, key: str) -> None:
    """Make `user` follow a thing they just took part in (a question they
    asked or answered, a group they joined); nothing if they already do."""
    _delivery["follow_quietly"](user, kind, key)


def addressed_channel(user, kind: str) -> dict:
    """How `user` chose to hear of an event of `kind` addressed to them, for
    the features that write their own message (submission outcomes,
    verification decisions): {"in_app": bool, "email": "now" | "digest" |
    "off"}; "off" as well when their address bounced, complained or unsubscribed."""
    return _delivery["addressed_channel"](user, kind)


def keep_for_digest(user, *, key: str, kind: str, title: str, summary: str, url: str) -> None:
    """Put something in the member's next digest (once per key)."""
    _delivery["keep_for_digest"](user, key=key, kind=kind, title=title, summary=summary, url=url)


# What an in-app notification links to: each app says which of its things
# (by id) a member may still open, with the title and address to show them.
TargetFinder = Callable[[object, list[int], object], Iterable[tuple[int, str, str]]]
_target_finders: dict[str, TargetFinder] = {}
_page_fallbacks: list[TargetFinder] = []


def register_target(model_label: str, finder: TargetFinder) -> None:
    """`finder(member, ids, request)` yields (id, title, url) for the things
    of that model the member may see now; others are never linked."""
    _target_finders[model_label] = finder


def register_page_fallback(finder: TargetFinder) -> None:
    """Pages a member may open though they are not published for everyone
    (their own submissions); asked for the pages that are not."""
    if finder not in _page_fallbacks:
        _page_fallbacks.append(finder)


def target_finder(model) -> TargetFinder | None:
    return _target_finders.get(model._meta.label)


def page_fallbacks() -> list[TargetFinder]:
    return list(_page_fallbacks)
