"""schema.org JSON-LD for what a page shows: {% structured_data %} in
base.html's <head>. What each kind of page gets is built in api.structured_data."""

from django import template
from django.utils.safestring import SafeString

from api.structured_data import for_context, script_elements

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context) -> SafeString | str:
    """<script type="application/ld+json"> elements for a question, a
    decision, a meeting, a knowledge item or the home page; "" elsewhere."""
    objects = for_context(context)
    return script_elements(objects) if objects else ""
