"""/<lang>/feedback/: an answer to 'Was this page useful?'.

A member answers at the foot of the page, in one step. A visitor's pages are
cached and carry no form that posts (no CSRF cookie): their Yes and No
buttons come here with a GET, which shows the form with their answer chosen
and room for a comment; sending it is the POST that records it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..feedback import FeedbackForm, is_hub_path, over_the_limit, record


@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    if request.method != "POST":
        path, chosen = request.GET.get("path", "")[:500], request.GET.get("useful")
        form = FeedbackForm(
            initial={"path": path if is_hub_path(path) else "", "useful": chosen if chosen in ("yes", "no") else None}
        )
        return render(request, "pages/feedback.html", {"form": form})
    form = FeedbackForm(request.POST)
    if over_the_limit(request):
        context = {"form": form, "problem": _("You have sent many answers in the last hour: please try again later.")}
        return render(request, "pages/feedback.html", context, status=429)
    if not form.is_valid():
        return render(request, "pages/feedback.html", {"form": form}, status=400)
    record(form, get_language())
    messages.success(request, _("Thank you: your answer helps the secretariat improve the hub."))
    return redirect(f"{form.cleaned_data['path']}#page-feedback")
