"""Members: the login account (User), what they tell others (Profile) and
the roles the secretariat verified (Verification)."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .constants import (
    FORMER_MEMBER_HANDLE,
    FORMER_MEMBER_NAME,
    FocalPointKind,
    Role,
    VerificationStatus,
)
from .managers import ProfileQuerySet, UserManager, VerificationQuerySet

HANDLE_MAX_LENGTH = 40


class User(AbstractUser):
    """A login. Email is the login and is never shown to other people; the
    handle is the public name in URLs and mentions."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    handle = models.SlugField(
        _("handle"),
        max_length=HANDLE_MAX_LENGTH,
        unique=True,
        help_text=_("Your public name in links and mentions: letters, digits, hyphens."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return self.get_full_name() or self.handle

    def get_full_name(self):
        if self.handle == FORMER_MEMBER_HANDLE:
            return str(FORMER_MEMBER_NAME)  # in the reader's language
        profile = getattr(self, "profile", None)
        if profile and profile.display_name:
            return profile.display_name
        return super().get_full_name()

    def get_short_name(self):
        return self.get_full_name() or self.handle

    def get_absolute_url(self):
        return reverse("profiles:detail", kwargs={"handle": self.handle})

    def save(self, *args, **kwargs):
        creating = self._state.adding
        if not self.handle:
            self.handle = unique_handle(self.get_full_name() or self.email.split("@")[0])
        with transaction.atomic():
            super().save(*args, **kwargs)
            if creating:
                Profile.objects.get_or_create(user=self)


def unique_handle(base: str) -> str:
    """A free handle made from a name: 'Amina Diallo' → 'amina-diallo', then
    'amina-diallo-2' and so on. A member's former handle is not free."""
    stem = slugify(base)[: HANDLE_MAX_LENGTH - 4].strip("-") or "member"
    candidate, number = stem, 1
    while handle_in_use(candidate):
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def handle_in_use(handle: str, *, by_other_than=None) -> bool:
    """Whether `handle` is a member's handle, or a former one that still leads
    to their profile, of someone other than `by_other_than` (a user id)."""
    if handle == FORMER_MEMBER_HANDLE:
        return True  # reserved for the account that keeps former members' posts
    current = User.objects.filter(handle=handle)
    former = FormerHandle.objects.filter(handle=handle)
    if by_other_than is not None:
        current = current.exclude(pk=by_other_than)
        former = former.exclude(user_id=by_other_than)
    return current.exists() or former.exists()


def member_by_handle(handle: str):
    """The member whose handle, or former handle, this is; None if nobody's."""
    member = User.objects.filter(handle=handle).first()
    if member is None:
        former = FormerHandle.objects.filter(handle=handle).select_related("user").first()
        member = former.user if former else None
    return member


class FormerHandle(models.Model):
    """A handle a member used before: mentions and links made with it still
    lead to their profile, so nobody else may take it."""

    handle = models.SlugField(_("handle"), max_length=HANDLE_MAX_LENGTH, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="former_handles", verbose_name=_("member")
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("former handle")
        verbose_name_plural = _("former handles")

    def __str__(self):
        return f"{self.handle} → {self.user_id}"


def avatar_path(instance, filename):
    # The file name is ours, never the uploader's.
    return f"avatars/{instance.user_id}/{filename}"


class Profile(models.Model):
    """What a member tells others. Email and phone are never shown."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    title = models.CharField(_("job title"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.ForeignKey(
        "conventions.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
    )
    bio = models.TextField(
        _("about you"),
        max_length=2000,
        blank=True,
        help_text=_("Plain text or Markdown: **bold**, *italic*, lists and links."),
    )
    # The bio as HTML, rendered and sanitized once on the way in (core.markup).
    bio_html = models.TextField(blank=True, editable=False)
    expertise = models.ManyToManyField(
        "conventions.ThematicArea",
        verbose_name=_("expertise"),
        blank=True,
        related_name="profiles",
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # An IANA name, checked by ProfileForm against this machine's tz database;
    # no model choices, so the migrations do not depend on the host.
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    avatar = models.ImageField(_("photo"), upload_to=avatar_path, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, help_text=_("Only the secretariat sees it."))
    is_public = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_("Anyone can see your profile page. Your email and phone are never shown."),
    )

    # When the member finished (or skipped) the first steps after signing up;
    # until then, signing in leads to them.
    first_steps_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.user.get_absolute_url()

    @property
    def name(self) -> str:
        if self.user.handle == FORMER_MEMBER_HANDLE:
            return str(FORMER_MEMBER_NAME)  # in the reader's language
        return self.display_name or self.user.handle


class Verification(models.Model):
    """A member's request to be recognised in a role, and the secretariat's
    decision. Approved verifications are the member's badges."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verifications")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=VerificationStatus.choices, default=VerificationStatus.PENDING
    )
    justification = models.TextField(
        _("justification"),
        max_length=2000,
        help_text=_("Your office and how the secretariat can confirm it."),
    )
    country = models.ForeignKey(
        "conventions.Country", verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT
    )
    instrument = models.ForeignKey(
        "conventions.Instrument",
        verbose_name=_("convention"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    focal_point_kind = models.CharField(
        _("kind of focal point"), max_length=30, choices=FocalPointKind.choices, blank=True
    )
    thematic_areas = models.ManyToManyField("conventions.ThematicArea", verbose_name=_("thematic areas"), blank=True)
    regional_centre = models.ForeignKey(
        "conventions.RegionalCentre",
        verbose_name=_("regional centre"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staff_verifications",
        help_text=_("For regional-centre staff: the centre they work for."),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("note to the member"), blank=True)
    # Set when the member was told in-app, and when by email: each channel
    # once, so a retried task completes what is missing and repeats nothing.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = VerificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("role verification")
        verbose_name_plural = _("role verifications")

    def __str__(self):
        return f"{self.user} – {self.label}"

    @property
    def label(self) -> str:
        """The badge text: 'Basel focal point, Kenya' or 'Expert'."""
        if self.role == Role.FOCAL_POINT and self.focal_point_kind:
            return f"{self.get_focal_point_kind_display()}, {self.country}"
        return str(self.get_role_display())
