from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.sitemaps import sitemap
from packages.urls import feed_urlpatterns
from profiles.views import ConfirmEmailView
from subscriptions.views_unsubscribe import unsubscribe

from .csp import csp_report
from .health import healthz


@require_GET
def robots_txt(request):
    """Keep crawlers out of the admin and the account pages of every
    language, and point them to the sitemap by its full address (the
    Sitemap line must be absolute) on the host they asked."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    lines += [f"Disallow: /{code}/accounts/" for code, _name in settings.LANGUAGES]
    # Result pages are endless combinations of the same content.
    lines += [f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the
    static file (its hashed name, known only once collectstatic has run)."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


# A database that cannot be reached answers 503 with Retry-After, not a 500 (config.errors).
handler500 = "config.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("csp-report/", csp_report, name="csp_report"),
    # The admin's own login page hands over to allauth, so its rate limits
    # and MFA apply to editors too.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Every public page and record, in every language (api.sitemaps).
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap, name="sitemap_section"),
    path("robots.txt", robots_txt),
    # Browsers ask for it at the root whatever the page says.
    path("favicon.ico", favicon),
    path("", include((feed_urlpatterns, "feeds"))),
    # From emails, without signing in; no language prefix, so links never break.
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
    path("anymail/", include("config.anymail_urls")),
    # The open data API: no language prefix (records carry their languages).
    path("", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("accounts/confirm-email/<str:key>/", ConfirmEmailView.as_view(), name="account_confirm_email"),
    path("accounts/", include("allauth.urls")),
    path("", include("api.feed_urls")),
    path("", include("profiles.urls")),
    path("", include("knowledge.urls")),
    path("", include("community.urls")),
    path("", include("packages.urls")),
    path("", include("subscriptions.urls")),
    path("", include("search.urls")),
    path("", include("policies.urls")),
    path("", include("api.data_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
