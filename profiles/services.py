"""Every write about members goes through these functions: views, the
admin, commands and tasks call them alike."""

import contextlib
import io
import secrets
import warnings

import magic
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from conventions.models import Instrument
from core.markup import render_markdown

from .constants import FOCAL_POINT_KIND_CONVENTION, Role, VerificationStatus
from .models import FormerHandle, Profile, User, Verification, handle_in_use
from .permissions import has_verified_email

# What a photo may be: the extension and the sniffed type must agree.
AVATAR_TYPES = {
    "image/jpeg": ({"jpg", "jpeg"}, "JPEG"),
    "image/png": ({"png"}, "PNG"),
    "image/webp": ({"webp"}, "WEBP"),
}


# Pixels a photo may have. The file size says little: a 354 KB PNG can
# declare 9400 × 9400 pixels and take a gigabyte once decoded.
AVATAR_MAX_PIXELS = 25_000_000


class VerificationError(Exception):
    """A role request or decision that breaks a rule; the message is for the member."""


def validate_avatar(upload) -> None:
    """Refuse anything but a real JPEG, PNG or WebP of reasonable size."""
    if upload.size > settings.AVATAR_MAX_BYTES:
        raise ValidationError(
            _("The photo is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.AVATAR_MAX_BYTES)},
            code="too_large",
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    upload.seek(0)
    sniffed = magic.from_buffer(upload.read(4096), mime=True)
    upload.seek(0)
    allowed = AVATAR_TYPES.get(sniffed)
    if allowed is None or extension not in allowed[0]:
        raise ValidationError(
            _("The photo must be a JPEG, PNG or WebP image, and its file name must match its type."),
            code="invalid_type",
        )
    try:
        with _opened_image(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("The photo could not be read as an image."), code="corrupt") from error
    finally:
        upload.seek(0)


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The photo has too many pixels; the limit is %(limit)d megapixels. Send a smaller copy.")
        % {"limit": AVATAR_MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


@contextlib.contextmanager
def _opened_image(upload):
    """Image.open, refusing a picture over AVATAR_MAX_PIXELS before any
    pixel is decoded (Image.open reads only the header)."""
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, far above our limit; both are a no.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    with image:
        width, height = image.size
        if width * height > AVATAR_MAX_PIXELS:
            raise _too_many_pixels()
        yield image


def resized_avatar(upload) -> ContentFile:
    """A square copy at AVATAR_SIZE in the upload's format, without metadata
    (no location data from phone cameras)."""
    upload.seek(0)
    sniffed = magic.from_buffer(upload.read(4096), mime=True)
    upload.seek(0)
    extensions, pil_format = AVATAR_TYPES[sniffed]
    with _opened_image(upload) as image:
        image = ImageOps.exif_transpose(image)
        if pil_format == "JPEG":
            image = image.convert("RGB")
        square = ImageOps.fit(image, (settings.AVATAR_SIZE, settings.AVATAR_SIZE), Image.Resampling.LANCZOS)
        # Pillow writes back what it read into `info` (a JPEG's or GIF's
        # comment, colour profiles, XMP): keep nothing but the pixels (and
        # which palette entry is transparent, which is part of them).
        square.info = {key: square.info[key] for key in ("transparency",) if key in square.info}
        buffer = io.BytesIO()
        square.save(buffer, format=pil_format, quality=85)
    extension = sorted(extensions)[0]
    return ContentFile(buffer.getvalue(), name=f"{secrets.token_hex(8)}.{extension}")


@transaction.atomic
def update_profile(profile: Profile, *, fields: dict, expertise=None, avatar=None, remove_avatar=False) -> Profile:
    """Save a member's profile. The avatar is validated by the form; it is
    resized here and the previous file removed once the change commits."""
    for name, value in fields.items():
        setattr(profile, name, value)
    if "bio" in fields:
        profile.bio_html = render_markdown(profile.bio) if profile.bio.strip() else ""
    old_avatar = profile.avatar.name if profile.avatar else ""
    if avatar is not None:
        resized = resized_avatar(avatar)
        profile.avatar.save(resized.name, resized, save=False)
    elif remove_avatar:
        profile.avatar = ""
    profile.full_clean(exclude=["user", "avatar"])
    profile.save()
    if expertise is not None:
        profile.expertise.set(expertise)
    if old_avatar and old_avatar != (profile.avatar.name or ""):
        storage = profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    return profile


class HandleError(Exception):
    """A handle the member may not take; the message is for them."""


@transaction.atomic
def change_handle(user: User, handle: str) -> User:
    """Give the member a new handle. The old one is kept as theirs: links and
    mentions made with it lead to their profile, and nobody else may take it.
    Taking back one of their own former handles frees it from the record."""
    # The stored handle, locked: two changes of the same member run one after the other.
    old = User.objects.select_for_update().values_list("handle", flat=True).get(pk=user.pk)
    if handle == old:
        return user
    if handle_in_use(handle, by_other_than=user.pk):
        raise HandleError(_("This handle is taken; try another."))
    FormerHandle.objects.filter(user=user, handle=handle).delete()
    FormerHandle.objects.get_or_create(handle=old, defaults={"user": user})
    user.handle = handle
    try:
        with transaction.atomic():
            user.save(update_fields=["handle"])
    except IntegrityError:
        raise HandleError(_("This handle is taken; try another.")) from None
    return user


@transaction.atomic
def request_verification(
    user: User,
    *,
    role: str,
    justification: str,
    country=None,
    focal_point_kind: str = "",
    thematic_areas=(),
) -> Verification:
    """Record a member's request for a role, checked before anything is written."""
    if not has_verified_email(user):
        raise VerificationError(_("Confirm your email address before asking for a role."))
    if not justification.strip():
        raise VerificationError(_("Say briefly why you hold this role."))
    instrument = None
    if role == Role.FOCAL_POINT:
        if country is None or focal_point_kind not in FOCAL_POINT_KIND_CONVENTION:
            raise VerificationError(_("Choose the country and the kind of focal point."))
        instrument = Instrument.objects.get(code=FOCAL_POINT_KIND_CONVENTION[focal_point_kind])
        thematic_areas = ()
    elif role == Role.EXPERT:
        if not thematic_areas:
            raise VerificationError(_("Choose at least one thematic area of your expertise."))
        country, focal_point_kind = None, ""
    else:
        raise VerificationError(_("This role is given by the secretariat with the regional centres."))
    duplicate = Verification.objects.filter(
        user=user,
        role=role,
        status__in=[VerificationStatus.PENDING, VerificationStatus.APPROVED],
        country=country,
        focal_point_kind=focal_point_kind,
    )
    if role == Role.FOCAL_POINT and duplicate.exists():
        raise VerificationError(_("You already have a request or a verification for this role."))
    if role == Role.EXPERT and duplicate.filter(status=VerificationStatus.PENDING).exists():
        raise VerificationError(_("Your previous request is still awaiting review."))
    verification = Verification.objects.create(
        user=user,
        role=role,
        justification=justification.strip(),
        country=country,
        instrument=instrument,
        focal_point_kind=focal_point_kind,
    )
    if thematic_areas:
        verification.thematic_areas.set(thematic_areas)
    return verification


@transaction.atomic
def decide_verification(verification: Verification, *, editor: User, approve: bool, note: str = "") -> Verification:
    """Approve or decline a pending request and tell the member."""
    from . import tasks

    verification = Verification.objects.select_for_update().get(pk=verification.pk)
    if verification.status != VerificationStatus.PENDING:
        raise VerificationError(_("This request was already decided."))
    if verification.user_id == editor.pk:
        raise VerificationError(_("You cannot decide your own request; another editor must decide it."))
    if not approve and not note.strip():
        raise VerificationError(_("Tell the member why the request is declined."))
    verification.status = VerificationStatus.APPROVED if approve else VerificationStatus.DECLINED
    verification.decided_by = editor
    verification.decided_at = timezone.now()
    verification.decision_note = note.strip()
    verification.save()
    if approve and verification.role == Role.EXPERT:
        # An expert's verified topics are also their profile's expertise.
        verification.user.profile.expertise.add(*verification.thematic_areas.all())
    tasks.send_verification_decision.enqueue(verification.pk)
    return verification


def add_to_group(user: User, group_name: str) -> None:
    user.groups.add(Group.objects.get(name=group_name))


def locked_profile(user) -> Profile:
    """The member's profile, locked until the transaction ends (two tabs of
    the same form must not interleave their saves)."""
    return Profile.objects.select_for_update().get(user=user)


def mark_first_steps_done(user, *, is_public: bool | None = None) -> None:
    """The member is done with (or skipped) their first steps: signing in
    goes where they were going from now on. `is_public`: their choice, if
    they made one (skipping leaves the profile as it is)."""
    with transaction.atomic():
        profile = locked_profile(user)
        fields = []
        if profile.first_steps_at is None:
            profile.first_steps_at = timezone.now()
            fields.append("first_steps_at")
        if is_public is not None:
            profile.is_public = is_public
            fields.append("is_public")
        if fields:
            profile.save(update_fields=fields)
