import pytest

from tests.cache import clear_cache

# Shared fixtures that need more than a few lines.
pytest_plugins = ["tests.fixtures.translation_service"]


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
def established_members(settings):
    """Members whose posts appear at once: no first posts held for review, no
    links held, no rate limit a test reaches. Not for every test: the tests of
    the trust rules and rate limits need the production values, so a module or
    package asks for it (pytestmark = pytest.mark.usefixtures("established_members"))."""
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 0
    settings.FORUM_TRUSTED_AFTER_POSTS = 0
    settings.FORUM_RATE_LIMITS = {"question": 1000, "answer": 1000, "flag": 1000}


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
