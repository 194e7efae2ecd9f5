from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from . import follow_targets, search_documents, signals

        signals.connect()
        follow_targets.register()
        search_documents.register()
