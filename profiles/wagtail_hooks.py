from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .models import Verification

admin_urlpatterns = (
    [
        path("", admin_views.verification_queue, name="verification_queue"),
        path("<int:pk>/", admin_views.verification_decide, name="verification_decide"),
    ],
    "profiles_admin",
)


@hooks.register("register_admin_urls")
def register_verification_urls():
    return [path("verifications/", include(admin_urlpatterns))]


class VerificationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("profiles.change_verification")


@hooks.register("register_admin_menu_item")
def register_verification_menu_item():
    return VerificationMenuItem(
        _("Role verifications"),
        reverse("profiles_admin:verification_queue"),
        icon_name="user",
        order=250,
    )


@hooks.register("construct_homepage_panels")
def add_pending_verifications_panel(request, panels):
    """Editors see on the admin dashboard how many requests wait for them."""
    if request.user.has_perm("profiles.change_verification"):
        from wagtail.admin.ui.components import Component

        class PendingVerificationsPanel(Component):
            name = "pending_verifications"
            order = 50
            template_name = "profiles/admin/pending_panel.html"

            def get_context_data(self, parent_context):
                return {"pending": Verification.objects.pending().count()}

        panels.append(PendingVerificationsPanel())
