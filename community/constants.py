from django.db import models
from django.utils.translation import gettext_lazy as _


class PostStatus(models.TextChoices):
    """Who may see a post. Only VISIBLE posts appear to other people."""

    VISIBLE = "visible", _("Visible")
    HELD = "held", _("Awaiting review")
    HIDDEN = "hidden", _("Hidden by flags")
    DELETED = "deleted", _("Deleted")


QUESTIONS_PER_PAGE = 20


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFF_TOPIC = "off_topic", _("Off-topic")
    OFFENSIVE = "offensive", _("Offensive or abusive")
    OTHER = "other", _("Something else")


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("Approved")
    DELETE = "delete", _("Deleted")
    RESTORE = "restore", _("Restored")
    HIDE = "hide", _("Hidden by flags")
