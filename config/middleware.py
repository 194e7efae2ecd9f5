from django.middleware import locale
from django.template.response import TemplateResponse

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
                throttled = any(error.code in THROTTLED_CODES for error in form.non_field_errors().as_data())
                response.status_code = 429 if throttled else 400
        return response


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
    """Django's, except for the open data API (/api/): its addresses have no
    language, and its 404s are answers (a decision that does not exist, a
    page past the end), not pages to look for under /en/."""

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)
