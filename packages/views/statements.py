"""/<lang>/calendar/<slug>/statement/: a verified focal point sends their
country's statement on an agenda item; the secretariat publishes it once
accepted (in the admin, Official documents)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from conventions.models import Meeting

from ..documents import agenda_items, statement_countries, submit_statement


class StatementForm(forms.Form):
    country = forms.ModelChoiceField(label=gettext_lazy("Country"), queryset=None, empty_label=None)
    agenda_item = forms.ChoiceField(label=gettext_lazy("Agenda item"))
    language = forms.ChoiceField(label=gettext_lazy("Language of the statement"), choices=settings.LANGUAGES)
    title = forms.CharField(
        label=gettext_lazy("Title (optional)"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Without a title, the statement is named after the country."),
    )
    file = forms.FileField(
        label=gettext_lazy("The statement"),
        help_text=gettext_lazy("A PDF or a Word document, as delivered or to be delivered."),
    )

    def __init__(self, *args, countries, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries
        self.fields["country"].label_from_instance = lambda country: country.local_name
        self.fields["agenda_item"].choices = [(item, item) for item in items]
        self.fields["agenda_item"].error_messages["invalid_choice"] = _(
            "There is no agenda item “%(value)s” in this meeting's agenda."
        )
        self.fields["language"].initial = get_language()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request, slug):
    meeting = get_object_or_404(Meeting, slug=slug)
    countries = statement_countries(request.user)
    if not countries.exists():
        raise PermissionDenied(_("Only a verified focal point can send a country's statement."))
    items = agenda_items(meeting)
    form = StatementForm(request.POST or None, request.FILES or None, countries=countries, items=items)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                submit_statement(
                    request.user,
                    meeting,
                    country=data["country"],
                    agenda_item=data["agenda_item"],
                    language=data["language"],
                    title=data["title"],
                    upload=data["file"],
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                messages.success(
                    request, _("Your statement was sent to the secretariat: it is published once accepted.")
                )
                return redirect("packages:meeting", slug=meeting.slug)
        status = 400
    return render(request, "pages/statement_form.html", {"meeting": meeting, "form": form}, status=status)
