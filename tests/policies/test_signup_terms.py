"""Sign-up asks to accept the terms of use, and records which version."""

import pytest

from policies.models import ServicePage, TermsAcceptance
from profiles.models import User
from tests.pages import html
from tests.profiles.factories import PASSWORD


def signup(client, language="en", **extra):
    data = {"email": "amina@example.org", "display_name": "Amina Diallo", "password1": PASSWORD, "password2": PASSWORD}
    return client.post(f"/{language}/accounts/signup/", {**data, **extra})


@pytest.mark.django_db
def test_the_form_links_to_the_terms_and_privacy_notice_in_the_readers_language(client, service_pages):
    page = html(client.get("/fr/accounts/signup/"))
    box = page.select_one("input[type=checkbox][name=accept_terms]")
    assert box is not None and box.has_attr("required")
    links = {a["href"] for a in page.select(f"#{box['id']}_helptext a")}
    assert links == {"/fr/terms/", "/fr/privacy/"}


@pytest.mark.django_db
def test_signing_up_without_accepting_is_refused_beside_the_box_keeping_what_was_typed(client, service_pages):
    response = signup(client)
    assert response.status_code == 400
    page = html(response)
    assert "accept the terms of use" in page.select_one("#id_accept_terms_errors").get_text()
    assert page.select_one("input[name=email]")["value"] == "amina@example.org"
    assert page.select_one("input[name=display_name]")["value"] == "Amina Diallo"
    assert not User.objects.exists()
    assert not TermsAcceptance.objects.exists()


@pytest.mark.django_db
def test_accepting_records_the_version_of_the_terms_and_the_language_read(client, service_pages):
    response = signup(client, language="es", accept_terms="on")
    assert response.status_code == 302
    acceptance = TermsAcceptance.objects.get()
    assert acceptance.user == User.objects.get(email="amina@example.org")
    assert (acceptance.version, acceptance.language) == ("2025-06-02", "es")
    assert acceptance.accepted_at is not None

    # A new version of the terms: the next member accepts that one.
    terms = ServicePage.objects.get(slug="terms", locale__language_code="en")
    terms.last_updated = terms.last_updated.replace(year=2026)
    terms.save_revision().publish()
    client.logout()
    signup(client, email="li.wei@example.org", accept_terms="on")
    assert TermsAcceptance.objects.get(user__email="li.wei@example.org").version == "2026-06-02"
