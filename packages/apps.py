from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PackagesConfig(AppConfig):
    """The information packages: the pages over the conventions' reference
    data (parties, regional centres, focal points, calendar, decisions,
    chemicals, country profiles), with what members contributed about each.
    Above every other app (pyproject.toml [tool.importlinter]); conventions
    itself holds the reference data only."""

    name = "packages"
    verbose_name = _("Information packages")

    def ready(self):
        from . import events, search_documents

        events.register()
        search_documents.register()
