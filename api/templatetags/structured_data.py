"""schema.org JSON-LD for what a page shows (filled in by #14)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context):
    return ""
