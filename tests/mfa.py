"""Authenticator codes for tests, as a member's phone app would show them."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

# Typing the code and the server checking it take well under this; allauth
# accepts only the current period's code (MFA_TOTP_TOLERANCE is 0).
SAFETY_SECONDS = 3


def fresh_code(secret: str) -> str:
    """The current code, waiting for the next period when this one is about
    to end, so the server still accepts it."""
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < SAFETY_SECONDS:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def with_totp(user, secret: str = "JBSWY3DPEHPK3PXP"):
    """Give a member an authenticator app, as staff must have one or the site
    sends them to set it up."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    return user
