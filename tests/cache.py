"""Emptying the cache between tests."""

from django.core.cache import cache


def clear_cache() -> None:
    """Empty the cache and nothing else. With django-redis, cache.clear()
    is FLUSHDB, which would also empty a Celery broker sharing the Redis
    database; delete only the keys this cache wrote (its KEY_PREFIX, every
    version: Wagtail keeps some under version 2)."""
    if hasattr(cache, "delete_pattern"):
        client = cache.client.get_client(write=True)
        # Keys look like "<prefix>:<version>:<key>"; escape the prefix for SCAN.
        prefix = "".join(f"[{char}]" if char in "*?[]\\" else char for char in cache.key_prefix)
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()
