import pytest


@pytest.fixture(autouse=True)
def _established_members(settings):
    """Most forum tests are about established members; the trust rules (held
    first posts, links) and the rate limits have tests of their own that set
    these back."""
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 0
    settings.FORUM_TRUSTED_AFTER_POSTS = 0
    settings.FORUM_RATE_LIMITS = {"question": 1000, "answer": 1000, "flag": 1000}
