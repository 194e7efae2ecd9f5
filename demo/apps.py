from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content (`manage.py seed_demo`): it seeds every app through
    its services, so it sits above them all (pyproject.toml [tool.importlinter])."""

    name = "demo"
    verbose_name = _("Demo content")
