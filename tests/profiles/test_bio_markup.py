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
    assert "alert(1)" not in about and "javascript:" not in about

    # In search, the bio is words, not Markdown.
    from search import services

    services.rebuild()
    results = client.get("/en/search/?q=A3180").content.decode()
    assert "Awa Ndiaye" in results
    assert "**" not in results
