"""What the API itself stores: the records that left the open data (so a
harvester syncing by deltas learns to drop them) and the partners' keys."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "brs_"


class PublicRecordQuerySet(models.QuerySet):
    def withdrawn_since(self, resource: str, since):
        return self.filter(resource=resource, withdrawn_at__gte=since)


class PublicRecord(models.Model):
    """The API's memory of what it has shown, so a harvester syncing by
    deltas learns which records to drop. A row with `withdrawn_at` set is a
    tombstone: the record was public and is no longer (deleted, unpublished,
    hidden by moderation, moved into a private group). Records whose
    visibility can change (questions, knowledge items) also have a row while
    they are public, so a record that was never public (a private group's
    question) never shows up even as a tombstone. See api.signals."""

    resource = models.CharField(max_length=30)
    key = models.CharField(max_length=100, help_text="The record's id in the API.")
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = PublicRecordQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["resource", "key"], name="one_row_per_public_record")]
        indexes = [models.Index(fields=["resource", "withdrawn_at"])]

    def __str__(self):
        return f"{self.resource}/{self.key}"


def hash_key(raw: str) -> str:
    """Keys are long random tokens: a plain SHA-256 is enough to make a
    leaked table useless (a slow password hash buys nothing here)."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def find(self, raw: str):
        """The active key `raw` is, or None."""
        if not raw.startswith(KEY_PREFIX) or len(raw) > 100:
            return None
        return self.active().filter(hashed=hash_key(raw)).first()


class ApiKey(models.Model):
    """A partner's key: requests that carry it are not rate limited. Issued
    and revoked by administrators; only its hash is stored, and the key is
    shown once, when it is issued."""

    partner = models.CharField(_("partner"), max_length=200, help_text=_("Who the key is for, e.g. InforMEA."))
    contact = models.EmailField(_("contact"), help_text=_("Whom to tell when the key is revoked or the API changes."))
    note = models.TextField(_("note"), blank=True)
    prefix = models.CharField(_("key starts with"), max_length=20, editable=False)
    hashed = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used_on = models.DateField(_("last used"), null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.partner} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def issue(self) -> str:
        """A new secret for this key (saved hashed); the caller shows it once."""
        raw = KEY_PREFIX + secrets.token_urlsafe(32)
        self.prefix = raw[: len(KEY_PREFIX) + 6]
        self.hashed = hash_key(raw)
        return raw


class DataBuild(models.Model):
    """A complete build of the bulk downloads (api.datasets): the newest is
    the one the page lists and serves."""

    folder = models.CharField(max_length=100, unique=True, help_text="In the media storage.")
    started_at = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(auto_now_add=True)
    # [{"name", "records", "csv_bytes", "json_bytes"}] in the order of api.datasets.DATASETS.
    datasets = models.JSONField(default=list)

    class Meta:
        get_latest_by = "started_at"

    def __str__(self):
        return self.folder
