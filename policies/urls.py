from django.urls import path

from . import views

app_name = "policies"

urlpatterns = [
    path("account/export/", views.export_data, name="export"),
    path("account/delete/", views.delete_account_view, name="delete"),
]
