"""Signal receivers of the policies app, connected in PoliciesConfig.ready()."""

from django.utils.translation import get_language

from . import services


def record_terms_acceptance(sender, request, user, **kwargs) -> None:
    """allauth's user_signed_up: the sign-up form required accepting the
    terms (profiles.forms.SignupForm). Written at once, not by a task: one
    row, and the record of what an account accepted must not wait for a
    worker (or be lost with a broker that is down)."""
    services.record_terms_acceptance(user, language=get_language() or "")


def forget_footer_links(sender, instance=None, **kwargs) -> None:
    """A service page changed: the footer's cached links, in every language, go."""
    from django.conf import settings
    from django.core.cache import cache

    from .templatetags.policies_tags import FOOTER_CACHE_KEY

    cache.delete_many([FOOTER_CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])
