"""The deployment's own address (SITE_DOMAIN) in emails, the sitemap and
robots.txt, not the 127.0.0.1:8000 and localhost a first run starts with."""

import pytest
from django.apps import apps
from django.contrib.sites.models import Site
from django.core import mail
from wagtail.models import Site as WagtailSite

from profiles.signals import set_site_domain
from tests.profiles.factories import PASSWORD


def migrate_with(settings, domain, base_url):
    """What `manage.py migrate` does last, with these settings."""
    settings.SITE_DOMAIN = domain
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = base_url
    set_site_domain(sender=apps.get_app_config("profiles"), apps=apps, using="default")


@pytest.fixture
def public_site(db, settings):
    migrate_with(settings, "hub.example.org", "https://hub.example.org")


@pytest.mark.django_db
def test_migrate_writes_the_site_domain_into_both_site_records(settings):
    migrate_with(settings, "hub.example.org", "https://hub.example.org")
    migrate_with(settings, "hub.example.org", "https://hub.example.org")  # again: nothing changes
    assert Site.objects.get(pk=settings.SITE_ID).domain == "hub.example.org"
    default = WagtailSite.objects.get(is_default_site=True)
    assert (default.hostname, default.port, default.root_url) == ("hub.example.org", 443, "https://hub.example.org")
    assert WagtailSite.objects.count() == 1

    migrate_with(settings, "staging.example.org:8080", "http://staging.example.org:8080")
    default.refresh_from_db()
    assert default.root_url == "http://staging.example.org:8080"
    migrate_with(settings, "127.0.0.1:8000", "http://127.0.0.1:8000")
    assert Site.objects.get_current().domain == "127.0.0.1:8000"


@pytest.mark.django_db
def test_the_confirmation_email_names_the_sites_domain(client, public_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/accounts/signup/",
            {
                "email": "amina@example.org",
                "display_name": "Amina",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "accept_terms": "on",
            },
            HTTP_HOST="hub.example.org",
            secure=True,
        )
    body = mail.outbox[0].body
    assert "hub.example.org" in body
    assert "127.0.0.1" not in body


@pytest.mark.django_db
def test_the_sitemap_lists_pages_on_the_host_asked(client, public_site):
    index = client.get("/sitemap.xml", HTTP_HOST="hub.example.org", secure=True)
    assert index.status_code == 200
    assert "<loc>https://hub.example.org/sitemap-pages.xml</loc>" in index.content.decode()
    response = client.get("/sitemap-pages.xml", HTTP_HOST="hub.example.org", secure=True)
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>https://hub.example.org/en/</loc>" in xml
    assert "localhost" not in xml


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_by_its_full_address(client):
    response = client.get("/robots.txt", HTTP_HOST="hub.example.org", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://hub.example.org/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /zh-hans/accounts/" in lines
