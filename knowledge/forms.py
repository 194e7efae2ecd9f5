import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from conventions.codes import decision_codes_in
from conventions.forms import CountryChoiceField, CountryMultipleChoiceField
from conventions.models import Country, Decision, Instrument, RegionalGroup, ThematicArea
from conventions.vocabulary import topics
from core.forms import MARKDOWN_HELP, PostLanguageField, TagsField
from core.groups import groups_of_member

from .constants import DECISION_CODE_PATTERN

# Per kind of item: (field name, "markdown" for long text or "model" for the model's own form field).
TYPE_FIELDS = {
    "best_practice": [
        ("problem", "markdown"),
        ("approach", "markdown"),
        ("results", "markdown"),
        ("lessons_learned", "markdown"),
        ("replicability", "markdown"),
    ],
    "project_summary": [
        ("status", "model"),
        ("start_date", "model"),
        ("end_date", "model"),
        ("funding_source", "model"),
        ("funding_amount", "model"),
        ("funding_currency", "model"),
        ("partners", "model"),
        ("results", "markdown"),
    ],
    "coordination_mechanism": [
        ("mechanism_type", "model"),
        ("agencies_involved", "markdown"),
        ("legal_basis", "model"),
        ("how_it_works", "markdown"),
        ("results", "markdown"),
    ],
    "awareness_material": [
        ("audience", "model"),
        ("material_format", "model"),
        ("description", "markdown"),
    ],
    "legal_information": [
        ("instrument_type", "model"),
        ("jurisdiction", "model"),
        ("convention_articles", "model"),
        ("description", "markdown"),
    ],
}


class KnowledgeFilterForm(forms.Form):
    """The listing's filters; every value is kept in the URL."""

    type = forms.ChoiceField(label=_("Type"), required=False)
    convention = forms.ModelChoiceField(
        label=_("Convention"), queryset=Instrument.objects.all(), required=False, to_field_name="code"
    )
    topic = forms.ModelChoiceField(
        label=_("Thematic area"), queryset=ThematicArea.objects.none(), required=False, to_field_name="slug"
    )
    country = CountryChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False, to_field_name="iso3"
    )
    region = forms.ModelChoiceField(
        label=_("UN region"), queryset=RegionalGroup.objects.all(), required=False, to_field_name="code"
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1980, max_value=2100)
    tag = forms.SlugField(label=_("Tag"), required=False, widget=forms.HiddenInput)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("newest", _("Newest first")), ("title", _("Title A–Z"))],
    )

    def __init__(self, *args, item_type=None, **kwargs):
        from .services import ITEM_TYPES

        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types"))] + [(t.key, t.label) for t in ITEM_TYPES]
        self.fields["topic"].queryset = topics()
        for name in ("convention", "topic", "country", "region"):
            self.fields[name].empty_label = _("All")
        if item_type is not None:
            del self.fields["type"]


class MarkdownField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20000)
        kwargs.setdefault("help_text", MARKDOWN_HELP)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6, "data-markdown": "true"}))
        super().__init__(**kwargs)


class ShareForm(forms.Form):
    """What every kind of item asks; the kind's own fields are added in __init__."""

    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences: what was done and what it achieved."),
    )
    thematic_areas = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"), queryset=ThematicArea.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    conventions = forms.ModelMultipleChoiceField(
        label=_("Conventions"), queryset=Instrument.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    countries = CountryMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.all(),
        required=False,
        help_text=_("Tick each country the item is about."),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("UN regions"),
        queryset=RegionalGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = TagsField()
    decision_codes = forms.CharField(
        label=_("COP decisions it implements"),
        required=False,
        max_length=300,
        help_text=_("Codes separated by commas, e.g. BC-14/12, SC-8/4."),
    )
    year_start = forms.IntegerField(label=_("Year"), required=False, min_value=1980, max_value=2100)
    year_end = forms.IntegerField(label=_("Until (for a period)"), required=False, min_value=1980, max_value=2100)
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    language = PostLanguageField()
    contact_name = forms.CharField(label=_("Contact name"), required=False, max_length=150)
    contact_email = forms.EmailField(
        label=_("Contact email"), required=False, help_text=_("Shown publicly on the item, if you give one.")
    )

    groups = forms.ModelMultipleChoiceField(
        label=_("Groups it is shared with"),
        queryset=None,  # the member's groups, set in __init__
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Once published, it is listed on these groups' pages."),
    )

    def __init__(self, *args, item_type, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        mine = groups_of_member(user)
        if mine.exists():
            self.fields["groups"].queryset = mine
        else:
            del self.fields["groups"]
        self.item_type = item_type
        self.fields["thematic_areas"].queryset = topics()
        self.markdown_fields = []
        model_fields = [name for name, kind in TYPE_FIELDS[item_type.key] if kind == "model"]
        from_model = fields_for_model(item_type.model, fields=model_fields)
        for name, kind in TYPE_FIELDS[item_type.key]:
            if kind == "markdown":
                label = item_type.model._meta.get_field(name).verbose_name
                self.fields[name] = MarkdownField(label=label.capitalize())
                self.markdown_fields.append(name)
            else:
                field = from_model[name]
                field.label = str(field.label).capitalize()
                if isinstance(field.widget, forms.DateInput):
                    field.widget = forms.DateInput(attrs={"type": "date"})
                self.fields[name] = field
        # Offered (shown by the template) once a code names no recorded decision.
        self.unknown_codes_found = False
        self.fields["codes_checked"] = forms.BooleanField(
            label=_("The decision codes are right: send them as they are (the secretariat checks them in review)"),
            required=False,
        )

    def clean_decision_codes(self):
        codes = [code.strip().upper().replace(".EX", ".Ex") for code in self.cleaned_data["decision_codes"].split(",")]
        codes = [code for code in codes if code]
        wrong = [code for code in codes if not re.match(DECISION_CODE_PATTERN, code)]
        if wrong:
            raise ValidationError(
                _("These are not decision codes: %(codes)s. Write them like BC-14/12 or BC.Ex-1/1.")
                % {"codes": ", ".join(wrong)}
            )
        return list(dict.fromkeys(codes))

    def clean(self):
        data = super().clean()
        start, end = data.get("year_start"), data.get("year_end")
        if start and end and end < start:
            self.add_error("year_end", _("The last year cannot be before the first."))
        if end and not start:
            self.add_error("year_start", _("Give the first year of the period."))
        self._flag_unknown_decision_codes(data)
        return data

    def _flag_unknown_decision_codes(self, data: dict) -> None:
        """A decision code written in the text must name a decision recorded
        on this site: on the item it becomes a link, and a mistyped code
        (BC-14/21 for BC-14/12) would cite nothing. One query for all fields."""
        found = {
            name: [code.code for code in decision_codes_in(data[name])]
            for name, field in self.fields.items()
            if isinstance(field, forms.CharField)
            and not isinstance(field, forms.EmailField | forms.URLField)
            and isinstance(data.get(name), str)
        }
        recorded = Decision.objects.recorded_codes(code for codes in found.values() for code in codes)
        for name, codes in found.items():
            unknown = [code for code in codes if code not in recorded]
            if unknown:
                # The site records only some decisions: a code the member
                # confirms is sent, and the secretariat checks it in review.
                self.unknown_codes_found = True
                if data.get("codes_checked"):
                    continue
                self.add_error(
                    name,
                    ngettext(
                        "There is no decision %(codes)s on this site. Check the code: the list of COP decisions "
                        "has those recorded here. If it is right, tick the box at the end of the form.",
                        "There are no decisions %(codes)s on this site. Check the codes: the list of COP "
                        "decisions has those recorded here. If they are right, tick the box at the end of the form.",
                        len(unknown),
                    )
                    % {"codes": ", ".join(unknown)},
                )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the file"), choices=[("", _("Not stated"))] + list(settings.LANGUAGES), required=False
    )


AttachmentFormSet = forms.formset_factory(AttachmentForm, extra=3, max_num=5)
