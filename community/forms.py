from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conventions.forms import CountryMultipleChoiceField
from conventions.models import Country, Instrument, ThematicArea
from conventions.vocabulary import topics
from core.forms import MARKDOWN_HELP, PostLanguageField, TagsField

from .constants import POST_MAX_LENGTH, CloseReason

BODY_MAX = POST_MAX_LENGTH


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
    countries = CountryMultipleChoiceField(
        label=_("Countries it is about"),
        queryset=Country.objects.all(),
        required=False,
        help_text=_("Tick each country the question is about."),
    )
    tags = TagsField(help_text=_("Separate with commas, e.g. customs, hs-codes."))
    language = PostLanguageField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["hx-get"] = reverse("community:similar")
        self.fields["thematic_areas"].queryset = topics()


class EditForm(forms.Form):
    """Editing a question (title and body) or an answer (body)."""

    title = forms.CharField(label=_("Title"), min_length=10, max_length=200)
    body = forms.CharField(
        label=_("Text"),
        min_length=10,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=MARKDOWN_HELP,
    )
    summary = forms.CharField(
        label=_("What did you change?"), required=False, max_length=200, help_text=_("Shown in the history.")
    )

    language = PostLanguageField(help_text=_("Correct it if the hub guessed wrong."))

    def __init__(self, *args, with_title: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Close as"), choices=CloseReason.choices)
    duplicate_of = forms.IntegerField(
        label=_("Number of the original question"),
        required=False,
        min_value=1,
        help_text=_("For a duplicate: the number in the original's address, /forum/questions/<number>/."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        min_length=10,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    language = PostLanguageField()
