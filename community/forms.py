from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conventions.models import Instrument, ThematicArea
from knowledge.forms import MARKDOWN_HELP

BODY_MAX = 20000


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question in one sentence"),
        min_length=10,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                # htmx: suggest similar questions as the title is typed.
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#similar-questions",
                "hx-sync": "this:replace",
            }
        ),
    )
    body = forms.CharField(
        label=_("Details"),
        min_length=20,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )
    thematic_areas = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    conventions = forms.ModelMultipleChoiceField(
        label=_("Conventions"),
        queryset=Instrument.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["hx-get"] = reverse("community:similar")
        self.fields["thematic_areas"].queryset = ThematicArea.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        min_length=10,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
