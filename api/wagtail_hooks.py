"""Partners' API keys in the admin: administrators issue them (the key is
shown once) and revoke them."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core import audit
from core.models import AuditKind

from .models import ApiKey


class ApiKeyForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=gettext_lazy("Revoke this key"),
        required=False,
        help_text=gettext_lazy("Requests with it are refused from now on. A revoked key cannot be restored."),
    )

    class Meta:
        model = ApiKey
        fields = ["partner", "contact", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None or self.instance.revoked_at:
            del self.fields["revoke"]

    def save(self, commit=True):
        revoked = self.cleaned_data.get("revoke")
        if revoked:
            self.instance.revoked_at = timezone.now()
        key = super().save(commit)
        if revoked:
            audit.record(AuditKind.API_KEY_REVOKED, detail=f"{key.partner} ({key.prefix}…)")
        return key


class IssueView(generic.CreateView):
    def save_instance(self):
        key = self.form.save(commit=False)
        self.raw_key = key.issue()
        key.save()
        audit.record(AuditKind.API_KEY_ISSUED, detail=f"{key.partner} ({key.prefix}…)")
        return key

    def get_success_message(self, instance):
        return _(
            "Key issued for %(partner)s: %(key)s. Copy it now and send it to them safely: it is not shown again."
        ) % {
            "partner": instance.partner,
            "key": self.raw_key,
        }


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    form_fields = ["partner", "contact", "note"]
    icon = "key"
    menu_label = gettext_lazy("API keys")
    add_to_settings_menu = True
    add_view_class = IssueView
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return ApiKeyForm

    @property
    def list_display(self):
        return [
            "partner",
            Column("prefix", label=_("key starts with")),
            DateColumn("created_at", label=_("issued")),
            DateColumn("last_used_on", label=_("last used")),
            DateColumn("revoked_at", label=_("revoked")),
        ]


@hooks.register("register_admin_viewset")
def register_api_keys():
    return ApiKeyViewSet("api_keys")
