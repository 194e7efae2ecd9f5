"""Following: the follow button, and the page where a member sees
everything they follow and chooses how they hear of it. What each kind of
thing is, who may see it and how it is named comes from core.follows."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core import follows

from .constants import EmailStatus, FollowKind
from .forms import DeliveryPreferencesForm, FollowForm
from .models import Follow, Preferences
from .services import SubscriptionError, followable, normal_key, set_email_status
from .services import follow as follow_target
from .services import unfollow as unfollow_target
from .templatetags.subscriptions_tags import button_context

# The settings page lists follows under these headings, in this order.
FOLLOW_HEADINGS = {
    FollowKind.TOPIC: gettext_lazy("Thematic areas"),
    FollowKind.TAG: gettext_lazy("Tags"),
    FollowKind.GROUP: gettext_lazy("Groups"),
    FollowKind.QUESTION: gettext_lazy("Questions"),
    FollowKind.MEMBER: gettext_lazy("Members"),
    FollowKind.COUNTRY: gettext_lazy("Countries"),
    FollowKind.CONVENTION: gettext_lazy("Conventions"),
    FollowKind.KNOWLEDGE_TYPE: gettext_lazy("Kinds of knowledge item"),
}


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _safe_next(request, candidate: str) -> str:
    """`candidate` if it leads back into this site, else ""."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _refuse(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


# ---------------------------------------------------------------- the button


@require_POST
def toggle(request):
    """Follow or unfollow (kind, key, action). htmx gets the new button back;
    without JavaScript the member returns to the page they were on. Private,
    deleted and unknown things answer 404, following twice 409."""
    next_url = _safe_next(request, request.POST.get("next", ""))
    if not request.user.is_authenticated:
        login = redirect_to_login(next_url or reverse("packages:topics"))
        if _is_htmx(request):
            # XMLHttpRequest follows redirects itself; htmx loads this page instead.
            response = HttpResponse(status=401)
            response["HX-Redirect"] = login.url
            return response
        return login
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _refuse(form.first_error(), 400)
    kind, key, action = form.cleaned_data["kind"], form.cleaned_data["key"], form.cleaned_data["action"]
    try:
        if action == "follow":
            follow_target(request.user, kind, key)
        else:
            unfollow_target(request.user, kind, key)
    except SubscriptionError as error:
        return _refuse(str(error), error.status)
    following = action == "follow"
    # Named only if the member may still see it: unfollowing a group they
    # left must not show its name.
    target = followable(request.user, kind, key)
    label = follows.target(kind).name(target) if target is not None else ""
    if _is_htmx(request):
        context = button_context(
            kind=kind,
            key=normal_key(kind, key),
            label=label,
            following=following,
            next_url=next_url,
            user=request.user,
        )
        return render(request, "components/follow_button.html", context)
    if following:
        messages.success(request, _("You follow %(name)s.") % {"name": label})
    elif label:
        messages.success(request, _("You no longer follow %(name)s.") % {"name": label})
    else:
        messages.success(request, _("You no longer follow it."))
    return redirect(next_url or reverse("subscriptions:settings"))


# ---------------------------------------------------------------- settings


def followed_sections(user) -> list[dict]:
    """The member's follows by kind, each with its name and address, or
    marked unavailable when it is gone or no longer visible to them (its name
    is then not shown)."""
    keys = defaultdict(list)
    for follow in Follow.objects.filter(user=user).only("kind", "key"):
        keys[follow.kind].append(follow.key)
    sections = []
    for kind, heading in FOLLOW_HEADINGS.items():
        if not keys[kind]:
            continue
        found = follows.target(kind).entries(user, keys[kind])
        entries = [
            {"key": key, "name": found[key][0], "url": found[key][1], "available": True}
            if key in found
            else {"key": key, "name": "", "url": "", "available": False}
            for key in keys[kind]
        ]
        entries.sort(key=lambda entry: (not entry["available"], entry["name"].casefold()))
        sections.append({"kind": kind, "heading": heading, "label": FollowKind(kind).label, "entries": entries})
    return sections


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    """Everything the member follows, with unfollow; how they hear of each
    kind of event; their digest; and the state of their email address."""
    # Unsaved defaults until the member saves: looking writes nothing.
    preferences = Preferences.objects.filter(user=request.user).first() or Preferences(user=request.user)
    form = DeliveryPreferencesForm(instance=preferences)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "preferences")
        if action == "email":
            if preferences.email_status != EmailStatus.OK:
                set_email_status(request.user, EmailStatus.OK)
            messages.success(request, _("We will send email to %(email)s again.") % {"email": request.user.email})
            return redirect("subscriptions:settings")
        if action != "preferences":
            return _refuse(_("Unknown action."), 400)
        form = DeliveryPreferencesForm(request.POST, instance=preferences)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your delivery settings are saved."))
            return redirect("subscriptions:settings")
        status = 400
    return render(
        request,
        "pages/subscriptions_settings.html",
        {
            "sections": followed_sections(request.user),
            "form": form,
            "preferences": preferences,
            "email_ok": preferences.email_status == EmailStatus.OK,
            "timezone": request.user.profile.timezone,
        },
        status=status,
    )
