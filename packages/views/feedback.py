"""POST /<lang>/feedback/: an answer to 'Was this page useful?'."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..feedback import FeedbackForm, over_the_limit, record


@require_POST
def submit(request):
    form = FeedbackForm(request.POST)
    if over_the_limit(request):
        context = {"form": form, "problem": _("You have sent many answers in the last hour: please try again later.")}
        return render(request, "pages/feedback.html", context, status=429)
    if not form.is_valid():
        return render(request, "pages/feedback.html", {"form": form}, status=400)
    record(form, get_language())
    messages.success(request, _("Thank you: your answer helps the secretariat improve the hub."))
    return redirect(f"{form.cleaned_data['path']}#page-feedback")
