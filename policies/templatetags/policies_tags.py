from uuid import uuid4

from django import template
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Site

from policies.models import ServicePage, SiteIdentity

register = template.Library()

# The header, the title and the footer are on every page: what they show of
# the site (its name, contact address, service pages and the secretariat's
# footer links) comes from the shared cache, one entry per address the site
# answers at and language. Each entry carries the version it was made from;
# policies.signals.forget_footer_links gives a new version when a service
# page, a site or its settings change, so no entry of before is used again.
FOOTER_CACHE_KEY = "policies:footer:{host}:{language}"
FOOTER_VERSION_KEY = "policies:footer:version"
FOOTER_CACHE_SECONDS = 3600


def forget_footer() -> None:
    """Every entry, of every site in every language, goes out of use."""
    cache.set(FOOTER_VERSION_KEY, uuid4().hex, None)


@register.simple_tag(takes_context=True)
def site_identity(context) -> dict:
    """The site as the secretariat set it, in the reader's language:
    `name` (the name set, else the hub's translated name), `site_name` (the
    name set, or ""), `contact_email`, `service_pages` (about, terms,
    privacy, guidelines and contact as (url, title), the reader's
    translation where there is one; only those that exist and are live) and
    `links` (the secretariat's own, as (url, label)). One read of the cache
    per request and no query, whatever the number of links."""
    request = context.get("request")
    language = get_language()
    remembered = getattr(request, "_site_identity", None)
    if remembered is not None and remembered[0] == language:
        return remembered[1]
    # Wagtail picks the site by host name and port.
    host = f"{request.get_host()}|{request.get_port()}" if request is not None else ""
    key = FOOTER_CACHE_KEY.format(host=host, language=language)
    found = cache.get_many([FOOTER_VERSION_KEY, key])
    version = found.get(FOOTER_VERSION_KEY)
    if version is None:
        version = uuid4().hex
        cache.add(FOOTER_VERSION_KEY, version, None)
    identity = found.get(key)
    if identity is None or identity["version"] != version:
        site = (
            Site.find_for_request(request)
            if request is not None
            else Site.objects.filter(is_default_site=True).first()
        )
        # Not SiteIdentity.for_site(): reading creates nothing (that would
        # change the version just read); the admin creates it on first edit.
        setting = SiteIdentity.objects.filter(site=site).first() or SiteIdentity(site=site)
        identity = {
            "version": version,
            "name": setting.name,
            "site_name": setting.site_name,
            "contact_email": setting.contact_email,
            "service_pages": [
                (page.get_url(request=request), page.title) for page in ServicePage.objects.for_footer(language)
            ],
            "links": [(link.url, link.label) for link in setting.links_for(language)],
        }
        cache.set(key, identity, FOOTER_CACHE_SECONDS)
    if request is not None:
        request._site_identity = (language, identity)
    return identity
