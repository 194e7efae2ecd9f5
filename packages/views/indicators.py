"""/<lang>/indicators/: the mandate's indicators, public, with each chart's
figures as a table and as CSV."""

import csv
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..dashboard import SECTIONS, DashboardFilters, Period, available_years, build


def _read(request) -> tuple[DashboardFilters, dict, Period]:
    form = DashboardFilters(request.GET or None, years=available_years())
    values = form.understood()
    period = Period.year(values["year"]) if values["year"] else Period()
    return form, values, period


def _query(values: dict) -> str:
    understood = {
        "year": values["year"] or "",
        "convention": values["convention"],
        "region": values["region"].code if values["region"] else "",
        "country": values["country"].iso3 if values["country"] else "",
    }
    query = urlencode({name: value for name, value in understood.items() if value})
    return f"?{query}" if query else ""


def dashboard(request):
    """Every indicator for the chosen year, convention, region and country."""
    form, values, period = _read(request)
    built = build(period, values["convention"], values["region"], values["country"])
    query = _query(values)
    for section in built.sections:
        section.csv_url = reverse("packages:indicator_csv", args=[section.slug]) + query
    return render(
        request,
        "pages/indicators.html",
        {
            "form": form,
            "values": values,
            "dashboard": built,
            "country_choices": form.country_choices(),
            "filtered": any(values.values()),
        },
        status=400 if form.errors else 200,
    )


def csv_download(request, indicator: str):
    """One indicator's tables, one after the other, as CSV."""
    if indicator not in SECTIONS:
        raise Http404(_("There is no indicator with that name."))
    form, values, period = _read(request)
    if form.errors:
        problems = "; ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(problems, status=400, content_type="text/plain; charset=utf-8")
    section = build(period, values["convention"], values["region"], values["country"], sections=[indicator]).sections[
        0
    ]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicators-{indicator}.csv"'
    writer = csv.writer(response)
    writer.writerow([section.title, period.label()])
    writer.writerows(section.csv_rows())
    return response
