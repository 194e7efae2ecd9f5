"""The site's name, contact address and footer links: set by the
secretariat's administrators in the admin's Settings, seen by every reader
in their language, read from the cache."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Site

from policies.models import FooterLink, SiteIdentity
from profiles.constants import ADMINISTRATORS_GROUP
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory

BASEL = ("Basel Convention website", "https://www.basel.int/")
FRENCH_ONLY = ("Site des conventions BRS", "https://www.brsmeas.org/fr/")
SETTINGS_MENU_URL = "/admin/settings/policies/siteidentity/"


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def brand(page: BeautifulSoup) -> str:
    return page.select_one("header .navbar-brand").get_text(" ", strip=True)


def footer_links(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in page.select("footer .footer-links a")]


def settings_url(site: Site) -> str:
    return f"/admin/settings/policies/siteidentity/{site.pk}/"


def form_data(site_name="", contact_email="", links=()) -> dict:
    """The settings form as the admin sends it, with its inline footer links."""
    data = {
        "site_name": site_name,
        "contact_email": contact_email,
        "footer_links-TOTAL_FORMS": str(len(links)),
        "footer_links-INITIAL_FORMS": "0",
        "footer_links-MIN_NUM_FORMS": "0",
        "footer_links-MAX_NUM_FORMS": "1000",
    }
    for number, (label, url, language) in enumerate(links):
        data |= {
            f"footer_links-{number}-label": label,
            f"footer_links-{number}-url": url,
            f"footer_links-{number}-language": language,
            f"footer_links-{number}-ORDER": str(number + 1),
            f"footer_links-{number}-id": "",
            f"footer_links-{number}-DELETE": "",
        }
    return data


@pytest.fixture
def site(db) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def administrator(db):
    user = MemberFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=ADMINISTRATORS_GROUP))
    return with_totp(user)


@pytest.mark.django_db
def test_an_administrator_sets_the_name_contact_and_links_and_readers_see_them_in_their_language(
    client, service_pages, administrator, site, django_capture_on_commit_callbacks
):
    before = soup(client.get("/en/"))  # the footer is now in the cache
    assert brand(before) == "BRS Clearing-House Hub"
    assert not footer_links(before)

    admin = Client()
    admin.force_login(administrator)
    assert SETTINGS_MENU_URL in admin.get("/admin/").content.decode()
    assert admin.get(settings_url(site)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            settings_url(site),
            form_data(
                site_name="BRS Knowledge Hub",
                contact_email="brs@un.org",
                links=[(*BASEL, ""), (*FRENCH_ONLY, "fr")],
            ),
        )
    assert response.status_code == 302

    for language, expected_links in {"en": [BASEL], "fr": [BASEL, FRENCH_ONLY]}.items():
        page = soup(client.get(f"/{language}/"))
        assert brand(page) == "BRS Knowledge Hub", language
        assert page.title.get_text().endswith("· BRS Knowledge Hub"), language
        assert footer_links(page) == list(expected_links), language
        assert page.select_one("footer a[href='mailto:brs@un.org']").get_text() == "brs@un.org"
        # The service pages stay, in the reader's language.
        assert [a["href"] for a in page.select("footer .service-pages a")][0] == f"/{language}/about/"


@pytest.mark.django_db
def test_a_blank_name_is_the_hubs_name_in_each_readers_language(client, service_pages, site):
    identity = SiteIdentity.objects.create(site=site, site_name="BRS Knowledge Hub")
    assert brand(soup(client.get("/fr/"))) == "BRS Knowledge Hub"

    identity.site_name = ""
    identity.save()
    for language in ("en", "fr"):
        with translation.override(language):
            name, short_name = translation.gettext("BRS Clearing-House Hub"), translation.gettext("Clearing-House Hub")
        page = soup(client.get(f"/{language}/"))
        assert page.title.get_text().endswith(f"· {name}"), language
        # The header keeps its mark beside the translated name.
        assert brand(page) == f"BRS {short_name}", language
        assert not page.select("footer .site-contact")


@pytest.mark.django_db
def test_a_link_for_every_language_and_one_per_language_in_their_order(client, service_pages, site):
    identity = SiteIdentity.objects.create(site=site)
    FooterLink.objects.create(identity=identity, label="Accessibilité", url="/fr/about/", language="fr", sort_order=1)
    FooterLink.objects.create(identity=identity, label=BASEL[0], url=BASEL[1], sort_order=2)
    FooterLink.objects.create(identity=identity, label="Accessibility", url="/en/about/", language="en", sort_order=3)

    assert footer_links(soup(client.get("/en/"))) == [BASEL, ("Accessibility", "/en/about/")]
    assert footer_links(soup(client.get("/fr/"))) == [("Accessibilité", "/fr/about/"), BASEL]
    assert footer_links(soup(client.get("/es/"))) == [BASEL]


@pytest.mark.django_db
def test_an_address_is_a_web_address_or_a_path_on_the_site(client, administrator, site):
    client.force_login(administrator)
    response = client.post(settings_url(site), form_data(links=[("Click me", "javascript:alert(1)", "")]))
    assert response.status_code == 200
    assert "Write a full address" in response.content.decode()
    assert not FooterLink.objects.exists()


@pytest.mark.django_db
def test_members_and_editors_cannot_reach_the_settings(client, site):
    client.force_login(MemberFactory())
    response = client.get(settings_url(site))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")

    editor = with_totp(EditorFactory())
    client.force_login(editor)
    assert client.get(settings_url(site)).status_code in (302, 403)
    response = client.post(settings_url(site), form_data(site_name="Taken over"))
    assert response.status_code in (302, 403)
    assert not SiteIdentity.objects.filter(site_name="Taken over").exists()
    # Nor is it in their Settings menu.
    assert SETTINGS_MENU_URL not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_a_page_reads_the_settings_from_the_cache_whatever_the_number_of_links(client, service_pages, site):
    identity = SiteIdentity.objects.create(site=site, site_name="BRS Knowledge Hub", contact_email="brs@un.org")
    FooterLink.objects.create(identity=identity, label=BASEL[0], url=BASEL[1])

    def queries_of_a_page() -> list[str]:
        client.get("/en/about/")  # fills the cache
        with CaptureQueriesContext(connection) as captured:
            page = soup(client.get("/en/about/"))
        assert brand(page) == "BRS Knowledge Hub"
        return [query["sql"] for query in captured.captured_queries]

    one_link = queries_of_a_page()
    for number in range(10):
        FooterLink.objects.create(
            identity=identity, label=f"Partner {number}", url=f"https://partner{number}.example/"
        )
    eleven_links = queries_of_a_page()

    assert len(eleven_links) == len(one_link)
    assert not [sql for sql in eleven_links if "policies_siteidentity" in sql or "policies_footerlink" in sql]
