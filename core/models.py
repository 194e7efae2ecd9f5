"""The record that an email went to a member (core.email.send_once)."""

from django.conf import settings
from django.db import models


class EmailDelivery(models.Model):
    """An email sent: unique per (member, key) — an event, a digest period, a
    decision — so a retried or redelivered task never sends twice. Written
    before the email leaves (a claim, sent_at empty) and completed after."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_deliveries")
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table it had when subscriptions owned it.
        db_table = "subscriptions_emaildelivery"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_email_per_event")]

    def __str__(self):
        return f"{self.key} → {self.user_id}"
