from django.urls import path

from . import views_first_steps, views_follow, views_inbox

app_name = "subscriptions"

urlpatterns = [
    path("account/subscriptions/", views_follow.settings_page, name="settings"),
    path("account/welcome/", views_first_steps.about_you, name="first_steps"),
    path("account/welcome/follow/", views_first_steps.follow_and_join, name="first_steps_follow"),
    path("follow/", views_follow.toggle, name="follow"),
    path("notifications/", views_inbox.inbox, name="inbox"),
    path("notifications/read/", views_inbox.mark_read, name="mark_read"),
]
