"""A profile's "about you" is written in Markdown and shown as formatted
text through the one sanitizer, not as raw asterisks (#12, item 8)."""

import pytest

from profiles.models import Profile

EDIT = "/en/account/profile/"
pytestmark = pytest.mark.django_db


def test_a_bio_in_markdown_is_shown_formatted_and_sanitized(client, member):
    client.force_login(member)
    bio = (
        "I coordinate the **A3180** inventory.\n\n"
        "- PCB oils\n- capacitors\n\n"
        "See [our plan](https://example.org/plan). <script>alert(1)</script>"
        '<a href="javascript:alert(2)">x</a>'
    )
    response = client.post(
        EDIT,
        {
            "display_name": "Awa Ndiaye",
            "handle": member.handle,
            "timezone": "UTC",
            "is_public": "on",
            "bio": bio,
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.bio == bio  # what the member typed is kept for editing

    client.logout()
    html = client.get(f"/en/people/{member.handle}/").content.decode()
    about = html[html.index('class="profile-bio"') :]
    about = about[: about.index("</section>")]
    assert "<strong>A3180</strong>" in about
    assert "**" not in about
    assert "<li>PCB oils</li>" in about
    assert '<a href="https://example.org/plan" rel="noopener noreferrer nofollow">our plan</a>' in about
    # HTML typed into a bio is shown as typed, never run: no element, no javascript: link.
    assert "<script" not in about and "&lt;script&gt;alert(1)&lt;/script&gt;" in about
    assert '<a href="javascript:' not in about

    # In search, the bio is words, not Markdown.
    from search import services

    services.rebuild()
    results = client.get("/en/search/?q=A3180").content.decode()
    assert "Awa Ndiaye" in results
    assert "**" not in results


def test_html_typed_into_a_post_never_swallows_what_follows_it():
    """Found by the outside test (#18): a <style> inside MathML parsed as raw
    text to the end of the post, and the sanitizer dropped the rest."""
    from core.markup import render_markdown

    payload = "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"
    html = render_markdown(f"Before. {payload}\n\nAnd the **rest** of the post, with [a link](https://example.org).")
    assert "And the <strong>rest</strong> of the post" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">a link</a>' in html
    assert "<img" not in html and "<style" not in html and "<math" not in html
    assert "&lt;style&gt;&lt;img src=x onerror=alert(1)&gt;" in html
