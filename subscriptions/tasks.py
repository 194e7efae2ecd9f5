from celery import shared_task
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from notifications.signals import notify

from core.email import member_language
from core.messages import render
from core.tasks import HubTask

from .constants import Audience, EmailChannel
from .models import Delivery, DigestItem, Follow, Preferences


def _load(ref):
    if ref is None:
        return None
    content_type_id, pk = ref
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._default_manager.filter(pk=pk).first()


def follower_ids(follows, *, private_group_id=None) -> dict[int, tuple[str, str]]:
    """Members following any of `follows`, each with the first followed thing
    that reached them (the digest groups by it)."""
    if not follows:
        return {}
    condition = Q()
    for kind, key in follows:
        condition |= Q(kind=kind, key=key)
    rows = Follow.objects.filter(condition, user__is_active=True)
    if private_group_id is not None:
        rows = rows.filter(user__group_memberships__group=private_group_id, user__group_memberships__status="active")
    reached = {}
    for user_id, kind, key in rows.order_by("kind", "key").values_list("user_id", "kind", "key"):
        reached.setdefault(user_id, (kind, key))
    return reached


@shared_task(base=HubTask)
def deliver_event(
    kind: str,
    key: str,
    actor_ref,
    target_ref,
    recipient_ids: list[int],
    description,
    follows=(),
    private_group_id=None,
    summary: str = "",
) -> int:
    """Deliver one event to each member once, on the channels they chose;
    returns how many members were reached now."""
    from .emails import send_event_email

    actor, target = _load(actor_ref), _load(target_ref)
    if target_ref is not None and target is None:
        return 0  # deleted since
    if getattr(target, "is_published", True) is False:
        return 0  # withdrawn since (an official document)
    addressed = set(recipient_ids)
    followers = follower_ids([tuple(each) for each in follows], private_group_id=private_group_id)
    if actor is not None and getattr(actor, "pk", None) in followers and actor._meta.label == "profiles.User":
        del followers[actor.pk]  # nobody hears of their own posts
    url = ""
    if target is not None:
        # Forum posts and groups have get_absolute_url; Wagtail pages have url.
        url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else (getattr(target, "url", "") or "")
    told = 0
    members = (
        get_user_model().objects.filter(pk__in=addressed | set(followers), is_active=True).select_related("profile")
    )
    preferences = {each.user_id: each for each in Preferences.objects.filter(user__in=members)}
    for member in members:
        reach = Audience.ADDRESSED if member.pk in addressed else Audience.FOLLOWED
        channel = (preferences.get(member.pk) or Preferences(user=member)).channel(kind, reach)
        # In the member's language and time zone, whoever raised the event.
        text = render(description, member_language(member), getattr(member.profile, "timezone", None))
        title = str(target) if target is not None else text
        try:
            with transaction.atomic():
                Delivery.objects.create(key=key, recipient=member, kind=kind)
                if channel["in_app"]:
                    notify.send(actor or member, recipient=member, verb=kind, target=target, description=text)
                if channel["email"] == EmailChannel.DIGEST:
                    follow_kind, follow_key = followers.get(member.pk, ("", ""))
                    DigestItem.objects.create(
                        user=member,
                        key=key,
                        kind=kind,
                        follow_kind=follow_kind,
                        follow_key=follow_key,
                        title=title[:300],
                        summary=summary or text[:300],
                        url=url[:500],
                    )
                elif channel["email"] == EmailChannel.NOW:
                    send_event_email.enqueue(member.pk, key, kind, text, url, summary=summary)
        except IntegrityError:
            continue  # told before
        told += 1
    return told


# Registers the digest tasks with every worker that loads this module (beat names them).
from .digests import send_digest_batch, start_digest_run  # noqa: E402, F401
