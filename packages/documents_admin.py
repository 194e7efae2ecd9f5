"""The secretariat records official documents in the admin: symbol, type,
meeting, titles and summaries in the six languages, and a language version
at a time (packages.documents)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from conventions.codes import parse_decision_code

from .documents import (
    add_file,
    announce_publication,
    check_agenda_item,
    check_new_file,
    check_symbol_free,
    save_document,
    was_published_before,
)
from .models import AgendaItem, OfficialDocument


def add_language_fields(form, prefix: str, label, texts: dict, *, widget=None, max_length: int = 500) -> None:
    """One field per site language (``title_en``, ``title_fr``…), English
    required, filled from ``texts`` (by language code)."""
    for code, name in settings.LANGUAGES:
        form.fields[f"{prefix}_{code}"] = forms.CharField(
            label=label % {"language": name},
            required=prefix == "title" and code == settings.LANGUAGE_CODE,
            max_length=max_length,
            widget=widget,
            initial=(texts or {}).get(code, ""),
        )


def language_texts(cleaned_data: dict, prefix: str) -> dict[str, str]:
    """The texts of add_language_fields' fields that were filled, by language code."""
    return {
        code: cleaned_data[f"{prefix}_{code}"].strip()
        for code, _name in settings.LANGUAGES
        if cleaned_data.get(f"{prefix}_{code}", "").strip()
    }


class OfficialDocumentForm(WagtailAdminModelForm):
    new_language = forms.ChoiceField(
        label=_("Language of the file"), choices=[("", "—"), *settings.LANGUAGES], required=False
    )
    new_version = forms.CharField(
        label=_("Version"),
        required=False,
        max_length=20,
        help_text=_("Empty for the original; Rev.1, Corr.1 or Add.1 for a corrected text (a new file)."),
    )
    new_issued_on = forms.DateField(
        label=_("Date of the file"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    new_file = forms.FileField(label=_("Add a language version"), required=False)

    class Meta:
        model = OfficialDocument
        fields = [
            "symbol",
            "kind",
            "meeting",
            "conventions",
            "agenda_item",
            "instrument",
            "adopted_by",
            "issued_on",
            "is_published",
        ]
        widgets = {"conventions": forms.CheckboxSelectMultiple, "issued_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user = for_user
        add_language_fields(self, "title", _("Title (%(language)s)"), self.instance.titles)
        add_language_fields(
            self,
            "summary",
            _("Summary (%(language)s)"),
            self.instance.summaries,
            widget=forms.Textarea(attrs={"rows": 2}),
            max_length=2000,
        )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("new_file")
        if upload:
            if not cleaned.get("new_language"):
                self.add_error("new_language", _("Say which language the file is in."))
            else:
                try:
                    check_new_file(
                        self.instance,
                        language=cleaned["new_language"],
                        version=cleaned.get("new_version", ""),
                        upload=upload,
                    )
                except ValidationError as error:
                    for field, messages in error.message_dict.items():
                        name = {"language": "new_language", "version": "new_version", "file": "new_file"}[field]
                        for message in messages:
                            self.add_error(name, message)
        try:
            check_agenda_item(cleaned.get("meeting"), cleaned.get("agenda_item", ""))
        except ValidationError as error:
            self.add_error("agenda_item", error.message_dict["agenda_item"])
        return cleaned

    def save(self, commit=True):  # Wagtail's views always commit
        document = super().save(commit=False)
        document.titles = language_texts(self.cleaned_data, "title")
        document.summaries = language_texts(self.cleaned_data, "summary")
        # Saved, then its conventions and file, then announced once, to all
        # who follow its meeting or conventions.
        was_published = was_published_before(document)
        save_document(document, announce=False)
        self.save_m2m()
        added = None
        upload = self.cleaned_data.get("new_file")
        if upload:
            added = add_file(
                document,
                language=self.cleaned_data["new_language"],
                version=self.cleaned_data.get("new_version", ""),
                issued_on=self.cleaned_data.get("new_issued_on") or timezone.localdate(),
                upload=upload,
                user=self.user,
                announce=False,
            )
        announce_publication(document, was_published=was_published, added=added)
        return document

    def clean_adopted_by(self):
        text = self.cleaned_data.get("adopted_by", "").strip()
        if not text:
            return ""
        parsed = parse_decision_code(text)
        if parsed is None:
            raise ValidationError(_("Write the decision's code, e.g. BC-14/12."))
        return parsed.code

    def clean_agenda_item(self):
        return " ".join(self.cleaned_data.get("agenda_item", "").split())

    def clean_symbol(self):
        symbol = " ".join(self.cleaned_data["symbol"].split())
        try:
            check_symbol_free(symbol, self.instance)
        except ValidationError as error:
            raise ValidationError(error.message_dict["symbol"]) from error
        return symbol


class RefusedOnSave:
    """A check that can only fail while saving (another editor saved the
    same symbol a moment before): the form again with the reason, not a 500."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)
            return self.form_invalid(form)


class OfficialDocumentCreateView(RefusedOnSave, generic.CreateView):
    pass


class OfficialDocumentEditView(RefusedOnSave, generic.EditView):
    pass


class OfficialDocumentViewSet(ModelViewSet):
    model = OfficialDocument
    icon = "doc-full-inverse"
    menu_label = _("Official documents")
    add_to_admin_menu = True
    menu_order = 250
    copy_view_enabled = False
    search_fields = ["symbol", "search_text"]
    list_filter = ["kind", "is_published"]
    list_display = [
        Column("symbol", label=_("symbol")),
        Column("kind", label=_("type"), accessor="get_kind_display"),
        DateColumn("issued_on", label=_("date")),
        BooleanColumn("is_published", label=_("published")),
    ]

    add_view_class = OfficialDocumentCreateView
    edit_view_class = OfficialDocumentEditView

    def get_form_class(self, for_update=False):
        return OfficialDocumentForm


class AgendaItemForm(WagtailAdminModelForm):
    """An agenda item: its number and its title in each language there is."""

    class Meta:
        model = AgendaItem
        fields = ["meeting", "number"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_language_fields(self, "title", _("Title (%(language)s)"), self.instance.titles)

    def clean_number(self):
        number = " ".join(self.cleaned_data["number"].split())
        if not number:
            raise ValidationError(_("Enter the item's number, e.g. 4 (b)."))
        return number

    def clean(self):
        cleaned = super().clean()
        meeting, number = cleaned.get("meeting"), cleaned.get("number")
        if meeting and number:
            clash = AgendaItem.objects.filter(meeting=meeting, number=number).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "number", _("This meeting's agenda has an item %(number)s already.") % {"number": number}
                )
        return cleaned

    def save(self, commit=True):
        item = super().save(commit=False)
        item.titles = language_texts(self.cleaned_data, "title")
        if commit:
            item.save()
        return item


class AgendaItemIndexView(generic.IndexView):
    # Each row shows its meeting: one query for all of them.
    queryset = AgendaItem.objects.select_related("meeting")


class AgendaItemViewSet(ModelViewSet):
    model = AgendaItem
    index_view_class = AgendaItemIndexView
    icon = "list-ol"
    menu_label = _("Agenda items")
    add_to_admin_menu = True
    menu_order = 251
    copy_view_enabled = False
    search_fields = ["number", "meeting__title", "meeting__slug"]
    list_filter = ["meeting"]
    list_display = [
        Column("meeting", label=_("meeting")),
        Column("number", label=_("number")),
        Column("title", label=_("title"), accessor="__str__"),
    ]

    def get_form_class(self, for_update=False):
        return AgendaItemForm
