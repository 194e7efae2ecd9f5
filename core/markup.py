"""The one place where text from members becomes HTML.

Markdown is rendered, bare URLs become links (bleach's linkify), and the
result is sanitized with nh3 against an allow-list, once, on the way in.
Templates may then output the stored HTML as is.
"""

from html import unescape

import bleach
import markdown
import nh3
from django.utils.html import strip_tags

ALLOWED_TAGS = {
    "p", "br", "h3", "h4", "strong", "b", "em", "i", "ul", "ol", "li",
    "blockquote", "code", "pre", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """Only the allow-listed tags, attributes and URL schemes survive; links
    get rel="noopener noreferrer nofollow"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


class NoRawHtml(markdown.Extension):
    """HTML typed into a post is shown as typed, as text, never parsed as
    markup. Handed to the sanitizer, raw HTML could swallow what follows it:
    a <style> inside MathML parses as raw text to the end of the post, which
    the sanitizer then dropped without a word (found by the outside test,
    #18). Markdown has a mark for everything a post may format."""

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def render_markdown(text: str) -> str:
    """Markdown from a member, as safe HTML."""
    if not text or not text.strip():
        return ""
    # Headings inside a page start at h3: the page has its h1 and h2s.
    html = markdown.markdown(text, extensions=["sane_lists", "tables", NoRawHtml()], output_format="html")
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    html = bleach.linkify(html, parse_email=False)
    return sanitize_html(html)


def plain_text(html: str, limit: int = 300) -> str:
    """A post's sanitized HTML as one line of plain text for excerpts
    (digests, notifications): no markup, no Markdown marks, entities
    decoded, whitespace collapsed, cut at a word within `limit`."""
    text = " ".join(unescape(strip_tags(html or "")).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
