"""Form fields every app's forms share."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MARKDOWN_HELP = _("You can use Markdown: *italic*, **bold**, lists with -, links written as full addresses.")


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


class TagsField(forms.CharField):
    """Comma-separated free tags: lower-cased, at most 8 of at most 50 characters."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Tags"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("help_text", _("Separate with commas, e.g. take-back, informal sector."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        tags = list(dict.fromkeys(tag.strip().lower() for tag in value.split(",") if tag.strip()))
        if len(tags) > 8:
            raise ValidationError(_("Use at most 8 tags."))
        if any(len(tag) > 50 for tag in tags):
            raise ValidationError(_("A tag can be at most 50 characters long."))
        return tags
