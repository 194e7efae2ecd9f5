"""/<lang>/survey/<slug>/: the satisfaction survey, answered by anyone who
has the link, once each."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..feedback import over_the_limit
from ..models import Survey, SurveyStatus
from ..survey import AlreadyAnswered, SurveyClosed, SurveyForm, answer_survey, has_answered, respondent_key

TEMPLATE = "pages/survey.html"


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, slug):
    # A survey not yet opened is not there for anyone outside the admin.
    survey = get_object_or_404(Survey.objects.exclude(status=SurveyStatus.DRAFT), slug=slug)
    if not survey.is_open:
        return _closed(request, survey)
    user = request.user if request.user.is_authenticated else None
    respondent = "" if user is not None else respondent_key(request, survey)
    if has_answered(survey, user=user, respondent=respondent):
        if request.method == "POST":
            return _already_answered(request, survey)
        return render(request, TEMPLATE, {"survey": survey, "answered": True})
    if request.method != "POST":
        return render(request, TEMPLATE, {"survey": survey, "form": SurveyForm()})
    form = SurveyForm(request.POST)
    # Without an account, a changed browser name is a new respondent: the
    # feedback's hourly limit per address keeps a script from stuffing answers.
    if user is None and over_the_limit(request):
        problem = _("You have sent many answers in the last hour: please try again later.")
        return render(request, TEMPLATE, {"survey": survey, "form": form, "problem": problem}, status=429)
    if not form.is_valid():
        return render(request, TEMPLATE, {"survey": survey, "form": form}, status=400)
    try:
        answer_survey(survey, form.cleaned_data, user=user, respondent=respondent, language=get_language())
    except SurveyClosed:
        return _closed(request, survey)
    except AlreadyAnswered:
        return _already_answered(request, survey)
    messages.success(request, _("Thank you for your answers: they help the secretariat improve the clearing-house."))
    return redirect(request.path)


def _closed(request, survey):
    problem = _("This survey is closed. Thank you for your interest.")
    return render(request, TEMPLATE, {"survey": survey, "problem": problem}, status=410)


def _already_answered(request, survey):
    problem = _("You have already answered this survey: only your first answer is counted.")
    return render(request, TEMPLATE, {"survey": survey, "problem": problem, "answered": True}, status=409)
