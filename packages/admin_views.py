"""The secretariat's indicators report in the admin (packages.report)."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .dashboard import Period
from .report import FORMATS, ReportForm, report_csv, report_html, report_pdf


@require_safe
@permission_required("packages.view_indicatorfigure", raise_exception=True)
def indicators_report(request):
    """The form; with a valid period, the report as a page, a CSV or a PDF."""
    form = ReportForm(request.GET if "start" in request.GET else None)
    if not form.is_valid():
        return render(
            request,
            "reports/indicators_report_form.html",
            {"form": form},
            status=400 if form.is_bound else 200,
        )
    data = form.cleaned_data
    period = Period.months(data["start"], data["end"])
    kind = request.GET.get("format", "html")
    kind = kind if kind in FORMATS else "html"
    name = f"indicators-{period.start:%Y-%m}-{period.end:%Y-%m}-{data['language']}"
    if kind == "csv":
        response = HttpResponse(report_csv(period, data["language"]), content_type="text/csv; charset=utf-8")
    elif kind == "pdf":
        pdf = report_pdf(period, data["language"], comments=data["comments"])
        response = HttpResponse(pdf, content_type="application/pdf")
    else:
        return HttpResponse(report_html(period, data["language"], comments=data["comments"]))
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response
