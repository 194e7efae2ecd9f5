import pytest
from django.contrib.auth.models import Group

from knowledge.models import HomePage
from profiles.constants import ADMINISTRATORS_GROUP, EDITORS_GROUP
from profiles.models import User
from tests.mfa import fresh_code, with_totp
from tests.profiles.factories import PASSWORD, EditorFactory, MemberFactory


@pytest.fixture
def administrator(db):
    user = MemberFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=ADMINISTRATORS_GROUP))
    return with_totp(user)


@pytest.mark.django_db
def test_both_staff_groups_exist_with_admin_access():
    for name in ("Secretariat editors", "Administrators"):
        group = Group.objects.get(name=name)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert {"access_admin", "change_verification", "change_country", "change_partystatus"} <= codenames
    assert "add_user" in Group.objects.get(name="Administrators").permissions.values_list("codename", flat=True)
    assert "add_user" not in Group.objects.get(name="Secretariat editors").permissions.values_list(
        "codename", flat=True
    )


@pytest.mark.django_db
def test_editor_edits_and_publishes_the_home_page_but_cannot_manage_members(client):
    editor = with_totp(EditorFactory())
    client.force_login(editor)
    home = HomePage.objects.get()
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    response = client.post(
        f"/admin/pages/{home.pk}/edit/",
        {
            "title": "Welcome to the clearing-house",
            "slug": "home",
            "intro": "Share what works.",
            "body": '{"blocks": [], "entityMap": {}}',
            "featured_items-TOTAL_FORMS": "0",
            "featured_items-INITIAL_FORMS": "0",
            "featured_items-MIN_NUM_FORMS": "0",
            "featured_items-MAX_NUM_FORMS": "6",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.title == "Welcome to the clearing-house"
    assert home.live
    # they may look members up (moderation needs it) but not create or edit them
    assert client.get("/admin/users/").status_code == 200
    assert client.get("/admin/users/new/").status_code in (302, 403)
    assert client.get(f"/admin/users/edit/{editor.pk}/").status_code in (302, 403)


@pytest.mark.django_db
def test_administrator_creates_a_member_in_the_admin(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/users/").status_code == 200
    response = client.post(
        "/admin/users/new/",
        {
            "email": "officer@ministry.example",
            "first_name": "Lina",
            "last_name": "Haddad",
            "password1": "a long passphrase for Lina",
            "password2": "a long passphrase for Lina",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(email="officer@ministry.example")
    assert created.handle == "lina-haddad"
    assert created.profile is not None


@pytest.fixture
def editor_without_staff_flag(db):
    """Added to the editors' group in the admin, whose user form cannot set is_staff."""
    user = with_totp(MemberFactory(display_name="Jonas Lindqvist"))
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    assert not user.is_staff
    return user


@pytest.mark.django_db
def test_an_editor_added_to_the_group_is_secretariat_without_the_staff_flag(client, editor_without_staff_flag):
    private = MemberFactory(display_name="Private Person")
    client.force_login(editor_without_staff_flag)
    home = client.get("/en/").content.decode()
    assert '<a class="dropdown-item" href="/admin/">Administration</a>' in home
    page = client.get(f"/en/people/{private.handle}/")
    assert page.status_code == 200
    assert "Private Person" in page.content.decode()
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_secretariat_lands_in_the_admin_after_signing_in(client, editor_without_staff_flag):
    client.post("/en/accounts/login/", {"login": editor_without_staff_flag.email, "password": PASSWORD})
    response = client.post("/en/accounts/2fa/authenticate/", {"code": fresh_code("JBSWY3DPEHPK3PXP")})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_members_see_no_administration_link_and_no_private_profiles(client, member):
    private = MemberFactory()
    client.force_login(member)
    assert "Administration" not in client.get("/en/").content.decode()
    assert client.get(f"/en/people/{private.handle}/").status_code == 404
    response = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_administrators_and_editors_carry_the_secretariat_badge(client, administrator, editor_without_staff_flag):
    for person in (administrator, editor_without_staff_flag):
        person.profile.is_public = True
        person.profile.save()
        page = client.get(f"/en/people/{person.handle}/").content.decode()
        assert ">Secretariat</span>" in page, person
    member = MemberFactory(profile__is_public=True)
    page = client.get(f"/en/people/{member.handle}/")
    assert page.status_code == 200
    assert ">Secretariat</span>" not in page.content.decode()
