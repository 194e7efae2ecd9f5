from django.db import models
from django.utils.translation import gettext_lazy as _

from core.events import FollowKind  # noqa: F401 (the shared word, kept importable here)


class EmailChannel(models.TextChoices):
    NOW = "now", _("Email at once")
    DIGEST = "digest", _("In the digest")
    OFF = "off", _("No email")


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class EmailStatus(models.TextChoices):
    OK = "ok", _("Receiving email")
    BOUNCING = "bouncing", _("Bouncing: messages to this address are returned")
    COMPLAINED = "complained", _("Marked as spam: we stopped sending")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed from all email")


class Audience(models.TextChoices):
    """Whom an event may reach: the kinds of events a member has a say on."""

    ADDRESSED = "addressed", _("Addressed to you")
    FOLLOWED = "followed", _("About what you follow")


# Every kind of event, whether it is addressed to the member or about what
# they follow, and how people read it on the settings page.
EVENT_KINDS = {
    "question.published": (Audience.FOLLOWED, _("New questions in what you follow, and on your expertise")),
    "knowledge.published": (Audience.FOLLOWED, _("New knowledge items in what you follow")),
    "document.published": (Audience.FOLLOWED, _("New documents and versions of the meetings you follow")),
    "answer.posted": (Audience.ADDRESSED, _("Answers to your questions and to questions you follow")),
    "answer.accepted": (Audience.ADDRESSED, _("Your answer was accepted")),
    "mention": (Audience.ADDRESSED, _("Someone mentioned you")),
    "submission.outcome": (Audience.ADDRESSED, _("The secretariat's decision on your submissions")),
    "membership": (Audience.ADDRESSED, _("Group requests, approvals and invitations")),
    "moderation": (Audience.ADDRESSED, _("Moderation of your posts and account")),
    "verification": (Audience.ADDRESSED, _("Decisions on your focal point or expert verification")),
}

DEFAULT_CHANNELS = {
    Audience.ADDRESSED: {"in_app": True, "email": EmailChannel.NOW},
    Audience.FOLLOWED: {"in_app": True, "email": EmailChannel.DIGEST},
}


def event_family(kind: str) -> str:
    """ "moderation.delete" → "moderation": preferences are per family."""
    return kind if kind in EVENT_KINDS else kind.split(".", 1)[0]
