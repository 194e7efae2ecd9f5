import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info, override
from wagtail.models import Page

from knowledge.locales import locale_code

register = template.Library()

# An opening <a> tag to another site that says nothing about rel.
EXTERNAL_LINK = re.compile(r'<a\s(?![^>]*\brel=)([^>]*\bhref="https?://[^"]*"[^>]*)>', re.IGNORECASE)


@register.filter
def external_links_nofollow(html: SafeString) -> SafeString:
    """Mark links to other sites rel="noopener noreferrer nofollow".

    Members' text gets this when it is sanitized on the way in, but Wagtail's
    editor drops rel when an editor re-saves the text; this keeps the promise
    on display. The input is already-safe HTML (the richtext filter's output).
    """
    # mark_safe: only adds an attribute to tags of HTML that was safe already.
    return mark_safe(EXTERNAL_LINK.sub(r'<a \1 rel="noopener noreferrer nofollow">', str(html)))  # noqa: S308


def _served_page(request) -> Page | None:
    """The page Wagtail routed this request to, if it did (another view may
    have a `page` in its context: a draft being edited, a paginator page)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtail_serve":
        return None
    route = getattr(request, "_wagtail_route_for_request", None)
    return route[0] if route else None


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """This page in each of the six languages, for the language switcher and
    hreflang: the readable translation where one exists, else the same
    address under the other language's prefix (which serves the page as it
    is, in that language's interface), keeping a listing's sub-page and
    filters. Names are each language's name in itself."""
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    # The head (hreflang) and the switcher both ask; work it out once.
    cached = getattr(request, "_language_versions", None)
    if cached is not None and cached[0] == current:
        return cached[1]
    page = _served_page(request)
    translations, rest = {}, ""
    if page is not None:
        translations = page.readable_versions
        own = page.get_url(request) or ""
        rest = request.path[len(own) :] if request.path.startswith(own) else ""
        query = request.META.get("QUERY_STRING", "")
        rest += f"?{query}" if query else ""
    versions = []
    for code, _name in settings.LANGUAGES:
        if page is not None:
            # A version builds its address as its own class does (a
            # translation keeps its prefix), without reading its fields.
            version = translations[code].specific_deferred if code in translations else page
            with override(code):
                url = (version.get_url(request) or "") + rest
        else:
            # Resolved in the reader's language, reversed in the other.
            url = translate_url(request.get_full_path(), code)
        versions.append(
            {
                "code": code,
                "name": settings.LANGUAGE_NAMES_LOCAL[code],
                "url": url,
                "current": code == current,
                "bidi": get_language_info(code)["bidi"],
            }
        )
    request._language_versions = (current, versions)
    return versions


@register.inclusion_tag("components/translation_notice.html", takes_context=True)
def translation_notice(context, page):
    """'Available in English only', with links to the translations there
    are, when the page's text is in another language than the reader's."""
    reader = get_language()
    content_language = getattr(page, "content_language", None)
    if not content_language or content_language == reader:
        return {"show": False}
    others = [
        {
            "code": code,
            "name": settings.LANGUAGE_NAMES_LOCAL[code],
            "url": translated.get_url(context.get("request")),
        }
        for translated in page.translations_for_readers()
        if (code := locale_code(translated.locale_id)) != content_language
    ]
    return {
        "show": True,
        "language_name": get_language_info(content_language)["name_translated"],
        "others": others,
    }
