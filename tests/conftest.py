import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    from tests.profiles.factories import MemberFactory

    return MemberFactory()


@pytest.fixture
def editor(db):
    from tests.profiles.factories import EditorFactory

    return EditorFactory()
