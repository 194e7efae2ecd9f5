"""How many in-app notifications a member has not read: counted once, kept in
the cache (Redis in production) and forgotten whenever their notifications
change, so the header costs no query on most pages."""

from django.core.cache import cache
from django.db import transaction
from notifications.models import Notification

# Invalidation keeps the count right; the timeout only bounds how long a
# count could stay wrong if a change ever bypassed it (a raw SQL update).
CACHE_TIMEOUT = 15 * 60


def cache_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(user) -> int:
    """The member's unread notifications, from the cache when it has them."""
    key = cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = user.notifications.unread().count()
        cache.set(key, count, CACHE_TIMEOUT)
    return count


def forget_unread_count(user_ids) -> None:
    """Drop the cached counts of these members now and again once the
    current transaction commits: a page rendered between the change and the
    commit may have cached the count from before it."""
    keys = [cache_key(user_id) for user_id in set(user_ids)]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def mark_read(user, notification_id: int) -> Notification:
    """Mark one of the member's own notifications as read. Someone else's id
    raises Notification.DoesNotExist, exactly like an id that never existed."""
    notification = user.notifications.get(pk=notification_id)
    notification.mark_as_read()  # a save: the post_save receiver forgets the count
    return notification


def mark_all_read(user) -> int:
    """Mark all the member's notifications as read; returns how many were unread."""
    # A queryset update sends no signal, so the count is forgotten here.
    changed = user.notifications.mark_all_as_read()
    forget_unread_count([user.pk])
    return changed
