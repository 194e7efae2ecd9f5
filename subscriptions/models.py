"""What each member has been told: one row per event and recipient."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import (
    DEFAULT_CHANNELS,
    EVENT_KINDS,
    Audience,
    DigestFrequency,
    EmailStatus,
    FollowKind,
    event_family,
)


class Delivery(models.Model):
    """The record that an event reached a member, unique per (event key,
    member): a retried or redelivered task never tells anyone twice."""

    key = models.CharField(_("event"), max_length=200)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(_("kind"), max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "recipient"], name="one_delivery_per_event")]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"


class Follow(models.Model):
    """A member follows a topic, tag, group, question, member, country,
    convention or kind of knowledge item."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(_("kind"), max_length=20, choices=FollowKind.choices)
    key = models.CharField(_("key"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind", "key"], name="follow_once")]
        indexes = [models.Index(fields=["kind", "key"], name="follow_target")]
        ordering = ["kind", "key"]
        verbose_name = _("follow")

    def __str__(self):
        return f"{self.user_id} follows {self.kind}:{self.key}"


class Preferences(models.Model):
    """How a member hears of things: per family of events, in-app or not and
    email at once, in the digest or not; the digest's rhythm; the state of
    their address (bounces, complaints, unsubscribe)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery")
    # {"mention": {"in_app": true, "email": "now"}, …}: only what differs from DEFAULT_CHANNELS.
    channels = models.JSONField(default=dict, blank=True)
    digest_frequency = models.CharField(
        _("digest"), max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY
    )
    digest_weekday = models.PositiveSmallIntegerField(
        _("weekday"), default=0, help_text=_("For a weekly digest: 0 is Monday.")
    )
    digest_hour = models.PositiveSmallIntegerField(_("hour"), default=7, help_text=_("Local time, 0 to 23."))
    email_status = models.CharField(_("email"), max_length=15, choices=EmailStatus.choices, default=EmailStatus.OK)
    email_status_at = models.DateTimeField(null=True, blank=True)
    email_status_detail = models.CharField(max_length=300, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery preferences")
        verbose_name_plural = _("delivery preferences")

    def __str__(self):
        return f"Preferences of {self.user_id}"

    def channel(self, kind: str, reach: str | None = None) -> dict:
        """In-app and email choices for an event kind, defaults filled in.
        The default depends on how the event reached the member (`reach`):
        addressed to them, or about something they follow."""
        family = event_family(kind)
        audience = reach or EVENT_KINDS.get(family, (Audience.ADDRESSED, ""))[0]
        return {**DEFAULT_CHANNELS[audience], **self.channels.get(family, {})}

    @property
    def receives_email(self) -> bool:
        return self.email_status == EmailStatus.OK


class DigestItem(models.Model):
    """Something new in what a member follows, waiting for their next digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_items")
    key = models.CharField(max_length=200)
    kind = models.CharField(max_length=40)
    # What they follow that brought it (the digest groups by it).
    follow_kind = models.CharField(max_length=20, blank=True)
    follow_key = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=300)
    summary = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_digest_item_per_event")]
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
