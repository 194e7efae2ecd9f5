from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("knowledge/share/", views.share_start, name="share"),
    path("knowledge/share/preview/", views.markdown_preview, name="markdown_preview"),
    path("knowledge/share/<slug:type_key>/", views.share_form, name="share_form"),
    path("knowledge/mine/", views.my_submissions, name="mine"),
    path("knowledge/mine/<int:page_id>/edit/", views.share_form, {"type_key": ""}, name="edit"),
    path("knowledge/mine/<int:page_id>/preview/", views.preview_submission, name="preview"),
]
