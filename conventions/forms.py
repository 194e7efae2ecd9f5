"""Form fields over reference data, in the reader's language and order."""

from django import forms
from django.forms.models import ModelChoiceIterator

from .names import collation_key


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


class CountryMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ReaderOrderChoiceIterator
