from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConventionsConfig(AppConfig):
    name = "conventions"
    verbose_name = _("Conventions reference data")

    def ready(self):
        from . import follow_targets, search_documents

        follow_targets.register()
        search_documents.register()
