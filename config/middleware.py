import gzip
import hashlib
import logging

import brotli
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotModified
from django.middleware import locale
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_sequence
from django.utils.translation import gettext as _

from core import page_cache

logger = logging.getLogger(__name__)

# Form errors that mean "too many attempts" (allauth's rate limits) answer 429.
THROTTLED_CODES = {"too_many_login_attempts"}


class InvalidFormStatusMiddleware:
    """A POST that re-renders a form because of errors answers 400, not 200,
    on every page (allauth's and ours): browsers show the same page, while
    scripts, tests and monitoring see that nothing was saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code == 200
            and isinstance(response, TemplateResponse)
            and response.context_data
        ):
            form = response.context_data.get("form")
            if form is not None and getattr(form, "is_bound", False) and form.errors:
                # On the form (a password sign-in) or on a field (the email of a sign-in code).
                throttled = any(
                    error.code in THROTTLED_CODES for errors in form.errors.as_data().values() for error in errors
                )
                response.status_code = 429 if throttled else 400
        return response


class RejectNullCharacterMiddleware:
    """A NUL character in the address, a query or a posted form answers 400
    with a plain message, before any view: PostgreSQL cannot store or
    compare text holding one (psycopg refuses it), so a filter such as
    `?tag=%00` would otherwise end in a 500, and no field of the hub has a
    use for it. Reading a posted form here parses it no earlier than the
    CSRF check would. Uploaded files and JSON bodies are the views' to check."""

    FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.holds_null(request):
            return HttpResponseBadRequest(
                _("The address or the form holds a null character (%00), which the hub does not accept."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    def holds_null(self, request) -> bool:
        if request.path_info.startswith(("/api/", "/anymail/")):
            # The open data API answers its own problem details (api.problems); an email
            # provider's webhook reads its raw body, which parsing the form here would consume.
            return False
        if "\x00" in request.path_info:
            return True
        parts = [request.GET]
        if request.method == "POST" and request.content_type in self.FORMS:
            parts.append(request.POST)
        return any(
            "\x00" in key or any("\x00" in value for value in values) for part in parts for key, values in part.lists()
        )


class NoEmptyContentEncodingMiddleware:
    """Wagtail's document serving (wagtail.utils.sendfile) writes the guessed
    encoding even when there is none, sending a literal "Content-Encoding:
    None" that some clients and proxies refuse to decode. Drop it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Encoding") in ("None", ""):
            del response["Content-Encoding"]
        return response


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, except for the open data API (/api/) and the email
    provider's webhooks (/anymail/): their addresses have no language, and
    their 404s are answers (a decision that does not exist, a page past the
    end, a provider not set up), not pages to look for under /en/."""

    UNPREFIXED = ("/api/", "/anymail/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)


# Text that compresses well; documents, images and archives are left as
# they are (compressed already, or served by whitenoise with its own .br/.gz).
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/javascript",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/vnd.oai.openapi",
    "image/svg+xml",
)
# Quick enough for every page (a few milliseconds for 100 KB), most of the gain.
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
SMALLEST = 200


def accepted_encoding(request) -> str:
    """``br`` when the client accepts Brotli, else ``gzip`` when it accepts
    that, else the empty string (no compression)."""
    offered = {}
    for part in request.headers.get("Accept-Encoding", "").split(","):
        name, _semicolon, parameters = part.strip().partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            key, _equals, value = parameter.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        offered[name.strip().lower()] = quality
    for encoding in ("br", "gzip"):
        if offered.get(encoding, offered.get("*", 0.0)) > 0:
            return encoding
    return ""


class CompressionMiddleware:
    """Compress text responses (pages, JSON, CSV, feeds, calendars) with
    Brotli when the client accepts it, else gzip: a page of 18 KB travels as
    about 4. Streamed responses (CSV exports, open data) are compressed as
    they stream, in bounded memory. Django masks the CSRF token differently
    in every response, so compression does not let an attacker guess it
    (BREACH). Sits near the top of MIDDLEWARE, so that it compresses what the
    others wrote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Content-Encoding") or response.status_code in (204, 304) or request.method == "HEAD":
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = accepted_encoding(request)
        if not encoding:
            return response
        if response.streaming:
            response.streaming_content = (
                brotli_stream(response.streaming_content)
                if encoding == "br"
                else compress_sequence(response.streaming_content)
            )
            del response["Content-Length"]
        else:
            if len(response.content) < SMALLEST:
                return response
            compressed = (
                brotli.compress(response.content, quality=BROTLI_QUALITY)
                if encoding == "br"
                else gzip.compress(response.content, compresslevel=GZIP_LEVEL, mtime=0)
            )
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response["Content-Length"] = str(len(compressed))
        # The compressed body is not byte-for-byte the one the ETag named.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response["ETag"] = "W/" + etag
        response["Content-Encoding"] = encoding
        return response


def brotli_stream(chunks):
    compressor = brotli.Compressor(quality=BROTLI_QUALITY)
    for chunk in chunks:
        data = compressor.process(chunk if isinstance(chunk, bytes) else str(chunk).encode())
        if data:
            yield data
    yield compressor.finish()


class AnonymousPageCacheMiddleware:
    """Pages for visitors who are not signed in, served from the shared
    cache (core.page_cache says when they stop being served).

    A request is answered from the cache only when it is a GET for a page in
    one of the site's languages, carries no session or messages cookie (so
    no member ever gets a stored page, and no stored page hides a message),
    and is not an htmx request for part of a page. A response is stored only
    when it is a 200 HTML page that set no cookie (a page whose form needed a
    CSRF token sets one) and did not ask not to be. Stored pages are kept
    compressed as each client asked (the key holds the encoding), with an
    ETag, so that a browser's revalidation costs it 304 and no bytes.

    Sits near the top of MIDDLEWARE: above compression (the stored bytes are
    the compressed ones) and above sessions, CSRF and messages, so that it
    sees every cookie the response sets. The visit counter sits above it, so
    pages served from the cache are counted too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
        self.private_cookies = {settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGES_COOKIE_NAME", "messages")}

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        key = self.key(request) if seconds else None
        if key is None:
            return self.private(self.get_response(request))
        try:
            stored = cache.get(key)
        except Exception:  # noqa: BLE001 (the cache is optional: render the page)
            logger.warning("page cache unavailable", exc_info=True)
            stored = None
        if stored is not None:
            request.LANGUAGE_CODE = request.path_info.split("/")[1]
            return self.from_cache(request, stored)
        response = self.get_response(request)
        if not self.storable(request, response):
            return self.private(response)
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        response["ETag"] = etag
        self.public(response)
        stored = (response.status_code, list(response.items()), response.content)
        try:
            cache.set(key, stored, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("page not stored in the cache", exc_info=True)
        response["X-Page-Cache"] = "miss"
        return response

    def key(self, request) -> str | None:
        if request.method != "GET" or not request.path_info.startswith(self.languages):
            return None
        if request.headers.get("HX-Request") or request.headers.get("Authorization"):
            return None
        if self.private_cookies & request.COOKIES.keys():
            return None
        try:
            address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        except DisallowedHost:  # answered below as Django answers it
            return None
        kinds = page_cache.kinds_of_path(request.path_info)
        if kinds is None:
            return None
        try:
            versions = page_cache.versions(kinds)
        except Exception:  # noqa: BLE001
            logger.warning("page cache unavailable", exc_info=True)
            return None
        digest = hashlib.sha256(address.encode()).hexdigest()[:40]
        return f"{page_cache.PREFIX}:page:{accepted_encoding(request) or 'identity'}:{versions}:{digest}"

    @staticmethod
    def storable(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        control = response.get("Cache-Control", "")
        if any(word in control for word in ("private", "no-store", "no-cache")):
            return False
        user = getattr(request, "user", None)
        return user is None or not user.is_authenticated

    @staticmethod
    def public(response):
        # Anyone may keep it, but must ask again each time (a 304 costs nothing):
        # what a page shows changes the moment someone posts.
        response["Cache-Control"] = "public, max-age=0, must-revalidate"
        patch_vary_headers(response, ("Cookie", "Accept-Encoding"))

    @staticmethod
    def private(response):
        if response.get("Content-Type", "").startswith("text/html") and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-cache"
            patch_vary_headers(response, ("Cookie",))
        return response

    @staticmethod
    def from_cache(request, stored):
        status, headers, content = stored
        etag = dict(headers).get("ETag")
        if etag and etag in (tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")):
            response = HttpResponseNotModified()
            for name in ("ETag", "Cache-Control", "Vary", "Content-Language"):
                if name in dict(headers):
                    response[name] = dict(headers)[name]
        else:
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
