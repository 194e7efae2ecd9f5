"""Bulk downloads (/<lang>/data/): every dataset as CSV and JSON, and a
Frictionless data package descriptor (datapackage.json) naming the licence
and the source of each. Built nightly (api.tasks) and on demand
(manage.py build_open_data) into a new folder of the media storage; the
page and the downloads switch to it only once it is complete."""

import csv
import hashlib
import io
import json
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.renderers import JSONRenderer

from . import views
from .models import DataBuild

logger = logging.getLogger(__name__)

FOLDER = "open-data"
BATCH = 500
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Builds kept besides the newest: a download begun before a rebuild finishes.
KEEP = 1


@dataclass(frozen=True)
class Dataset:
    name: str
    title: object
    description: object
    sources: list[dict]
    view: type
    # Rows of the CSV file for one record (most records are one row).
    rows: object = field(default=None)


CONVENTIONS_SOURCE = [
    {"title": "Basel Convention", "path": "https://www.basel.int"},
    {"title": "Rotterdam Convention", "path": "https://www.pic.int"},
    {"title": "Stockholm Convention", "path": "https://www.pops.int"},
]


def party_rows(record: dict) -> list[dict]:
    """One row per country and instrument: a spreadsheet filters them."""
    base = {key: value for key, value in record.items() if key != "statuses"}
    return [flat({**base, **status}) for status in record["statuses"]] or [flat(base)]


def question_rows(record: dict) -> list[dict]:
    """The question, with how many visible answers it has (their text is in the JSON file)."""
    base = {key: value for key, value in record.items() if key != "answers"}
    return [flat({**base, "answer_count": len(record["answers"])})]


DATASETS = [
    Dataset(
        "parties",
        _("Parties"),
        _("Where each country stands with each instrument: status, signature, consent to be bound, entry into force."),
        [*CONVENTIONS_SOURCE, {"title": "United Nations Treaty Collection", "path": "https://treaties.un.org"}],
        views.PartyViewSet,
        party_rows,
    ),
    Dataset(
        "decisions",
        _("Decisions"),
        _("Decisions of the conferences of the Parties, with their meeting, year, thematic areas and official text."),
        CONVENTIONS_SOURCE,
        views.DecisionViewSet,
    ),
    Dataset(
        "meetings",
        _("Meetings"),
        _("The joint calendar: meetings of the three conventions, with dates, place and status."),
        CONVENTIONS_SOURCE,
        views.MeetingViewSet,
    ),
    Dataset(
        "chemicals",
        _("Chemicals and wastes"),
        _("Chemicals listed in the annexes and waste streams, with CAS numbers, listings and decisions."),
        CONVENTIONS_SOURCE,
        views.ChemicalViewSet,
    ),
    Dataset(
        "regional-centres",
        _("Regional centres"),
        _("The Basel and Stockholm regional centres: host country, city, conventions and countries served."),
        CONVENTIONS_SOURCE,
        views.RegionalCentreViewSet,
    ),
    Dataset(
        "focal-points",
        _("Focal points"),
        _("Official contacts as the conventions publish them, without email addresses or telephone numbers."),
        CONVENTIONS_SOURCE,
        views.FocalPointViewSet,
    ),
    Dataset(
        "knowledge",
        _("Knowledge items"),
        _(
            "Published best practices, project summaries, coordination examples, awareness materials and legal "
            "information: what each is about, where, in which languages, with links."
        ),
        [{"title": "BRS Clearing-House Hub contributors", "path": settings.SITE_URL}],
        views.KnowledgeViewSet,
    ),
    Dataset(
        "questions",
        _("Public questions"),
        _("Questions of the public forum, with their accepted answer (answers in the JSON file)."),
        [{"title": "BRS Clearing-House Hub forum", "path": settings.SITE_URL}],
        views.QuestionViewSet,
        question_rows,
    ),
]


def by_name(name: str) -> Dataset | None:
    return next((dataset for dataset in DATASETS if dataset.name == name), None)


def flat(record: dict) -> dict:
    """A record as CSV cells: {"en": …, "fr": …} as title_en, title_fr, …
    (every language, so the columns never vary); another object as
    key_subkey; a list of values joined with "; "; a list of objects as
    JSON text."""
    cells = {}
    for key, value in record.items():
        if isinstance(value, dict) and set(value) <= set(LANGUAGE_CODES) and key not in ("meeting",):
            for code in LANGUAGE_CODES:
                cells[f"{key}_{code}"] = value.get(code, "")
        elif isinstance(value, dict):
            for subkey, subvalue in value.items():
                cells[f"{key}_{subkey}"] = subvalue
        elif isinstance(value, list) and all(not isinstance(each, dict | list) for each in value):
            cells[key] = "; ".join(str(each) for each in value)
        elif isinstance(value, list):
            cells[key] = json.dumps(value, ensure_ascii=False, default=str)
        else:
            cells[key] = "" if value is None else value
    return cells


def records(dataset: Dataset):
    """Every record of the dataset as the API gives it (an anonymous
    visitor's view), read in batches so memory stays flat."""
    view = dataset.view()
    view.request = None
    view.format_kwarg = None
    view.kwargs = {}
    queryset = view.get_queryset()
    pks = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        chunk = pks[start : start + BATCH]
        found = {record.pk: record for record in queryset.filter(pk__in=chunk)}
        batch = [found[pk] for pk in chunk if pk in found]
        serializer = view.serializer_class(batch, many=True, context=view.extra_context(batch))
        # As the API sends it: dates and ids as JSON text.
        yield from json.loads(JSONRenderer().render(serializer.data))


def column_type(values: list) -> str:
    present = [value for value in values if value != ""]
    if present and all(isinstance(value, bool) for value in present):
        return "boolean"
    if present and all(isinstance(value, int) and not isinstance(value, bool) for value in present):
        return "integer"
    if present and all(isinstance(value, int | float) and not isinstance(value, bool) for value in present):
        return "number"
    return "string"


def build_files(dataset: Dataset) -> tuple[bytes, bytes, dict, int]:
    """The CSV and JSON files of a dataset, its Frictionless schema and how many records it has."""
    items = list(records(dataset))
    rows = []
    for item in items:
        rows += dataset.rows(item) if dataset.rows else [flat(item)]
    header = list(dict.fromkeys(key for row in rows for key in row))
    text = io.StringIO()
    text.write("\ufeff")  # spreadsheet programs read it as UTF-8 (Côte d'Ivoire, 中文, العربية)
    writer = csv.DictWriter(text, fieldnames=header, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    schema = {"fields": [{"name": name, "type": column_type([row.get(name, "") for row in rows])} for name in header]}
    as_json = json.dumps(items, ensure_ascii=False, indent=1).encode()
    return text.getvalue().encode(), as_json, schema, len(items)


def resource(name: str, path: str, content: bytes, fmt: str, dataset: Dataset, **extra) -> dict:
    return {
        "name": name,
        "path": path,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "format": fmt,
        "mediatype": {"csv": "text/csv", "json": "application/json"}[fmt],
        "encoding": "utf-8-sig" if fmt == "csv" else "utf-8",
        "bytes": len(content),
        "hash": f"sha256:{hashlib.sha256(content).hexdigest()}",
        "sources": dataset.sources,
        "licenses": [settings.OPEN_DATA_LICENSE],
        **extra,
    }


@transaction.atomic
def build() -> DataBuild:
    """Write every dataset and the descriptor into a new folder, then make
    it the current build and remove older ones. A build that fails leaves
    the current one in place."""
    started = timezone.now()
    folder = f"{FOLDER}/{started:%Y%m%dT%H%M%S%f}"
    written, manifest, package_resources = [], [], []
    try:
        for dataset in DATASETS:
            csv_bytes, json_bytes, schema, count = build_files(dataset)
            for fmt, content in (("csv", csv_bytes), ("json", json_bytes)):
                written.append(default_storage.save(f"{folder}/{dataset.name}.{fmt}", ContentFile(content)))
            package_resources.append(
                resource(dataset.name, f"{dataset.name}.csv", csv_bytes, "csv", dataset, schema=schema)
            )
            package_resources.append(
                resource(f"{dataset.name}-json", f"{dataset.name}.json", json_bytes, "json", dataset)
            )
            manifest.append(
                {"name": dataset.name, "records": count, "csv_bytes": len(csv_bytes), "json_bytes": len(json_bytes)}
            )
        package = {
            "profile": "data-package",
            "name": "brs-clearing-house",
            "title": "BRS Clearing-House Hub open data",
            "description": "What the clearing-house of the Basel, Rotterdam and Stockholm conventions publishes.",
            "homepage": settings.SITE_URL,
            "created": started.isoformat(),
            "licenses": [settings.OPEN_DATA_LICENSE],
            "resources": package_resources,
        }
        descriptor = json.dumps(package, ensure_ascii=False, indent=1).encode()
        written.append(default_storage.save(f"{folder}/datapackage.json", ContentFile(descriptor)))
    except Exception:
        for name in written:
            default_storage.delete(name)
        raise
    current = DataBuild.objects.create(folder=folder, started_at=started, datasets=manifest)
    transaction.on_commit(lambda: remove_old_builds(current))
    return current


def remove_old_builds(current: DataBuild) -> None:
    old = DataBuild.objects.filter(started_at__lt=current.started_at).order_by("-started_at")[KEEP:]
    for build in old:
        for dataset in DATASETS:
            for fmt in ("csv", "json"):
                default_storage.delete(f"{build.folder}/{dataset.name}.{fmt}")
        default_storage.delete(f"{build.folder}/datapackage.json")
        build.delete()
