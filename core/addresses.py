"""The hub's public address, for everything read outside a request: emails,
feeds, the sitemap's site records, links in notifications."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """The path on the public address (settings.SITE_URL); a full URL as it is."""
    return path if path.startswith("http") else settings.SITE_URL.rstrip("/") + path
