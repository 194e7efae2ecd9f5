"""/sitemap.xml: every public page and record, in every language."""

from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap


def sitemap(request):
    return wagtail_sitemap(request)
