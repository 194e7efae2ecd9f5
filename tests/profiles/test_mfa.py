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
