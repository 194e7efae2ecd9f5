from django import template

from search.results import CONVENTION_NAMES, localized_url

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (labels of facets and kinds)."""
    return mapping.get(key, key)


@register.filter
def convention_name(code: str) -> str:
    return CONVENTION_NAMES.get(code, code)


@register.filter
def result_url(document, language: str) -> str:
    return localized_url(document, language)


@register.simple_tag
def search_querystring(asked, **changes) -> str:
    """The current search's address with sort, languages or page changed."""
    return asked.querystring(**changes)
