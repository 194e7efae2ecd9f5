"""Atom feeds, under the language prefix (each feed in the reader's language)."""

app_name = "atom"

urlpatterns = []
