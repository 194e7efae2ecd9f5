"""Receivers that keep the cached unread count (subscriptions.unread) right."""

from django.contrib.auth.models import Group as PermissionGroup
from django.db.models import QuerySet

from .unread import forget_unread_count


def forget_count_of_recipients(sender, recipient=None, **kwargs):
    """notify.send creates notifications with bulk_create, which sends no
    post_save: forget the recipients' counts when it is sent."""
    if recipient is None:
        return
    if isinstance(recipient, PermissionGroup):
        user_ids = recipient.user_set.values_list("pk", flat=True)
    elif isinstance(recipient, QuerySet):
        user_ids = recipient.values_list("pk", flat=True)
    elif isinstance(recipient, list | tuple | set):
        user_ids = [each.pk for each in recipient]
    else:
        user_ids = [recipient.pk]
    forget_unread_count(list(user_ids))


def forget_count_of_notification(sender, instance, **kwargs):
    """A notification saved (marked read or unread) or deleted."""
    forget_unread_count([instance.recipient_id])
