"""The satisfaction survey: the form people answer and the services that
record an answer, open and close a survey and offer it to members.

A member answers once, by account; anyone else once per browser and
address, recognised by a keyed hash of both that is all that is kept of
them. Answers are only ever shown added up."""

import hashlib
import hmac

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from conventions.forms import MemberCountryChoiceField, ReaderOrderChoiceIterator
from conventions.models import RegionalGroup
from profiles.permissions import is_secretariat

from .feedback import LANGUAGE_CODES, client_address
from .models import COMMENT_MAX_LENGTH, SURVEY_ROLES, SURVEY_USES, Survey, SurveyOffer, SurveyResponse, SurveyStatus

SATISFACTION_CHOICES = [
    (1, _("1 (very dissatisfied)")),
    (2, _("2 (dissatisfied)")),
    (3, _("3 (neither satisfied nor dissatisfied)")),
    (4, _("4 (satisfied)")),
    (5, _("5 (very satisfied)")),
]
# Whether any survey is open, so that a member's pages cost no query when
# none is (nearly always). open_survey and close_survey forget it.
ANY_OPEN_CACHE_KEY = "packages:survey:any-open"
ANY_OPEN_CACHE_SECONDS = 60
# How long a member, once considered for the newest open survey, is not
# considered again (the offer is recorded in the database in any case).
CONSIDERED_SECONDS = 7 * 24 * 3600


class SurveyClosed(Exception):
    """The survey does not take answers (not yet open, or closed)."""


class AlreadyAnswered(Exception):
    """This member, or this browser at this address, has answered already."""


class RegionChoiceField(forms.ModelChoiceField):
    """A UN regional group, named and sorted in the reader's language."""

    iterator = ReaderOrderChoiceIterator

    def label_from_instance(self, obj: RegionalGroup) -> str:
        return obj.local_name


class LimitedTextarea(forms.Textarea):
    """A textarea that never sends back more than its maxlength: a browser
    stops typing and pasting there, so a longer text came from elsewhere
    (a script, a megabyte) and is not worth returning over a slow line."""

    def format_value(self, value):
        value = super().format_value(value)
        limit = self.attrs.get("maxlength")
        return value[: int(limit)] if value and limit else value


class SurveyForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("Overall, how satisfied are you with the clearing-house?"),
        choices=SATISFACTION_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how satisfied you are, from 1 to 5."),
            "invalid_choice": _("Choose a number from 1 to 5 (“%(value)s” is not one)."),
        },
    )
    uses = forms.MultipleChoiceField(
        label=_("What do you use on the clearing-house? (optional)"),
        help_text=_("Tick all that apply."),
        choices=SURVEY_USES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("“%(value)s” is not one of the parts of the clearing-house listed.")},
    )
    missing = forms.CharField(
        label=_("What is missing, or could be better? (optional)"),
        help_text=format_lazy(
            _("Plain text, at most {limit} characters. Do not include personal details."), limit=COMMENT_MAX_LENGTH
        ),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=LimitedTextarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "Write at most %(limit_value)d characters here (you wrote %(show_value)d): shorten your answer."
            )
        },
    )
    role = forms.ChoiceField(
        label=_("What is your role?"),
        choices=SURVEY_ROLES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the role closest to yours."),
            "invalid_choice": _("“%(value)s” is not one of the roles listed."),
        },
    )
    region = RegionChoiceField(
        label=_("Which UN regional group do you work in?"),
        queryset=RegionalGroup.objects.all(),
        to_field_name="code",
        empty_label=_("Choose a regional group"),
        error_messages={
            "required": _("Choose your UN regional group."),
            "invalid_choice": _("There is no UN regional group with the code “%(value)s”."),
        },
    )
    country = MemberCountryChoiceField(
        label=_("Which country do you work for? (optional)"),
        to_field_name="iso3",
        required=False,
        empty_label=_("I would rather not say"),
        error_messages={"invalid_choice": _("There is no country with the code “%(value)s”.")},
    )

    def clean_uses(self) -> list[str]:
        # Once each, in the order of the list (a key sent twice counts once).
        ticked = set(self.cleaned_data["uses"])
        return [key for key, _label in SURVEY_USES if key in ticked]

    def clean_missing(self) -> str:
        return self.cleaned_data["missing"].strip()


def respondent_key(request, survey: Survey) -> str:
    """Who answered without an account, as a keyed hash of the survey, the
    address and the browser: the same person answering twice gives the same
    key, and the key cannot be turned back into the address (the secret key
    is needed to try one). Members are recognised by their account instead."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    message = f"{survey.pk}\n{client_address(request)}\n{user_agent}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _member(user):
    return user if user is not None and user.is_authenticated else None


def has_answered(survey: Survey, *, user, respondent: str) -> bool:
    """Whether this member (by account) or this anonymous respondent (by key) answered the survey."""
    member = _member(user)
    if member is not None:
        return SurveyResponse.objects.filter(survey=survey, user=member).exists()
    return bool(respondent) and SurveyResponse.objects.filter(survey=survey, respondent=respondent).exists()


def answer_survey(survey: Survey, cleaned_data: dict, *, user, respondent: str, language: str) -> SurveyResponse:
    """Record one person's answers (SurveyForm's cleaned data). A member is
    kept by account and no respondent key; anyone else by `respondent`
    (respondent_key) and no account. Raises SurveyClosed when the survey
    does not take answers and AlreadyAnswered when this person answered,
    including when two answers of theirs arrive at once."""
    if not survey.is_open:
        raise SurveyClosed
    member = _member(user)
    if member is None and not respondent:
        raise ValueError("An answer without an account needs a respondent key.")
    respondent = "" if member is not None else respondent
    with transaction.atomic():
        if has_answered(survey, user=member, respondent=respondent):
            raise AlreadyAnswered
        try:
            # A savepoint of its own: the unique constraints settle a race
            # between two answers the check above both let through.
            with transaction.atomic():
                return SurveyResponse.objects.create(
                    survey=survey,
                    user=member,
                    respondent=respondent,
                    satisfaction=cleaned_data["satisfaction"],
                    uses=list(cleaned_data.get("uses") or []),
                    missing=cleaned_data.get("missing", ""),
                    role=cleaned_data.get("role") or "",
                    region=cleaned_data.get("region"),
                    country=cleaned_data.get("country"),
                    language=language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE,
                )
        except IntegrityError as error:
            raise AlreadyAnswered from error


def _forget_whether_any_is_open() -> None:
    # Now, for this process, and again once the change is committed: a page
    # read in between could have put the old answer back.
    cache.delete(ANY_OPEN_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(ANY_OPEN_CACHE_KEY))


def open_survey(survey: Survey) -> Survey:
    """Start taking answers (again, if it was closed) and offering the survey to members."""
    survey.status = SurveyStatus.OPEN
    survey.opened_at = timezone.now()
    survey.closed_at = None
    survey.save(update_fields=["status", "opened_at", "closed_at"])
    _forget_whether_any_is_open()
    return survey


def close_survey(survey: Survey) -> Survey:
    """Stop taking answers; the answers received stay, to be counted. The
    keys that recognised anonymous respondents are erased: they served only
    to count each person once while the survey was open (reopened, it
    recognises members by account, and others again from then on)."""
    with transaction.atomic():
        survey.status = SurveyStatus.CLOSED
        survey.closed_at = timezone.now()
        survey.save(update_fields=["status", "closed_at"])
        survey.responses.exclude(respondent="").update(respondent="")
    _forget_whether_any_is_open()
    return survey


def newest_open_survey() -> int:
    """The id of the newest open survey, or 0, from the cache (one query a minute at most)."""
    found = cache.get(ANY_OPEN_CACHE_KEY)
    if found is None:
        newest = Survey.objects.filter(status=SurveyStatus.OPEN).order_by("-opened_at", "-pk").first()
        found = newest.pk if newest else 0
        cache.set(ANY_OPEN_CACHE_KEY, found, ANY_OPEN_CACHE_SECONDS)
    return found


def survey_to_offer(user) -> Survey | None:
    """The survey to offer this member now, once: the newest open survey
    they were neither offered nor answered, recorded as offered. None for
    visitors and the secretariat, and without a query when none is open or
    this member was already considered for the newest one."""
    if not user.is_authenticated or user.is_staff:
        return None
    newest = newest_open_survey()
    if not newest:
        return None
    # Considered once per survey: the pages that follow cost nothing.
    considered = f"packages:survey:considered:{newest}:{user.pk}"
    if not cache.add(considered, True, CONSIDERED_SECONDS):
        return None
    if is_secretariat(user):
        return None
    survey = (
        Survey.objects.filter(status=SurveyStatus.OPEN)
        .exclude(offers__user=user)
        .exclude(responses__user=user)
        .order_by("-opened_at", "-created_at")
        .first()
    )
    if survey is None:
        return None
    # Two pages loading at once: only the one that records the offer shows it.
    _offer, created = SurveyOffer.objects.get_or_create(survey=survey, user=user)
    return survey if created else None
