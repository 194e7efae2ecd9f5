"""The OpenAPI schema describes the open data API only (not Wagtail's admin API)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


def only_the_open_data_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: keep /api/v1/… endpoints."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """The partners' key in the schema: optional (anonymous reads work)."""

    target_class = "api.keys.ApiKeyAuthentication"
    name = "partnerKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Api-Key",
            "description": "A partner's key (or `Authorization: Bearer <key>`): lifts the anonymous rate limit.",
        }
