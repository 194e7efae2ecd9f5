from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        from . import follow_targets, search_documents, signals

        signals.connect()
        follow_targets.register()
        search_documents.register()
