"""Form fields over reference data, in the reader's language and order."""

from django import forms
from django.forms.models import ModelChoiceIterator

from .models import Country, ThematicArea
from .names import collation_key
from .vocabulary import topic_choices


class ReaderOrderChoiceIterator(ModelChoiceIterator):
    """The choices sorted by the label the reader sees (a country's name in
    their language, in their alphabet), not by the English name stored."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choices = [self.choice(obj) for obj in self.queryset]
        yield from sorted(choices, key=lambda choice: collation_key(str(choice[1])))

    def __len__(self):
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class CountryChoiceField(forms.ModelChoiceField):
    iterator = ReaderOrderChoiceIterator


class MemberCountryChoiceField(CountryChoiceField):
    """The country a member works for: any country members can be from."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Country.objects.members_can_be_from())
        super().__init__(**kwargs)


class TopicsChoiceField(forms.ModelMultipleChoiceField):
    """Thematic areas to tick, named in the reader's language: a form calls
    `localize_choices()` in its __init__, in the language of its request."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", ThematicArea.objects.originals())
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(**kwargs)

    def localize_choices(self) -> None:
        self.choices = topic_choices()


class FilterableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """A long list of checkboxes in a scrolling box, with a box to narrow it
    by typing (shown by static/js/filterable-choices.js). Without JavaScript
    it is a plain list of checkboxes; by keyboard, Tab reaches the filter
    and each box, Space ticks it. Rendered by components/forms/field.html."""

    filterable = True


class CountryMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several countries: a filterable checkbox list, not a multiple select
    (Ctrl-click in a list of 200 lines)."""

    iterator = ReaderOrderChoiceIterator
    widget = FilterableCheckboxSelectMultiple
