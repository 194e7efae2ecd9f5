from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from conventions.models import RegionalCentre

        from . import signals

        post_save.connect(signals.centre_group, sender=RegionalCentre, dispatch_uid="community.centre_group")
