"""Decision codes written in a knowledge item (BC-14/12, SC.Ex-1/1) shown as
links to the decisions' pages, when the decision is recorded on this site."""

import re

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from conventions.codes import DECISION_CODE_IN_TEXT, parse_decision_code
from conventions.models import Decision

register = template.Library()

# What is not text: comments, and tags with their attributes (a quoted
# attribute value may hold ">"). Codes are looked for between them only.
MARKUP = re.compile(r"""<!--.*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>""", re.DOTALL)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
# Text inside these stays as it is: a link cannot hold another link, and the
# others are not text a reader reads.
LEFT_ALONE = {"a", "script", "style", "iframe", "textarea"}


def _pieces(html: str) -> list[tuple[str, bool]]:
    """`html` cut into markup and text, each text piece with whether codes
    in it may become links (it is not inside a link or a script)."""
    pieces: list[tuple[str, bool]] = []
    open_elements = {name: 0 for name in LEFT_ALONE}
    position = 0
    for markup in MARKUP.finditer(html):
        pieces.append((html[position : markup.start()], not any(open_elements.values())))
        pieces.append((markup[0], False))
        position = markup.end()
        tag = TAG_NAME.match(markup[0])
        if tag and tag[2].lower() in LEFT_ALONE and not markup[0].endswith("/>"):
            name = tag[2].lower()
            # A fragment may close what it did not open: never below zero.
            open_elements[name] = max(0, open_elements[name] + (-1 if tag[1] else 1))
    pieces.append((html[position:], not any(open_elements.values())))
    return pieces


@register.filter
def link_decision_codes(html) -> SafeString:
    """Each decision code in the text of `html` that names a decision
    recorded here becomes a link to its page; other codes stay text.

    `html` is rendered, already safe HTML (a template's output, sanitized
    rich text); anything not marked safe is escaped first. Codes are looked
    for in text only, never inside tags, attributes or existing links, and
    the decisions are looked up in one query for the whole of `html`."""
    html = str(conditional_escape(html))
    pieces = _pieces(html)
    found = {
        match[0]: parse_decision_code(match[0])
        for text, linkable in pieces
        if linkable
        for match in DECISION_CODE_IN_TEXT.finditer(text)
    }
    recorded = Decision.objects.recorded_codes(code.code for code in found.values() if code is not None)
    if not recorded:
        return mark_safe(html)  # noqa: S308 - the escaped or already safe input, unchanged

    def link(match: re.Match) -> str:
        code = found[match[0]]
        if code is None or code.code not in recorded:
            return match[0]
        url = reverse("packages:decision", kwargs={"code": code.path})
        return format_html('<a href="{}" dir="ltr">{}</a>', url, match[0])

    linked = "".join(DECISION_CODE_IN_TEXT.sub(link, text) if linkable else text for text, linkable in pieces)
    # mark_safe: safe HTML with links added around text that is only letters,
    # digits, dots, hyphens and slashes, by format_html.
    return mark_safe(linked)  # noqa: S308
