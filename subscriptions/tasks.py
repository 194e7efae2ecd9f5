from celery import shared_task
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from notifications.signals import notify

from .models import Delivery


def _load(ref):
    if ref is None:
        return None
    content_type_id, pk = ref
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._default_manager.filter(pk=pk).first()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_event(kind: str, key: str, actor_ref, target_ref, recipient_ids: list[int], description: str) -> int:
    """Deliver one event to each recipient once; returns how many were told now."""
    actor, target = _load(actor_ref), _load(target_ref)
    if target_ref is not None and target is None:
        return 0  # deleted since
    told = 0
    for recipient in get_user_model().objects.filter(pk__in=recipient_ids, is_active=True):
        try:
            with transaction.atomic():
                Delivery.objects.create(key=key, recipient=recipient, kind=kind)
                notify.send(actor or recipient, recipient=recipient, verb=kind, target=target, description=description)
        except IntegrityError:
            continue  # told before
        told += 1
    return told
