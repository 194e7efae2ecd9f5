from django.db import models
from django.utils.translation import gettext_lazy as _

# The longest question or answer, on the site and by email (Markdown characters).
POST_MAX_LENGTH = 20_000


class PostStatus(models.TextChoices):
    """Who may see a post. Only VISIBLE posts appear to other people."""

    VISIBLE = "visible", _("Visible")
    HELD = "held", _("Awaiting review")
    HIDDEN = "hidden", _("Hidden by flags")
    DELETED = "deleted", _("Deleted")


QUESTIONS_PER_PAGE = 20
# A question's answers come in pages of this many.
ANSWERS_PER_PAGE = 30
# The groups list, in pages of this many (a multiple of the three columns).
GROUPS_PER_PAGE = 24


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
    SILENCE = "silence", _("Member silenced")
    SUSPEND = "suspend", _("Member suspended")
    EDIT = "edit", _("Edited")
    PIN = "pin", _("Pinned")
    UNPIN = "unpin", _("Unpinned")
    LOCK = "lock", _("Locked")
    UNLOCK = "unlock", _("Unlocked")
    CLOSE = "close", _("Closed")
    REOPEN = "reopen", _("Reopened")
    MOVE = "move", _("Moved")
    MERGE = "merge", _("Merged")
    REMOVE_MEMBER = "remove_member", _("Removed from a group")


class CloseReason(models.TextChoices):
    DUPLICATE = "duplicate", _("Duplicate of another question")
    OFF_TOPIC = "off_topic", _("Off-topic for this hub")
    RESOLVED = "resolved", _("Resolved")


class SanctionKind(models.TextChoices):
    SILENCE = "silence", _("Silenced: can read, cannot post")
    SUSPEND = "suspend", _("Suspended: cannot post, vote or flag")


class GroupKind(models.TextChoices):
    REGIONAL = "regional", _("UN regional group")
    CENTRE = "centre", _("Regional centre")
    THEMATIC = "thematic", _("Thematic working group")


class GroupPrivacy(models.TextChoices):
    OPEN = "open", _("Open: anyone can join")
    CLOSED = "closed", _("Closed: a moderator approves requests")
    PRIVATE = "private", _("Private: by invitation; invisible to others")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Member")
    REQUESTED = "requested", _("Request to join")
    INVITED = "invited", _("Invited")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    MODERATOR = "moderator", _("Moderator")
