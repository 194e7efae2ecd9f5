"""Signal receivers of the members app, connected in ProfilesConfig.ready()."""

from urllib.parse import urlsplit

from django.conf import settings


def site_address() -> tuple[str, int]:
    """The public address (SITE_URL) as Wagtail's hostname and port: the
    given port, else 443 for https, else 80."""
    parts = urlsplit(settings.SITE_URL)
    if parts.port:
        return parts.hostname, parts.port
    return parts.hostname, 443 if parts.scheme == "https" else 80


def set_site_domain(sender, *, apps=None, using="default", **kwargs) -> None:
    """After migrate: name the deployment's own host in django.contrib.sites
    (allauth's emails) and in Wagtail's default Site (page URLs, sitemap).
    A migration wrote 127.0.0.1:8000 and localhost:80 there for a first run.
    Idempotent: writes only what differs."""
    if apps is None:  # `flush` sends post_migrate without the migration state
        from django.apps import apps
    try:
        DjangoSite = apps.get_model("sites", "Site")
        WagtailSite = apps.get_model("wagtailcore", "Site")
    except LookupError:  # a partial migrate, before these apps exist
        return
    domain = urlsplit(settings.SITE_URL).netloc
    site, created = DjangoSite.objects.using(using).get_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME}
    )
    if not created and (site.domain, site.name) != (domain, settings.SITE_NAME):
        site.domain, site.name = domain, settings.SITE_NAME
        site.save(update_fields=["domain", "name"])
    hostname, port = site_address()
    changed = (
        WagtailSite.objects.using(using)
        .filter(is_default_site=True)
        .exclude(hostname=hostname, port=port)
        .update(hostname=hostname, port=port)
    )
    # Both apps cache their sites; the historical models above send no signals.
    from django.contrib.sites.models import Site
    from wagtail.models import Site as WagtailSiteModel

    Site.objects.clear_cache()
    if changed:
        WagtailSiteModel.clear_site_root_paths_cache()
