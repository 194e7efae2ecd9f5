"""Bulk downloads, under the language prefix: /<lang>/data/."""

from django.urls import path, re_path

from . import downloads

app_name = "data"

urlpatterns = [
    path("data/", downloads.index, name="index"),
    re_path(r"^data/(?P<name>[a-z-]+)\.(?P<fmt>csv|json)$", downloads.download, name="file"),
]
