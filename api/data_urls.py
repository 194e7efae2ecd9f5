"""Bulk downloads, under the language prefix: /<lang>/data/."""

app_name = "data"

urlpatterns = []
