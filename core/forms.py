"""Form fields every app's forms share."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PostLanguageField(forms.ChoiceField):
    """The language a member writes in: detected from the text when left on
    "Detect", correctable later. Each language is named in itself."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Language of the text"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Left on “Detect from the text”, the hub recognises it; you can correct it later.")
        )
        choices = [("", _("Detect from the text"))] + [
            (code, settings.LANGUAGE_NAMES_LOCAL[code]) for code, _name in settings.LANGUAGES
        ]
        super().__init__(choices=choices, **kwargs)
