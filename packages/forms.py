"""Forms the packages give other apps: Wagtail's document form, which must
not replace or move a file that is a language version of an official
document (packages.documents: nothing is overwritten; a corrected text is a
new version, added in Official documents)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from .models import DocumentFile


class DocumentForm(BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE: Wagtail's, refusing to change the file
    or the collection of an official document's version."""

    def clean(self):
        cleaned = super().clean()
        changing = {"file", "collection"} & set(self.changed_data)
        if self.instance.pk and changing and DocumentFile.objects.filter(file=self.instance).exists():
            raise ValidationError(
                _(
                    "This file is a language version of an official document: it cannot be replaced or moved. "
                    "Add a corrected text as a new version in Official documents."
                )
            )
        return cleaned
