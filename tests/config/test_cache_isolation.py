from django.conf import settings
from django.core.cache import cache

from tests.cache import clear_cache
from tests.services import need_redis


def test_clearing_the_cache_between_tests_leaves_the_brokers_keys():
    need_redis()
    import redis

    server = redis.Redis.from_url(settings.REDIS_URL)
    # a queue of the Celery broker, which may share the cache's database
    server.rpush("brs-test-broker-queue", "a task")
    try:
        cache.set("rate-limit", 1)
        cache.set("site-root-paths", 2, version=2)  # Wagtail keeps some keys under version 2
        clear_cache()
        assert cache.get("rate-limit") is None
        assert cache.get("site-root-paths", version=2) is None
        assert server.lrange("brs-test-broker-queue", 0, -1) == [b"a task"]
    finally:
        server.delete("brs-test-broker-queue")
