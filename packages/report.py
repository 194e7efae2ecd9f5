"""The secretariat's report on the indicators (#15): every indicator for a
chosen period (between two COPs, say), in one of the six languages, as a
page to read in the admin, a CSV, or a PDF to attach to a COP document.

The PDF is the same HTML and SVG charts set by WeasyPrint (through Pango,
which shapes Arabic and Chinese; the fonts are Debian's DejaVu and
WenQuanYi Micro Hei, named in the report's style sheet).
"""

import csv
import io
from datetime import date

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .dashboard import Period, build
from .models import PageFeedback, SurveyResponse

FORMATS = ("html", "csv", "pdf")
# The comments annexed to a report, at most: the report stays a document.
COMMENTS_LIMIT = 500


class ReportForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The report covers whole months: from the first day of this date's month."),
    )
    end = forms.DateField(
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("To the last day of this date's month."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="en")
    comments = forms.BooleanField(
        label=_("Add the comments received"),
        required=False,
        help_text=_(
            "The comments sent with “Was this page useful?”, the survey's “what is missing” and the words of "
            "searches that found nothing, as sent. Leave out for a public document."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end of the period is before its start."))
            if start.year < 2000 or end > date(timezone.now().year + 1, 12, 31):
                raise forms.ValidationError(_("Choose a period between the year 2000 and next year."))
        return cleaned


def _comments(period: Period) -> dict:
    between = {"created_at__date__gte": period.start, "created_at__date__lte": period.end}
    feedback = PageFeedback.objects.filter(**between).exclude(comment="").order_by("created_at")
    survey = SurveyResponse.objects.filter(**between).exclude(missing="").order_by("created_at")
    return {"feedback": list(feedback[:COMMENTS_LIMIT]), "survey": list(survey[:COMMENTS_LIMIT])}


def report_html(period: Period, language: str, *, comments: bool = False) -> str:
    """The report as a standalone HTML document in `language`."""
    with translation.override(language):
        dashboard = build(period, secretariat=comments)
        context = {
            "dashboard": dashboard,
            "language": language,
            "bidi": translation.get_language_bidi(),
            "generated": timezone.now(),
            "comments": _comments(period) if comments else None,
        }
        return render_to_string("reports/indicators_report.html", context)


def report_pdf(period: Period, language: str, *, comments: bool = False) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 (loads Pango: only where a PDF is made)

    html = report_html(period, language, comments=comments)
    # Everything the report shows is in its HTML: it fetches nothing.
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_fetch_nothing).write_pdf()


def _fetch_nothing(url, *args, **kwargs):
    raise ValueError(f"The indicators report fetches nothing ({url}).")


def report_csv(period: Period, language: str) -> str:
    """Every table of the report, one after the other."""
    with translation.override(language):
        dashboard = build(period)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([str(_("Indicators of the clearing-house mechanism")), period.label()])
        for section in dashboard.sections:
            writer.writerow([])
            writer.writerow([section.title])
            for headline, label in section.headlines:
                writer.writerow([label, headline])
            writer.writerows(section.csv_rows())
        return out.getvalue()
