"""A member who changes handle keeps what points at them: an old handle (in
links, in mentions) leads to their profile, for those who may see it, and
nobody else may take it."""

import re

import pytest

from community.services import ask_question
from profiles.models import User
from tests.profiles.factories import MemberFactory

EDIT = "/en/account/profile/"


# Questions are published at once: the moderation rules have tests of their own.
pytestmark = pytest.mark.usefixtures("established_members")


def profile_data(member, **overrides):
    """What the profile form sends back unchanged, with `overrides`."""
    data = {
        "display_name": member.profile.display_name,
        "handle": member.handle,
        "timezone": "UTC",
        "is_public": "on" if member.profile.is_public else "",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value != ""}


def change_handle(client, member, handle):
    client.force_login(member)
    response = client.post(EDIT, profile_data(member, handle=handle))
    client.logout()
    return response


def public_member(handle, name="Amina Diallo"):
    return MemberFactory(handle=handle, display_name=name, profile__is_public=True)


@pytest.mark.django_db
def test_an_old_handle_redirects_permanently_to_the_profile(client):
    amina = public_member("amina")
    assert change_handle(client, amina, "amina-diallo").status_code == 302

    response = client.get("/en/people/amina/")
    assert response.status_code == 301
    assert response["Location"] == "/en/people/amina-diallo/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Amina Diallo" in page.content.decode()
    # A second change: every handle she had leads to the current one.
    assert change_handle(client, amina, "a-diallo").status_code == 302
    for old in ("amina", "amina-diallo"):
        response = client.get(f"/en/people/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/en/people/a-diallo/")
    assert client.get("/en/people/never-used/").status_code == 404


@pytest.mark.django_db
def test_a_mention_of_the_old_handle_still_reaches_the_profile(client, member):
    amina = public_member("amina")
    question = ask_question(member, title="Who runs e-waste take-back?", body="Ask @amina, she set it up.")
    page = client.get(question.get_absolute_url()).content.decode()
    link = re.search(r'<a href="([^"]+)"[^>]*>@amina</a>', page).group(1)

    assert change_handle(client, amina, "amina-diallo").status_code == 302

    # The post still says @amina; its link leads, through the reader's
    # language and the old handle, to the profile under the new one.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1] == ("/en/people/amina-diallo/", 301)
    assert "Amina Diallo" in response.content.decode()


@pytest.mark.django_db
def test_a_private_profile_stays_hidden_behind_its_old_handle(client, member):
    private = MemberFactory(handle="quiet-one", display_name="Quiet Person")  # profiles are private by default
    assert change_handle(client, private, "still-quiet").status_code == 302

    for visitor in (None, member):
        if visitor:
            client.force_login(visitor)
        response = client.get("/en/people/quiet-one/")
        assert response.status_code == 404
        assert "still-quiet" not in response.content.decode() and not response.has_header("Location")
    # The member themself is sent on to their profile.
    client.force_login(private)
    response = client.get("/en/people/quiet-one/")
    assert (response.status_code, response["Location"]) == (301, "/en/people/still-quiet/")
    # Only for them: the redirect is not kept by shared caches.
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_old_handle_stays_reserved_for_its_member(client):
    amina = public_member("amina")
    other = public_member("someone", name="Someone Else")
    assert change_handle(client, amina, "amina-diallo").status_code == 302

    response = change_handle(client, other, "Amina")
    assert response.status_code == 400
    assert "Another member used this handle before, and links to it still lead to them; try another." in (
        response.content.decode()
    )
    other.refresh_from_db()
    assert other.handle == "someone"
    assert client.get("/en/people/amina/")["Location"] == "/en/people/amina-diallo/"

    # Amina may take hers back; then the newer one is hers, and leads to her.
    assert change_handle(client, amina, "amina").status_code == 302
    assert client.get("/en/people/amina/").status_code == 200
    assert client.get("/en/people/amina-diallo/")["Location"] == "/en/people/amina/"
    assert change_handle(client, other, "amina-diallo").status_code == 400


@pytest.mark.django_db
def test_saving_the_profile_without_changing_the_handle_keeps_no_old_handle(client):
    amina = public_member("amina")
    assert change_handle(client, amina, "amina").status_code == 302
    assert client.get("/en/people/amina/").status_code == 200
    assert amina.former_handles.count() == 0


@pytest.mark.django_db
def test_a_new_member_is_not_given_someone_s_old_handle(client, django_capture_on_commit_callbacks):
    amina = public_member("amina-diallo")
    assert change_handle(client, amina, "amina-d").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/signup/",
            {
                "email": "another.amina@example.org",
                "display_name": "Amina Diallo",
                "password1": "a long and memorable passphrase",
                "password2": "a long and memorable passphrase",
                "accept_terms": "on",
            },
        )
    assert response.status_code == 302
    newcomer = User.objects.get(email="another.amina@example.org")
    assert newcomer.handle == "amina-diallo-2"
    assert client.get("/en/people/amina-diallo/")["Location"] == "/en/people/amina-d/"


def test_a_new_mention_of_an_old_handle_names_the_member_and_tells_them(
    client, member, django_capture_on_commit_callbacks
):
    bob = MemberFactory(handle="bob-ndlovu", display_name="Bob Ndlovu", profile__is_public=True)
    change_handle(client, bob, "bob-n")

    with django_capture_on_commit_callbacks(execute=True):
        question = ask_question(member, title="Who tests PCB oil in Harare?", body="Maybe @bob-ndlovu knows.")

    assert '<a href="/people/bob-n/" rel="noopener noreferrer nofollow">@bob-n</a>' in question.body_html
    assert [notice.description for notice in User.objects.get(pk=bob.pk).notifications.all()] == [
        f"{member.profile.display_name} mentioned you in “Who tests PCB oil in Harare?”"
    ]
    page = client.get(question.get_absolute_url()).content.decode()
    assert 'href="/people/bob-n/"' in page
