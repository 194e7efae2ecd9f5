"""The OpenAPI schema describes the open data API only (not Wagtail's admin API)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from .filters import HARVEST_MOMENT_PATTERN, MAX_PAGE_SIZE, MAX_VALUE_LENGTH


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


PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True},
    },
    "required": ["type", "title", "status", "detail"],
}
ERRORS = {
    "400": "A parameter the endpoint does not know, or a value it cannot read (named in `detail`).",
    "401": "The API key sent is not valid, or it was revoked.",
    "404": "No such record, page or cursor.",
    "406": "Only JSON is served.",
    "429": "Too many anonymous requests: wait the seconds `Retry-After` says, or ask for a key.",
}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation can answer 304
    (conditional requests) and the errors above, as problem details."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter["in"] == "query" and schema.get("type") == "string" and "enum" not in schema:
                    # No NUL character: no text field can hold one.
                    schema.update(minLength=1, maxLength=MAX_VALUE_LENGTH, pattern="^[^\\u0000]+$")
                if parameter["name"] == "updated_since":
                    schema["pattern"] = HARVEST_MOMENT_PATTERN
                if parameter["name"] in ("page", "page_size"):
                    schema["minimum"] = 1
                if parameter["name"] == "page_size":
                    schema["maximum"] = MAX_PAGE_SIZE
            responses = operation.setdefault("responses", {})
            responses.setdefault("304", {"description": "Not modified: the ETag or date sent is current."})
            for status, description in ERRORS.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    },
                )
    return result
