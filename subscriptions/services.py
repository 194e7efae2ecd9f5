"""Every write about follows and delivery preferences goes through here."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import follows

from .constants import Audience, EmailChannel, EmailStatus, FollowKind
from .models import DigestItem, Follow, Preferences


class SubscriptionError(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def preferences_for(user) -> Preferences:
    preferences, _created = Preferences.objects.get_or_create(user=user)
    return preferences


def followable(user, kind: str, key: str):
    """The thing `kind`/`key` names if `user` may see it, else None: private
    groups and their questions, held or deleted posts, unknown keys. The app
    that owns each kind says how (core.follows)."""
    return follows.find(user, kind, key)


def normal_key(kind: str, key: str) -> str:
    """One spelling per thing: ISO3 and convention codes in capitals, question
    ids without leading zeros, members by their id."""
    return follows.normal_key(kind, key)


@transaction.atomic
def follow(user, kind: str, key: str) -> Follow:
    """Follow something the member may see; following twice is refused."""
    if kind not in FollowKind.values:
        raise SubscriptionError(_("This cannot be followed."))
    key = normal_key(kind, str(key).strip()[:100])
    target = followable(user, kind, key)
    if target is None:
        raise SubscriptionError(_("There is nothing to follow here."), status=404)
    if kind == FollowKind.MEMBER and target.pk == user.pk:
        raise SubscriptionError(_("You cannot follow yourself."))
    try:
        with transaction.atomic():
            return Follow.objects.create(user=user, kind=kind, key=key)
    except IntegrityError:
        raise SubscriptionError(_("You already follow this."), status=409) from None


def follow_quietly(user, kind: str, key: str) -> None:
    """Follow what the member just took part in (core.events.follow_quietly):
    their own question, even while it waits for review, or a group they
    joined; nothing if they already follow it."""
    Follow.objects.get_or_create(user=user, kind=kind, key=normal_key(kind, str(key)))


@transaction.atomic
def unfollow(user, kind: str, key: str) -> bool:
    deleted, _rows = Follow.objects.filter(user=user, kind=kind, key=normal_key(kind, str(key))).delete()
    return bool(deleted)


def is_following(user, kind: str, key) -> bool:
    return (
        user.is_authenticated and Follow.objects.filter(user=user, kind=kind, key=normal_key(kind, str(key))).exists()
    )


@transaction.atomic
def set_email_status(user, status: str, detail: str = "") -> None:
    """Bounces, complaints and unsubscribing stop all email; the member can
    turn it back on from the settings page."""
    preferences = preferences_for(user)
    preferences.email_status = status
    preferences.email_status_at = timezone.now()
    preferences.email_status_detail = detail[:300]
    preferences.save(update_fields=["email_status", "email_status_at", "email_status_detail"])


def unsubscribe(user) -> None:
    set_email_status(user, EmailStatus.UNSUBSCRIBED, _("Unsubscribed with the link in an email."))


def addressed_channel(user, kind: str) -> dict:
    """How `user` chose to hear of an event of `kind` addressed to them:
    {"in_app": bool, "email": "now" | "digest" | "off"}; "off" as well when
    their address bounces, complained or unsubscribed. For the features
    that build their own message (submission outcomes, verification decisions)."""
    preferences = Preferences.objects.filter(user=user).first() or Preferences(user=user)
    channel = preferences.channel(kind, Audience.ADDRESSED)
    if channel["email"] == EmailChannel.NOW and not preferences.receives_email:
        channel = {**channel, "email": EmailChannel.OFF}
    return channel


def keep_for_digest(user, *, key: str, kind: str, title: str, summary: str, url: str) -> None:
    """Put an event in the member's next digest (once per key)."""
    DigestItem.objects.get_or_create(
        user=user, key=key, defaults={"kind": kind, "title": title[:300], "summary": summary[:300], "url": url[:500]}
    )
