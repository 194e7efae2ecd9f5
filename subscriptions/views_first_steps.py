"""First steps after signing up (see first_steps.py): a newcomer says who they
are, then chooses what to follow, joins their regional group and decides
whether others can find them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from community.services import ForumError
from profiles.services import mark_first_steps_done

from .first_steps import AboutYouForm, FollowForm, finish_first_steps, save_about_you
from .services import SubscriptionError


@login_required
@require_http_methods(["GET", "POST"])
def about_you(request):
    profile = request.user.profile
    initial = {"display_name": profile.display_name, "country": profile.country, "languages": profile.languages}
    form = AboutYouForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_about_you(request.user, form.cleaned_data)
        return redirect("subscriptions:first_steps_follow")
    return render(
        request,
        "pages/first_steps_about.html",
        {"form": form, "step": 1},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_and_join(request):
    if request.method == "POST" and "skip" in request.POST:
        mark_first_steps_done(request.user)
        messages.info(
            request,
            _("You can follow topics and groups at any time from your subscriptions; your profile stays private."),
        )
        return redirect(_home())
    form = FollowForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            done = finish_first_steps(request.user, form)
        except (ForumError, SubscriptionError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _summary(done))
            return redirect(_home())
    return render(
        request,
        "pages/first_steps_follow.html",
        {"form": form, "step": 2, "suggested": form.suggested},
        status=400 if form.errors else 200,
    )


def _summary(done: dict) -> str:
    """What the member now has, in one sentence each."""
    parts = [_("Welcome to the hub.")]
    if done["topics"]:
        parts.append(
            ngettext("You follow %(count)d topic.", "You follow %(count)d topics.", done["topics"])
            % {"count": done["topics"]}
        )
    if done["group"]:
        group, active = done["group"]
        if active:
            parts.append(_("You joined the %(group)s group.") % {"group": group.name})
        else:
            parts.append(_("Your request to join the %(group)s group awaits a moderator.") % {"group": group.name})
    parts.append(_("New posts on what you follow reach you in your daily digest; change that in your subscriptions."))
    return " ".join(parts)


def _home() -> str:
    """The home page in the reader's language."""
    return reverse("wagtail_serve", args=[""])
