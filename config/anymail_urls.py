"""anymail's webhooks (/anymail/<provider>/...), answering only where they
are set up and authenticated.

anymail mounts a webhook for every provider it knows. Left as they are, a
provider whose settings are missing answers 500 (its view cannot be built),
and one secured only by HTTP basic auth accepts anything from anyone when
ANYMAIL_WEBHOOK_SECRET is not set: a forged "bounced" event would stop a
member's email. Here both answer 404, and the hub logs why.
"""

import logging
import warnings
from functools import wraps

from anymail import urls as anymail_urls
from anymail.exceptions import AnymailConfigurationError
from anymail.webhooks.base import AnymailBasicAuthMixin
from django.http import HttpResponseNotFound
from django.urls import URLPattern

logger = logging.getLogger(__name__)

NOT_SET_UP = "No webhook of this email provider is set up on this site."


def _unauthenticated(view_class, initkwargs) -> bool:
    """True when the view would take any request: basic auth is its only
    check (a provider's view says so once built: SendGrid's, Resend's and
    Mailtrap's rely on their signatures instead when a signing key is set),
    and no WEBHOOK_SECRET is set."""
    if not issubclass(view_class, AnymailBasicAuthMixin):
        return False
    try:
        with warnings.catch_warnings():
            # A probe: the view the request gets is built again below, with its warnings.
            warnings.simplefilter("ignore")
            view = view_class(**initkwargs)
    except AnymailConfigurationError:
        return False  # not set up: the view itself refuses, below
    return bool(view.warn_if_no_basic_auth and not view.basic_auth)


def _guarded(callback):
    view_class, initkwargs = callback.view_class, callback.view_initkwargs

    @wraps(callback)  # keeps csrf_exempt: providers post without a token
    def view(request, *args, **kwargs):
        if _unauthenticated(view_class, initkwargs):
            logger.warning("Refused %s: set ANYMAIL_WEBHOOK_SECRET to accept this provider's webhook", request.path)
            return HttpResponseNotFound(NOT_SET_UP, content_type="text/plain")
        try:
            return callback(request, *args, **kwargs)
        except AnymailConfigurationError as error:
            logger.warning("Refused %s: %s", request.path, error)
            return HttpResponseNotFound(NOT_SET_UP, content_type="text/plain")

    return view


app_name = anymail_urls.app_name
urlpatterns = [
    URLPattern(pattern.pattern, _guarded(pattern.callback), pattern.default_args, pattern.name)
    for pattern in anymail_urls.urlpatterns
]
