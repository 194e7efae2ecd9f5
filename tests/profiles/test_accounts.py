import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from profiles.models import User
from tests.profiles.factories import PASSWORD, MemberFactory

SIGNUP = "/en/accounts/signup/"
LOGIN = "/en/accounts/login/"


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Account emails leave once the request's transaction commits; the tests
    run inside a transaction that never does, so run those callbacks."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def signup(client, email="amina@example.org", name="Amina Diallo", password=PASSWORD, confirm=None):
    return client.post(
        SIGNUP,
        {
            "email": email,
            "display_name": name,
            "password1": password,
            "password2": confirm or password,
            "accept_terms": "on",
        },
    )


@pytest.mark.django_db
def test_signup_sends_a_confirmation_link_and_confirming_verifies_the_email(client, after_commit):
    with after_commit():
        response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"

    user = User.objects.get(email="amina@example.org")
    assert user.handle == "amina-diallo"
    assert user.profile.display_name == "Amina Diallo"
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    link = re.search(r"http://testserver(/en/accounts/confirm-email/[^/\s]+/)", message.body).group(1)

    page = client.get(link)
    assert page.status_code == 200
    assert "amina@example.org" in page.content.decode()
    confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified


@pytest.mark.django_db
def test_login_is_refused_until_the_email_is_confirmed(client, after_commit):
    with after_commit():
        signup(client)
    client.logout()
    mail.outbox.clear()
    response = client.post(LOGIN, {"login": "amina@example.org", "password": PASSWORD})
    # allauth holds the login and sends a new confirmation
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_duplicate_email_at_signup_is_refused_with_a_message(client, after_commit):
    MemberFactory(email="taken@example.org")
    with after_commit():
        response = signup(client, email="taken@example.org", name="Someone Else")
    # With enumeration prevention allauth does not reveal the account: it
    # answers as for a new signup and emails the owner instead.
    assert User.objects.filter(email="taken@example.org").count() == 1
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["taken@example.org"]
    assert "already" in mail.outbox[-1].body.lower()


@pytest.mark.django_db
def test_malformed_email_and_weak_password_get_400_and_nothing_written(client):
    response = signup(client, email="not-an-email")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()

    response = signup(client, email="ok@example.org", password="password123")
    assert response.status_code == 400
    assert "This password is too common." in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_64_character_passphrase_is_accepted(client):
    passphrase = "correct horse battery staple, and then some more words to pass 64"
    assert len(passphrase) >= 64
    assert signup(client, password=passphrase).status_code == 302
    assert User.objects.get().check_password(passphrase)


@pytest.mark.django_db
def test_bad_confirmation_link_says_so_with_404(client):
    response = client.get("/en/accounts/confirm-email/not-a-real-key/")
    assert response.status_code == 404
    assert "expired or is invalid" in response.content.decode()


@pytest.mark.django_db
def test_password_login_and_logout(client, member):
    response = client.post(LOGIN, {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    home = client.get("/en/")
    assert member.profile.display_name in home.content.decode()
    client.post("/en/accounts/logout/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wrong_password_is_a_400_with_a_clear_message(client, member):
    response = client.post(LOGIN, {"login": member.email, "password": "wrong passphrase"})
    assert response.status_code == 400
    assert "The email address and/or password you specified are not correct." in response.content.decode()


@pytest.mark.django_db
def test_too_many_failed_logins_are_rate_limited(client, member):
    statuses = [client.post(LOGIN, {"login": member.email, "password": f"wrong {n}"}).status_code for n in range(6)]
    assert statuses[:5] == [400] * 5
    assert statuses[5] == 429
    # even the right password is refused while the limit holds, with a clear message
    response = client.post(LOGIN, {"login": member.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_by_emailed_code(client, member, after_commit):
    with after_commit():
        response = client.post("/en/accounts/login/code/", {"email": member.email})
    assert response.status_code == 302
    code = re.search(r"^\s*([A-Z0-9][A-Z0-9-]{4,14}[A-Z0-9])\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)
    wrong = client.post("/en/accounts/login/code/confirm/", {"code": "AAAAAA" if code != "AAAAAA" else "BBBBBB"})
    assert wrong.status_code == 400
    right = client.post("/en/accounts/login/code/confirm/", {"code": code})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.django_db
def test_password_reset_by_email(client, member, after_commit):
    with after_commit():
        client.post("/en/accounts/password/reset/", {"email": member.email})
    link = re.search(r"http://testserver(/en/accounts/password/reset/key/\S+/)", mail.outbox[-1].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    new = "a different long passphrase for the hub"
    response = client.post(set_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new)


@pytest.mark.django_db
def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert client.get("/admin/")["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_signup_is_complete_even_when_the_mail_server_is_down(client, settings, after_commit):
    settings.EMAIL_BACKEND = "tests.profiles.email_backends.UnreachableMailServer"
    with after_commit():
        response = signup(client)
    # the member is told to check their inbox, and can ask for the email again
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    user = User.objects.get(email="amina@example.org")
    assert user.profile.display_name == "Amina Diallo"
    assert not mail.outbox


@pytest.mark.django_db
def test_a_confirmation_lost_to_a_mail_server_hiccup_is_sent_on_retry(
    client, settings, after_commit, monkeypatch, eager_retries
):
    from tests.profiles.email_backends import MailServerFailingOnce

    monkeypatch.setattr(MailServerFailingOnce, "failed", False)
    settings.EMAIL_BACKEND = "tests.profiles.email_backends.MailServerFailingOnce"
    with after_commit():
        assert signup(client).status_code == 302
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    assert "/en/accounts/confirm-email/" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("[BRS Hub] ")
