import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core import audit
from core.models import AuditKind

from .export import member_data
from .forms import DeleteAccountForm
from .services import delete_account


@require_GET
@login_required
def export_data(request):
    """The member's own data as a JSON file to download."""
    data = json.dumps(member_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    audit.record(AuditKind.DATA_EXPORTED, subject=request.user)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    filename = f"brs-hub-{request.user.handle}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Private data: no cache on the way may keep a copy.
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "POST"])
@login_required
def delete_account_view(request):
    """What deleting the account does, then the password again to confirm.
    A POST needs the CSRF token (Django's middleware refuses it from another
    site) and the password; a wrong one answers 400 beside the field."""
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        delete_account(request.user)
        logout(request)
        messages.success(request, _("Your account was deleted. Thank you for taking part."))
        return redirect(reverse("wagtail_serve", args=[""]))
    response = TemplateResponse(request, "pages/account_delete.html", {"form": form})
    patch_cache_control(response, private=True, no_store=True)
    return response
