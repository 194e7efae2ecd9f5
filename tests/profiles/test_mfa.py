import re

import pytest
from allauth.mfa.models import Authenticator

from tests.mfa import fresh_code as current_code
from tests.profiles.factories import PASSWORD

ACTIVATE = "/en/accounts/2fa/totp/activate/"


@pytest.mark.django_db
def test_editor_is_sent_to_set_up_mfa_before_anything_else(client, editor):
    response = client.post("/en/accounts/login/", {"login": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    # wherever they go next, they land on the authenticator set-up
    for path in ("/admin/", "/en/", "/en/account/profile/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(ACTIVATE), path

    # allauth asks for the password once more before changing security settings
    page = client.get(ACTIVATE)
    assert page["Location"].startswith("/en/accounts/reauthenticate/")
    assert client.post(page["Location"], {"password": PASSWORD})["Location"] == ACTIVATE
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    secret = re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"', page.content.decode()).group(1)

    wrong = client.post(ACTIVATE, {"code": "000000" if current_code(secret) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert not Authenticator.objects.filter(user=editor).exists()

    assert client.post(ACTIVATE, {"code": current_code(secret)}).status_code == 302
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_editor_with_mfa_must_give_a_code_at_login(client, editor):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DP"
    Authenticator.objects.create(user=editor, type=Authenticator.Type.TOTP, data={"secret": secret})
    response = client.post("/en/accounts/login/", {"login": editor.email, "password": PASSWORD})
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    response = client.post("/en/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_members_are_not_asked_for_mfa(client, member):
    client.force_login(member)
    assert client.get("/en/account/profile/").status_code == 200


@pytest.mark.django_db
def test_recovery_codes_are_offered_after_activation(client, editor):
    client.post("/en/accounts/login/", {"login": editor.email, "password": PASSWORD})
    client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get(ACTIVATE).content.decode()
    secret = re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"', page).group(1)
    client.post(ACTIVATE, {"code": current_code(secret)})
    codes = client.get("/en/accounts/2fa/recovery-codes/")
    assert codes.status_code == 200
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.RECOVERY_CODES).exists()


def admin_access_group(name):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


def must_set_up(client, user, path="/en/"):
    client.force_login(user)
    response = client.get(path)
    return response.status_code == 302 and "/accounts/2fa/totp/activate/" in response["Location"]


@pytest.mark.django_db
def test_a_renamed_editors_group_still_needs_mfa(client, member):
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="Secretariat editors")
    editors.name = "Editorial team"
    editors.save()
    member.groups.add(editors)
    assert must_set_up(client, member)
    assert must_set_up(client, member, "/admin/")


@pytest.mark.django_db
def test_any_group_with_admin_access_needs_mfa(client, member):
    member.groups.add(admin_access_group("Regional centre moderators"))
    assert not member.is_staff
    assert must_set_up(client, member, "/admin/")


@pytest.mark.django_db
def test_a_superuser_needs_mfa(client):
    from tests.profiles.factories import MemberFactory

    assert must_set_up(client, MemberFactory(is_superuser=True))


@pytest.mark.django_db
def test_every_language_of_the_site_is_covered(client, editor):
    client.force_login(editor)
    for path in ("/fr/", "/ar/people/", "/zh-hans/account/profile/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/accounts/2fa/totp/activate/" in response["Location"], path


@pytest.mark.django_db
def test_the_page_asked_for_is_kept_whole_in_next(client, editor):
    client.force_login(editor)
    response = client.get("/en/people/?topic=pcbs&page=2")
    assert response["Location"] == f"{ACTIVATE}?next=%2Fen%2Fpeople%2F%3Ftopic%3Dpcbs%26page%3D2"


@pytest.mark.django_db
def test_members_without_admin_access_are_not_asked_anywhere(client, member):
    member.groups.add(admin_access_group("Newsletter readers"))
    member.groups.first().permissions.clear()
    assert not must_set_up(client, member)
    assert not must_set_up(client, member, "/fr/people/")
