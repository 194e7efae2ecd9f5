from django import template

from conventions.names import country_name
from core.conventions import CONVENTION_NAMES
from search.results import localized_url

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (labels of facets and kinds)."""
    return mapping.get(key, key)


@register.filter
def convention_name(code: str) -> str:
    return CONVENTION_NAMES.get(code, code)


@register.filter
def country_names(countries) -> str:
    """A result's countries in the reader's language (rows indexed before
    the names were stored with their codes hold the English name alone)."""
    return ", ".join(country_name(*entry) if isinstance(entry, list) else entry for entry in countries or [])


@register.filter
def result_url(document, language: str) -> str:
    return localized_url(document, language)


@register.simple_tag
def search_querystring(asked, **changes) -> str:
    """The current search's address with sort, languages or page changed."""
    return asked.querystring(**changes)
