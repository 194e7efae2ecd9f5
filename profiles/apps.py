from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Members and profiles")

    def ready(self):
        from . import follow_targets, search_documents, signals

        follow_targets.register()
        search_documents.register()

        # Sent once per app after every migrate; one sender is enough.
        post_migrate.connect(signals.set_site_domain, sender=self, dispatch_uid="profiles.set_site_domain")
