"""The record that an email went to a member (core.email.send_once), and
the audit trail (core.audit)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class AuditKind(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REMOVED = "role_removed", _("Role removed")
    SANCTIONED = "sanctioned", _("Member sanctioned")
    DATA_EXPORTED = "data_exported", _("Data exported")
    ACCOUNT_DELETED = "account_deleted", _("Account deleted")
    API_KEY_ISSUED = "api_key_issued", _("API key issued")
    API_KEY_REVOKED = "api_key_revoked", _("API key revoked")


class AuditEvent(models.Model):
    """One thing the secretariat may need to account for (core.audit): who
    did it, to whom, from which address. Read in the admin; nobody edits
    it; removed after AUDIT_RETENTION_DAYS."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("what"), max_length=20, choices=AuditKind.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member concerned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What named them at the time: an account may be deleted since (then its number only).
    actor_label = models.CharField(_("by (as recorded)"), max_length=200, blank=True)
    subject_label = models.CharField(_("concerning (as recorded)"), max_length=200, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.subject_label or self.actor_label}"
