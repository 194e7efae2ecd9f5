from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from policies.models import ServicePage

register = template.Library()

# The footer is on every page: its links come from the shared cache, emptied
# when a service page is published, unpublished, moved or deleted
# (policies.signals.forget_footer_links).
FOOTER_CACHE_KEY = "policies:footer:{language}"
FOOTER_CACHE_SECONDS = 3600


@register.simple_tag(takes_context=True)
def service_pages(context) -> list[tuple[str, str]]:
    """About, terms, privacy, guidelines and contact for the footer, as (url,
    title), in the reader's language where translated; only those that exist
    and are live."""
    language = get_language()
    key = FOOTER_CACHE_KEY.format(language=language)
    links = cache.get(key)
    if links is None:
        request = context.get("request")
        links = [(page.get_url(request=request), page.title) for page in ServicePage.objects.for_footer(language)]
        cache.set(key, links, FOOTER_CACHE_SECONDS)
    return links
