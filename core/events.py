"""How an app tells members that something happened, and makes a member
follow something, without importing the app that delivers: subscriptions
registers the delivery in its AppConfig.ready(). The kinds of events and of
things followed are shared words, so they live here."""

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


class EventKind:
    QUESTION_PUBLISHED = "question.published"
    ANSWER_POSTED = "answer.posted"
    ANSWER_ACCEPTED = "answer.accepted"
    MENTION = "mention"
    MODERATION = "moderation"
    MEMBERSHIP = "membership"
    KNOWLEDGE_PUBLISHED = "knowledge.published"


_delivery = {}


def register(*, raise_event, follow_quietly) -> None:
    """Called once by subscriptions.apps: who delivers events and keeps follows."""
    _delivery["raise_event"] = raise_event
    _delivery["follow_quietly"] = follow_quietly


def raise_event(kind: str, **event) -> None:
    """Tell members that something happened (subscriptions.events.raise_event
    says what `event` holds: key, actor, target, recipients, description,
    follows, private_group_id, summary)."""
    _delivery["raise_event"](kind, **event)


def follow_quietly(user, kind: str, key: str) -> None:
    """Make `user` follow a thing they just took part in (a question they
    asked or answered, a group they joined); nothing if they already do."""
    _delivery["follow_quietly"](user, kind, key)
