"""/<lang>/data/: the page of bulk downloads, in the reader's language, and
the files of the newest complete build."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from .datasets import DATASETS, by_name
from .models import DataBuild

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def latest_build() -> DataBuild | None:
    return DataBuild.objects.order_by("-started_at").first()


@require_GET
def index(request):
    build = latest_build()
    sizes = {entry["name"]: entry for entry in build.datasets} if build else {}
    rows = [{"dataset": dataset, "built": sizes.get(dataset.name)} for dataset in DATASETS]
    context = {"build": build, "rows": rows, "license": settings.OPEN_DATA_LICENSE, "docs_url": reverse("api:docs")}
    return render(request, "pages/open_data.html", context)


@require_GET
def download(request, name: str, fmt: str):
    """A dataset's file, or the data package descriptor (name "datapackage",
    format "json"), from the newest build."""
    if fmt not in CONTENT_TYPES or (name != "datapackage" and by_name(name) is None):
        raise Http404
    build = latest_build()
    if build is None:
        raise Http404
    path = f"{build.folder}/{name}.{fmt}"
    if not default_storage.exists(path):
        raise Http404
    response = FileResponse(
        default_storage.open(path),
        content_type=CONTENT_TYPES[fmt],
        as_attachment=name != "datapackage",
        filename=f"brs-{name}.{fmt}" if name != "datapackage" else None,
    )
    response["Last-Modified"] = http_date(build.finished_at.timestamp())
    response["Access-Control-Allow-Origin"] = "*"  # tools read the descriptor from anywhere
    patch_cache_control(response, public=True, max_age=3600)
    return response
