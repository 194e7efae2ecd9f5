from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from conventions.models import ThematicArea
from conventions.vocabulary import localized_names

from .constants import Role, VerificationStatus
from .forms import ProfileForm, VerificationRequestForm
from .models import Profile, User
from .services import HandleError, VerificationError, change_handle, request_verification, update_profile

PEOPLE_PER_PAGE = 24
# How long a browser may remember that a former handle leads to the new one.
REDIRECT_MAX_AGE = 60 * 60


def people_index(request):
    """The roster of experts: visible profiles with a verified expert role,
    filtered by the thematic areas the secretariat verified (not those a
    member declares on their profile)."""
    expert = {"user__verifications__role": Role.EXPERT, "user__verifications__status": VerificationStatus.APPROVED}
    topic = request.GET.get("topic", "")
    if topic:
        # In the same filter(): the approved expert verification itself must
        # cover the topic, not any other request of the member.
        expert["user__verifications__thematic_areas__slug"] = topic
    profiles = (
        Profile.objects.visible_to(request.user).filter(**expert).distinct().with_badges().order_by("display_name")
    )
    topics = localized_names(ThematicArea.objects.originals())
    page = Paginator(profiles, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "pages/people_index.html",
        {"page_obj": page, "topics": topics, "current_topic": topic},
    )


def profile_detail(request, handle):
    """A member's public profile; 404 for a private one unless it is yours.
    A handle the member used before leads to their profile under the new one."""
    profile = Profile.objects.visible_to(request.user).with_badges().filter(user__handle=handle).first()
    if profile is None:
        current = (
            Profile.objects.visible_to(request.user)
            .filter(user__former_handles__handle=handle)
            .select_related("user")
            .first()
        )
        if current is None:
            raise Http404
        response = HttpResponsePermanentRedirect(current.get_absolute_url())
        # Not for shared caches (it may name a profile only this person sees), and
        # not for long: the member may take the old handle back.
        patch_cache_control(response, private=True, max_age=REDIRECT_MAX_AGE)
        return response
    expertise = [name for _area, name in localized_names(profile.expertise.all())]
    return render(request, "pages/profile_detail.html", {"profile": profile, "expertise": expertise})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    # A fresh copy: a rejected form must not change the name shown in the header.
    profile = Profile.objects.get(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile)
        if form.is_valid():
            data = form.cleaned_data
            fields = {name: data[name] for name in form.Meta.fields if name != "expertise"}
            # The handle first: refused, nothing is written (no photo file either).
            try:
                with transaction.atomic():
                    change_handle(User.objects.get(pk=request.user.pk), data["handle"])
                    update_profile(
                        profile,
                        fields=fields,
                        expertise=data["expertise"],
                        avatar=data.get("avatar"),
                        remove_avatar=data.get("remove_avatar", False),
                    )
            except HandleError as error:
                form.add_error("handle", str(error))
            if not form.errors:
                messages.success(request, _("Your profile was saved."))
                return redirect("profiles:edit")
        status = 400
    else:
        form = ProfileForm(instance=profile)
        status = 200
    return render(request, "pages/profile_edit.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def verification(request):
    """Ask the secretariat to recognise you as a focal point or an expert."""
    status = 200
    if request.method == "POST":
        form = VerificationRequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                request_verification(
                    request.user,
                    role=data["role"],
                    justification=data["justification"],
                    country=data.get("country"),
                    focal_point_kind=data.get("focal_point_kind", ""),
                    thematic_areas=list(data.get("thematic_areas") or []),
                )
            except VerificationError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                messages.success(request, _("Your request was sent to the secretariat. You will hear by email."))
                return redirect("profiles:verification")
        else:
            status = 400
    else:
        form = VerificationRequestForm()
    requests = request.user.verifications.select_related("country").prefetch_related("thematic_areas")
    return render(
        request,
        "pages/verification.html",
        {"form": form, "verification_requests": requests},
        status=status,
    )


class ConfirmEmailView(allauth_views.ConfirmEmailView):
    """allauth's confirmation page, answering 404 for an unknown or expired
    link (it shows the same explanation, but a 200 would hide the failure)."""

    def get(self, *args, **kwargs):
        response = super().get(*args, **kwargs)
        if self.object is None:
            response.status_code = 404
        return response
