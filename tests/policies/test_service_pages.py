"""About, terms, privacy, guidelines and contact: at their addresses in six
languages, linked from the footer, editable in the admin."""

import pytest
from bs4 import BeautifulSoup

from demo.seed_policies import seed_service_pages
from knowledge.models import HomePage, KnowledgeIndexPage
from policies.models import ServicePage
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory

SLUGS = ["about", "terms", "privacy", "guidelines", "contact"]
TITLES = {
    "en": "Privacy notice",
    "fr": "Avis de confidentialité",
    "es": "Aviso de privacidad",
    "ar": "إشعار الخصوصية",
    "ru": "Уведомление о конфиденциальности",
    "zh-hans": "隐私声明",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.django_db
def test_each_page_answers_at_its_address_in_each_language(client, service_pages):
    for language, title in TITLES.items():
        for slug in SLUGS:
            response = client.get(f"/{language}/{slug}/")
            assert response.status_code == 200, (language, slug)
        privacy = soup(client.get(f"/{language}/privacy/"))
        assert privacy.h1.get_text(strip=True) == title
        # The version of the text, and no "available in English only" notice.
        assert privacy.select_one("article time")["datetime"] == "2025-06-02"
        assert not privacy.select(".translation-notice")


@pytest.mark.django_db
def test_the_privacy_notice_says_what_is_stored_who_sees_it_and_links_to_export_and_delete(client, service_pages):
    page = soup(client.get("/fr/privacy/"))
    text = page.select_one("article").get_text(" ")
    assert "adresse électronique" in text and "ne sont jamais montrés" in text
    links = {a["href"] for a in page.select("article a")}
    assert {"/fr/account/export/", "/fr/account/delete/", "/fr/contact/"} <= links
    english = soup(client.get("/en/privacy/")).select_one("article").get_text(" ")
    for stored in [
        "email address",
        "profile",
        "questions, answers",
        "follows",
        "email and digest settings",
        "verified",
    ]:
        assert stored in english
    assert "never shown to anyone else" in english


@pytest.mark.django_db
def test_the_footer_links_to_the_five_pages_in_the_readers_language(client, service_pages):
    for language in TITLES:
        footer = soup(client.get(f"/{language}/")).select_one("footer .service-pages")
        assert [a["href"] for a in footer.select("a")] == [f"/{language}/{slug}/" for slug in SLUGS], language
    french = [a.get_text() for a in soup(client.get("/fr/")).select("footer .service-pages a")]
    assert french == [
        "À propos de la plateforme",
        "Conditions d'utilisation",
        "Avis de confidentialité",
        "Règles de la communauté",
        "Contact",
    ]


@pytest.mark.django_db
def test_seeding_twice_creates_nothing_more_and_keeps_the_secretariats_edits(service_pages):
    assert ServicePage.objects.count() == 30
    terms = ServicePage.objects.get(slug="terms", locale__language_code="en")
    terms.title = "Terms of use of the hub"
    terms.save_revision().publish()
    assert seed_service_pages() == 0
    assert ServicePage.objects.count() == 30
    assert ServicePage.objects.get(pk=terms.pk).title == "Terms of use of the hub"


@pytest.mark.django_db
def test_the_secretariat_edits_them_in_wagtail_under_the_home_page_only(client, service_pages):
    home = HomePage.objects.get(locale__language_code="en")
    assert ServicePage.can_create_at(home)
    assert not ServicePage.can_create_at(KnowledgeIndexPage.objects.get())
    client.force_login(with_totp(EditorFactory()))
    assert client.get(f"/admin/pages/add/policies/servicepage/{home.pk}/").status_code == 200
    terms = ServicePage.objects.get(slug="terms", locale__language_code="en")
    response = client.get(f"/admin/pages/{terms.pk}/edit/")
    assert response.status_code == 200
    assert "Last updated" in response.content.decode()
