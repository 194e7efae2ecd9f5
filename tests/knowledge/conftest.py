import pytest

from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory


@pytest.fixture
def reviewer(db):
    """A secretariat editor with an authenticator (so the admin lets them in)."""
    return with_totp(EditorFactory())
