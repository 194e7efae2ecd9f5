from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 2000


class PageFeedback(models.Model):
    """An answer to "Was this page useful?": the satisfaction indicator of
    the mandate (#15). No account, no address, no cookie: only the page,
    the language it was read in, the answer and an optional comment (plain
    text, escaped wherever it is shown)."""

    path = models.CharField(_("page"), max_length=500, help_text=_("The page's address without its language prefix."))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["path", "created_at"])]
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")

    def __str__(self):
        return f"{self.path} ({'yes' if self.useful else 'no'})"


class PageView(models.Model):
    """Views of a page in a language on a day (packages.visits): no
    visitor, address or cookie behind it, only the count."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    path = models.CharField(_("page"), max_length=500)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "language", "path"], name="one_count_per_page_and_day")]
        verbose_name = _("page views")
        verbose_name_plural = _("page views")

    def __str__(self):
        return f"{self.day} {self.language} {self.path}: {self.views}"


class DailyVisitors(models.Model):
    """Distinct visitors of a day, estimated from a salted hash that changes
    every day and is never kept past it."""

    day = models.DateField(_("day"), unique=True)
    visitors = models.PositiveIntegerField(_("visitors"), default=0)

    class Meta:
        verbose_name = _("visitors of a day")
        verbose_name_plural = _("visitors by day")

    def __str__(self):
        return f"{self.day}: {self.visitors}"
