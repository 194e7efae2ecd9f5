import re

from django import template
from django.utils.safestring import SafeString, mark_safe

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
