"""The audit trail in the admin (Settings → Audit trail): read only, for
those with core.view_auditevent (the Administrators group)."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import AuditEvent


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Events are recorded by the hub, never written by hand: no one, not
    even a superuser, adds, changes or deletes one in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AuditEvent, ReadOnlyPolicy(AuditEvent))


class AuditTrailViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = gettext_lazy("Audit trail")
    add_to_settings_menu = True
    form_fields = ["detail"]  # never shown: nobody may add or change an event
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["kind", "at"]
    list_per_page = 50
    inspect_view_fields = ["at", "kind", "actor_label", "subject_label", "address", "detail"]

    @property
    def list_display(self):
        return [
            DateColumn("at", label=gettext_lazy("when")),
            Column("kind", label=gettext_lazy("what"), accessor="get_kind_display"),
            Column("actor_label", label=gettext_lazy("by")),
            Column("subject_label", label=gettext_lazy("concerning")),
            Column("address", label=gettext_lazy("address")),
            Column("detail", label=gettext_lazy("detail")),
        ]


@hooks.register("register_admin_viewset")
def register_audit_trail():
    return AuditTrailViewSet("audit_trail")
