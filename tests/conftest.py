import pytest
from django.core.cache import cache

# Shared fixtures that need more than a few lines.
pytest_plugins = ["tests.fixtures.translation_service"]


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


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request to /fr/ leaves
    French active in the test's thread (LocaleMiddleware activates it and
    nothing deactivates it), which would leak into the next test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit counters live in the cache; every test starts with none."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def eager_retries(monkeypatch):
    """Tasks run in-process retry there as a worker would. Celery re-runs an
    eager task only when its errors are not propagated, so turn that off."""
    from config.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


@pytest.fixture
def member(db):
    from tests.profiles.factories import MemberFactory

    return MemberFactory()


@pytest.fixture
def editor(db):
    from tests.profiles.factories import EditorFactory

    return EditorFactory()


@pytest.fixture(autouse=True)
def _media_of_its_own(settings, tmp_path):
    """Each test's uploads land in a folder of its own, so file names never
    collide between tests (storage would rename report.pdf)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
