from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urlpatterns = (
    [
        path("", admin_views.moderation_queue, name="queue"),
        path("<slug:kind>/<int:pk>/", admin_views.moderation_action, name="action"),
        path("members/<int:user_id>/sanction/", admin_views.sanction, name="sanction"),
    ],
    "community_admin",
)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("forum-moderation/", include(admin_urlpatterns))]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("community.change_question")


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(_("Forum moderation"), reverse("community_admin:queue"), icon_name="warning", order=260)
