"""What each member has been told: one row per event and recipient."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
