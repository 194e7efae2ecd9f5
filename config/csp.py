"""The Content Security Policy (django-csp, settings in config/settings/base.py)
and the endpoint browsers report its violations to.

The public site's policy is strict: scripts, styles, fonts and images from
the hub itself only, no inline script or style attribute anywhere. The
Wagtail admin, which its editors alone open, still writes inline scripts and
styles of its own; it gets the same policy with 'unsafe-inline' for those
two (the API documentation, for styles), may be framed by itself (the page
editor's preview), and keeps every other directive (no plugins, no foreign
form targets, no <base>).
"""

import json
import logging

from allauth.account.adapter import get_adapter
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.counters import count

logger = logging.getLogger("hub.csp")

# Pages whose scripts and styles are not ours to rewrite: the Wagtail admin
# (inline scripts and styles), and Swagger UI's page of the API documentation
# (an inline <style>; its scripts are files).
INLINE_ALLOWED_PREFIXES = ("/admin/", "/django-admin/")
INLINE_STYLE_PREFIXES = ("/api/docs/",)
# What one report may weigh: a real one is well under 2 KB.
MAX_REPORT_BYTES = 16 * 1024
# A flood is refused, not logged: per address, and for everyone together.
REPORTS_PER_ADDRESS_PER_MINUTE = 20
REPORTS_PER_MINUTE = 300
# The fields of a report worth a line in the log, by their two spellings
# (report-uri's csp-report and the Reporting API's csp-violation body).
FIELDS = {
    "document-uri": "documentURL",
    "violated-directive": "effectiveDirective",
    "blocked-uri": "blockedURL",
    "source-file": "sourceFile",
    "line-number": "lineNumber",
}


class HubCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's allowance and the
    Permissions-Policy header (what the hub never asks a browser for)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(INLINE_ALLOWED_PREFIXES):
            parts.update = {
                **(parts.update or {}),
                "script-src": ["'unsafe-inline'"],
                "style-src": ["'unsafe-inline'"],
            }
            # The page editor's live preview is a frame of the admin itself.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        elif request.path_info.startswith(INLINE_STYLE_PREFIXES):
            parts.update = {**(parts.update or {}), "style-src": ["'unsafe-inline'"]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response


def _within_limits(address: str) -> bool:
    """Count this report against its address and against everyone; False
    when either is over its minute's allowance. Without the cache (Redis
    away), reports are taken (core.counters)."""
    return count(f"csp-report:{address}", timeout=60) <= REPORTS_PER_ADDRESS_PER_MINUTE and (
        count("csp-report:all", timeout=60) <= REPORTS_PER_MINUTE
    )


def _violations(payload) -> list[dict]:
    """The violations in a report of either format, as dicts of FIELDS."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        reports = [payload["csp-report"]]
    elif isinstance(payload, list):
        reports = [
            {legacy: entry["body"].get(modern) for legacy, modern in FIELDS.items()}
            for entry in payload
            if isinstance(entry, dict) and entry.get("type") == "csp-violation" and isinstance(entry.get("body"), dict)
        ]
    else:
        return []
    return [{field: str(report.get(field) or "")[:500] for field in FIELDS} for report in reports]


@csrf_exempt  # browsers send reports without a token, and nothing is changed but the log
@require_POST
def csp_report(request):
    """Log what a browser refused under the policy (204); refuse a report
    too large (413), unreadable (400) or over the limits (429)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse("Not a Content Security Policy report.", status=400, content_type="text/plain")
    if length > MAX_REPORT_BYTES:
        return HttpResponse("The report is too large.", status=413, content_type="text/plain")
    # The address as allauth's sign-in limits see it: through ALLAUTH_TRUSTED_PROXY_COUNT proxies.
    if not _within_limits(get_adapter(request).get_client_ip(request)):
        return HttpResponse("Too many reports; try again in a minute.", status=429, content_type="text/plain")
    try:
        violations = _violations(json.loads(request.body[:MAX_REPORT_BYTES]))
    except (ValueError, UnicodeDecodeError):
        violations = []
    if not violations:
        return HttpResponse("Not a Content Security Policy report.", status=400, content_type="text/plain")
    for violation in violations:
        logger.warning(
            "CSP violation: %s blocked %s on %s (%s:%s)",
            violation["violated-directive"],
            violation["blocked-uri"],
            violation["document-uri"],
            violation["source-file"],
            violation["line-number"],
        )
    return HttpResponse(status=204)
