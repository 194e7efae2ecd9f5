"""Members as things members follow (core.follows), by user id (a handle can
change), found through Profile.objects.visible_to; registered in
ProfilesConfig.ready()."""

from django.urls import reverse

from core import events, follows
from core.events import FollowKind

from .models import Profile, Verification, member_by_handle


def member_key(key: str) -> str:
    """A member is followed by their id: a handle can change, and a follow
    by handle would be lost with it. Follow buttons send the id; a handle,
    current or former (from a page or link made before), names the member
    too. A key of digits is read as an id; an unknown handle stays as it is
    (it names nobody)."""
    if follows.is_number(key):
        return str(int(key))
    member = member_by_handle(key)
    return str(member.pk) if member is not None else key


def _find(user, key):
    if not follows.is_number(key):
        return None
    profile = Profile.objects.visible_to(user).filter(user_id=int(key), user__is_active=True).first()
    return profile.user if profile else None


def _entries(user, keys):
    # Keys are user ids: the name and address follow the member's current handle.
    profiles = (
        Profile.objects.visible_to(user)
        .filter(user_id__in=follows.numbers(keys), user__is_active=True)
        .select_related("user")
        .only("display_name", "user__handle")
    )
    return {str(profile.user_id): (profile.name, profile.user.get_absolute_url()) for profile in profiles}


def _labels(keys):
    # Named by display name, else handle.
    rows = Profile.objects.filter(user_id__in=follows.numbers(keys)).values_list(
        "user_id", "display_name", "user__handle"
    )
    return {str(pk): name or handle for pk, name, handle in rows}


def _verification_targets(member, ids, request):
    # Only one's own requests: the page lists them all.
    for verification in Verification.objects.filter(user=member, pk__in=ids).select_related("country"):
        yield verification.pk, verification.label, reverse("profiles:verification")


def register() -> None:
    events.register_target("profiles.Verification", _verification_targets)
    follows.register(
        follows.FollowTarget(
            kind=FollowKind.MEMBER, find=_find, name=str, entries=_entries, labels=_labels, normal_key=member_key
        )
    )
