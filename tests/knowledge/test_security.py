"""Hostile input comes out inert; private things stay private."""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from core.markup import render_markdown
from knowledge.models import BestPracticePage
from tests.knowledge.sharing import act, pdf_file, share_data
from tests.profiles.factories import MemberFactory

SHARE = "/en/knowledge/share/best_practice/"

PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<p style="background:url(javascript:alert(1)); width: expression(alert(1))">css</p>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
]
SAFE_TAGS = {"p", "a", "strong", "em", "ul", "ol", "li", "br", "h3", "h4", "blockquote", "code", "pre"}


class LiveMarkup(HTMLParser):
    """What a browser would actually run or load: elements, attributes, link targets."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.hrefs, self.scripts, self.handlers = set(), set(), [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name == "href":
                self.hrefs.append(value or "")
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
        # Structured data is not run by browsers (a payload breaking out of
        # it would open another script element, which is counted).
        if tag == "script" and dict(attrs).get("type") != "application/ld+json":
            self.scripts.append(dict(attrs).get("src", "inline"))


def live_markup(html: str) -> LiveMarkup:
    parser = LiveMarkup()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_payloads_come_out_inert(payload):
    html = render_markdown(f"Intro\n\n{payload}\n\nhttps://example.org/ok")
    markup = live_markup(html)
    assert markup.tags <= SAFE_TAGS, html
    assert markup.attributes <= {"href", "rel", "title"}, html
    assert all(href.startswith(("https://", "http://", "mailto:")) for href in markup.hrefs), html
    assert "https://example.org/ok" in markup.hrefs


@pytest.mark.django_db
def test_payloads_in_every_text_field_are_inert_on_the_published_page(
    client, member, reviewer, django_capture_on_commit_callbacks
):
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))"
    client.force_login(member)
    data = share_data(
        title=f"Title {payload}",
        summary=f"Summary {payload}",
        organisation=f"Org {payload}",
        tags="<b>bold</b>, <script>x",
        problem=payload,
        approach=payload,
        results=payload,
        lessons_learned=payload,
        replicability=payload,
        contact_name=f"Name {payload}",
    )
    response = client.post(SHARE, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = BestPracticePage.objects.get()
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, page, "approve")
    page.refresh_from_db()
    client.logout()
    for url in (page.url, "/en/knowledge/", "/en/"):
        html = client.get(url).content.decode()
        markup = live_markup(html)
        assert all(src.startswith("/static/") for src in markup.scripts), markup.scripts
        assert not markup.handlers
        assert not [href for href in markup.hrefs if href.strip().lower().startswith(("javascript:", "data:"))]
        assert "img" not in markup.tags
        assert "&lt;script&gt;" in html  # titles and summaries are escaped, not dropped


def download(client, url):
    """GET a file and read it to the end, as a browser would. (Reading the
    whole stream closes the file; the test client then keeps the database
    connection open, which response.close() would not.)"""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.django_db
def test_attachment_of_an_unpublished_item_is_private(client, member, reviewer, django_capture_on_commit_callbacks):
    client.force_login(member)
    client.post(SHARE, {**share_data(), "attachments-0-file": pdf_file("inventory.pdf")})
    page = BestPracticePage.objects.get()
    document = get_document_model().objects.get()
    url = document.url

    assert download(client, url).status_code == 200  # the uploader
    client.force_login(MemberFactory())
    assert download(client, url).status_code == 404  # another member
    client.logout()
    assert download(client, url).status_code == 404  # a visitor

    client.force_login(reviewer)
    assert download(client, url).status_code == 200  # the secretariat
    with django_capture_on_commit_callbacks(execute=True):
        act(client, page, "approve")
    client.logout()
    response = download(client, url)
    assert response.status_code == 200  # published: everyone
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Not compressed: no Content-Encoding at all (Wagtail would write "None").
    assert "Content-Encoding" not in response


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.pdf", b"MZ\x90\x00" + b"\x00" * 5000, "does not match its .pdf extension"),
        ("page.html", b"<html><script>alert(1)</script></html>", "cannot be attached"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "cannot be attached"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_is_stored(client, member, name, content, message):
    client.force_login(member)
    upload = SimpleUploadedFile(name, content)
    response = client.post(SHARE, {**share_data(), "attachments-0-file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not BestPracticePage.objects.exists()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_oversized_file_is_refused(client, member, settings):
    settings.KNOWLEDGE_ATTACHMENT_MAX_BYTES = 100
    client.force_login(member)
    response = client.post(SHARE, {**share_data(), "attachments-0-file": pdf_file()})
    assert response.status_code == 400
    assert "the limit is 100" in response.content.decode()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_item_in_review_is_not_in_listing_sitemap_or_search(client, member):
    client.force_login(member)
    client.post(SHARE, share_data(title="Secret draft about take-back"))
    client.logout()
    assert "Secret draft" not in client.get("/en/knowledge/").content.decode()
    assert "secret-draft" not in client.get("/sitemap-pages.xml").content.decode()
    assert "Secret draft" not in client.get("/en/").content.decode()
    from wagtail.models import Page

    assert not Page.objects.live().search("Secret draft")


def test_links_to_other_sites_are_nofollow_even_after_an_editor_resaves_them():
    from knowledge.templatetags.knowledge_tags import external_links_nofollow

    html = external_links_nofollow(
        '<p><a href="https://example.org/x">x</a> <a href="/en/knowledge/">in</a> '
        '<a rel="noopener" href="https://a.example">a</a></p>'
    )
    assert '<a href="https://example.org/x" rel="noopener noreferrer nofollow">' in html
    assert '<a href="/en/knowledge/">' in html
    assert '<a rel="noopener" href="https://a.example">' in html
