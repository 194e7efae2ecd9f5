"""The OpenAPI schema describes the open data API only (not Wagtail's admin API)."""


def only_the_open_data_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: keep /api/v1/… endpoints."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
