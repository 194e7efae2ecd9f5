"""The secretariat's queue of role requests, in the Wagtail admin."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .constants import VerificationStatus
from .forms import VerificationDecisionForm
from .models import Verification
from .services import VerificationError, decide_verification

PER_PAGE = 50


@permission_required("profiles.change_verification", raise_exception=True)
def verification_queue(request):
    status = request.GET.get("status", VerificationStatus.PENDING)
    if status not in VerificationStatus.values and status != "all":
        status = VerificationStatus.PENDING
    requests = Verification.objects.select_related("user__profile", "country", "decided_by__profile").prefetch_related(
        "thematic_areas"
    )
    if status != "all":
        requests = requests.filter(status=status)
    page = Paginator(requests.order_by("created_at"), PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "profiles/admin/verification_queue.html",
        {
            "page_obj": page,
            "current_status": status,
            "statuses": [(VerificationStatus.PENDING, _("Awaiting review"))]
            + [(value, label) for value, label in VerificationStatus.choices if value != VerificationStatus.PENDING]
            + [("all", _("All"))],
            "pending_count": Verification.objects.pending().count(),
        },
    )


@permission_required("profiles.change_verification", raise_exception=True)
@require_http_methods(["GET", "POST"])
def verification_decide(request, pk):
    verification = get_object_or_404(
        Verification.objects.select_related("user__profile__country", "country").prefetch_related("thematic_areas"),
        pk=pk,
    )
    status = 200
    if request.method == "POST":
        form = VerificationDecisionForm(request.POST)
        if form.is_valid():
            try:
                decide_verification(
                    verification,
                    editor=request.user,
                    approve=form.cleaned_data["decision"] == "approve",
                    note=form.cleaned_data["note"],
                )
            except VerificationError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(
                    request, _("Decision saved; %(member)s will be told.") % {"member": verification.user}
                )
                return redirect("profiles_admin:verification_queue")
        else:
            status = 400
    else:
        form = VerificationDecisionForm()
    return render(
        request,
        "profiles/admin/verification_decide.html",
        {"verification": verification, "form": form},
        status=status,
    )
