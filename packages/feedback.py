"""'Was this page useful?': the form at the foot of the pages people read,
and how an answer is recorded. Anyone may answer, without an account; a
visitor is rate limited by a salted hash of their address, kept in the
cache for an hour and never written to the database."""

import hashlib

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from rest_framework.throttling import BaseThrottle

from core.counters import count

from .models import COMMENT_MAX_LENGTH, PageFeedback

# Answers a visitor may send in an hour (several pages, never a flood).
PER_HOUR = 20
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


class FeedbackForm(forms.Form):
    path = forms.CharField(max_length=500, widget=forms.HiddenInput)
    useful = forms.TypedChoiceField(
        label=_("Was this page useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("What could be better? (optional)"),
        help_text=_("Do not include personal details. The secretariat reads every comment; it is not published."),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_path(self):
        path = self.cleaned_data["path"]
        if not is_hub_path(path):
            raise forms.ValidationError(_("This is not a page of the hub."))
        return path


def is_hub_path(path: str) -> bool:
    """A path on this site (never another host, nor a javascript: link)."""
    return path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None)


def neutral_path(path: str) -> str:
    """/fr/decisions/BC-14-12/?x=1 → /decisions/BC-14-12/: one page, whatever language it was read in."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    parts = path.split("/", 2)
    if len(parts) > 2 and parts[1] in LANGUAGE_CODES:
        return "/" + parts[2]
    return path


def client_address(request) -> str:
    """The visitor's address, behind the proxies settings say are in front
    (REST framework's rule, which the API's rate limit uses too)."""
    return BaseThrottle().get_ident(request)


def over_the_limit(request) -> bool:
    """Counts this answer; True once the visitor sent PER_HOUR in the hour."""
    hour = timezone.now().strftime("%Y%m%d%H")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{hour}:{client_address(request)}".encode()).hexdigest()
    key = f"feedback-rate:{digest}"
    return count(key, timeout=3600) > PER_HOUR


def record(form: FeedbackForm, language: str) -> PageFeedback:
    return PageFeedback.objects.create(
        path=neutral_path(form.cleaned_data["path"]),
        language=language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE,
        useful=form.cleaned_data["useful"],
        comment=form.cleaned_data["comment"].strip(),
    )
