"""Errors as RFC 9457 problem details (application/problem+json): what was
wrong, in a sentence a partner's developer can act on; never a 500 for bad
input."""

from django.http import JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_TYPE = "application/problem+json"


def _detail(data) -> str:
    if isinstance(data, dict):
        return " ".join(
            f"{key}: {_detail(value)}" if key != "detail" else _detail(value) for key, value in data.items()
        )
    if isinstance(data, list):
        return " ".join(_detail(value) for value in data)
    return str(data)


def problem_response(status_code: int, title: str, detail: str, **extra) -> Response:
    body = {"type": "about:blank", "title": title, "status": status_code, "detail": detail, **extra}
    return Response(body, status=status_code, content_type=PROBLEM_TYPE)


def problem_exception_handler(exc, context):
    """DRF's errors (validation, not found, throttled, …) as problem details."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    title = {
        status.HTTP_400_BAD_REQUEST: "Bad request",
        status.HTTP_404_NOT_FOUND: "Not found",
        status.HTTP_405_METHOD_NOT_ALLOWED: "Method not allowed",
        status.HTTP_406_NOT_ACCEPTABLE: "Not acceptable",
        status.HTTP_429_TOO_MANY_REQUESTS: "Too many requests",
    }.get(response.status_code, "Error")
    extra = {}
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        extra["errors"] = exc.detail
    problem = problem_response(response.status_code, title, _detail(response.data), **extra)
    for header in ("Retry-After", "Allow", "WWW-Authenticate"):
        if header in response:
            problem[header] = response[header]
    return problem


def no_such_address(request):
    """Any other address under /api/: a problem in JSON, not the site's HTML 404 page."""
    body = {
        "type": "about:blank",
        "title": "Not found",
        "status": 404,
        "detail": "No such address in the API: the documentation at /api/docs/ lists them.",
    }
    return JsonResponse(body, status=404, content_type=PROBLEM_TYPE)
