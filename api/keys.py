"""Partners' API keys: a request that carries a valid key is not rate
limited. A key changes nothing else: every query is an anonymous
visitor's."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.throttling import AnonRateThrottle

from .models import ApiKey

HEADER = "X-Api-Key"


class ApiKeyAuthentication(BaseAuthentication):
    """`X-Api-Key: brs_…` or `Authorization: Bearer brs_…`. No key: an
    anonymous read. A wrong or revoked key: 401, so a partner notices
    rather than silently falling back to the anonymous limit."""

    def authenticate(self, request):
        raw = request.headers.get(HEADER, "")
        scheme, _space, credentials = request.headers.get("Authorization", "").partition(" ")
        if not raw and scheme.lower() == "bearer":
            raw = credentials
        raw = raw.strip()
        if not raw:
            return None
        key = ApiKey.objects.find(raw)
        if key is None:
            raise AuthenticationFailed("This API key is not valid, or it was revoked.")
        today = timezone.localdate()
        if key.last_used_on != today:
            ApiKey.objects.filter(pk=key.pk).update(last_used_on=today)
        return AnonymousUser(), key

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class AnonymousReadThrottle(AnonRateThrottle):
    """The anonymous limit, per address; lifted for a partner's key."""

    def allow_request(self, request, view):
        if isinstance(request.auth, ApiKey):
            return True
        return super().allow_request(request, view)
