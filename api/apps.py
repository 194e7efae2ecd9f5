from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Open data API")

    def ready(self):
        from . import schema, signals  # noqa: F401 (schema: the key's OpenAPI extension)

        signals.connect()
