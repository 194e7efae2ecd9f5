from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_from_path

from .permissions import is_secretariat

# Where someone who must set up MFA may still go: the account pages (MFA
# set-up, sign out, email confirmation), and what pages need to render.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/healthz", "/i18n/", "/favicon.ico")


class RequireMFAMiddleware:
    """Whoever may open the admin (the secretariat, administrators and
    superusers) must set up an authenticator app before doing anything else
    on the site. The rule is the permission, not a group's name, so a
    renamed or new group with admin access is covered too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._must_set_up(request, user):
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _must_set_up(self, request, user) -> bool:
        path = request.path_info
        language = get_language_from_path(path)
        if language:
            path = path.removeprefix(f"/{language}")
        if path.startswith(ALLOWED_PREFIXES):
            return False
        if not is_secretariat(user):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
