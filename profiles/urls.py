from django.urls import path

from . import views

app_name = "profiles"

urlpatterns = [
    path("people/", views.people_index, name="people"),
    path("people/<slug:handle>/", views.profile_detail, name="detail"),
    path("account/profile/", views.profile_edit, name="edit"),
    path("account/verification/", views.verification, name="verification"),
]
