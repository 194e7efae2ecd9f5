"""Counters in the shared cache for the hub's own limits (posts an hour,
feedback, CSP reports).

The cache is optional (a Redis outage must not become a 500): when it cannot
count, `count` answers 0 and the limit is not applied until it is back. A
short outage lets a few more posts through; refusing every post would stop
the site for everyone. (allauth's sign-in limits do the opposite, on purpose:
README, "Faults".)
"""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def count(key: str, timeout: int) -> int:
    """Add one to the counter `key` (started now, kept `timeout` seconds)
    and return its value; 0 when the cache is unavailable."""
    try:
        cache.add(key, 0, timeout=timeout)
        value = cache.incr(key)
    except ValueError:  # evicted between add and incr: count from here
        cache.set(key, 1, timeout=timeout)
        return 1
    except Exception:  # noqa: BLE001 - the cache is optional; django-redis may raise or answer None
        value = None
    if value is None:
        logger.warning("Limit not counted (%s): the cache is unavailable", key.split(":", 1)[0])
        return 0
    return value
