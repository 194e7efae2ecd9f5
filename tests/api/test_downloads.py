"""/<lang>/data/: every dataset as CSV and JSON with a Frictionless
descriptor, built by the command (and nightly by Celery beat), with nothing
an anonymous visitor may not see."""

import csv
import hashlib
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from api import datasets
from api.models import DataBuild
from community.constants import GroupPrivacy, PostStatus
from config.celery import app as celery_app
from tests.community.factories import AnswerFactory, GroupFactory, QuestionFactory
from tests.conventions.factories import (
    ChemicalProfileFactory,
    CountryFactory,
    DecisionFactory,
    FocalPointFactory,
    ListingFactory,
    MeetingFactory,
    PartyStatusFactory,
    RegionalCentreFactory,
)
from tests.knowledge.factories import BestPracticeFactory

NAMES = ["parties", "decisions", "meetings", "chemicals", "regional-centres", "focal-points", "knowledge", "questions"]


@pytest.fixture
def published(db):
    senegal = CountryFactory(iso2="SN", iso3="SEN", name="Senegal")
    PartyStatusFactory(country=senegal, consent_on="1992-11-10")
    PartyStatusFactory(country=senegal, instrument__code="SC", consent_on="2003-10-08")
    DecisionFactory(code="BC-14/12", title="Plastic waste amendments")
    MeetingFactory(slug="bc-cop-17", title="BC COP-17")
    ListingFactory(profile=ChemicalProfileFactory(name="PFOS", slug="pfos"), annex="SC-B")
    RegionalCentreFactory(name="BCRC Senegal", slug="bcrc-senegal", host_country=senegal)
    FocalPointFactory(country=senegal, person="Awa Ndiaye", email="awa@example.sn", phone="+221 33 000 00 00")
    BestPracticeFactory(title="Cable recycling without burning", countries=[senegal])
    BestPracticeFactory(title="Draft never published", live=False)
    question = QuestionFactory(title="How do you store PCB oil?")
    AnswerFactory(question=question, body_markdown="In sealed drums.")
    AnswerFactory(question=question, body_markdown="Hidden by flags", status=PostStatus.HIDDEN)
    QuestionFactory(title="Private group question", group=GroupFactory(privacy=GroupPrivacy.PRIVATE))
    QuestionFactory(title="Held question", status=PostStatus.HELD)


def download(client, name, fmt, language="en"):
    response = client.get(f"/{language}/data/{name}.{fmt}")
    assert response.status_code == 200, (name, fmt, response.status_code)
    # Reading it to the end closes the file (the test client closes the response).
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_the_command_builds_every_dataset_and_the_page_lists_them(client, published):
    out = io.StringIO()
    call_command("build_open_data", stdout=out)
    assert "questions: 1 records" in out.getvalue()
    page = client.get("/fr/data/")
    assert page.status_code == 200
    html = page.content.decode()
    for name in NAMES:
        assert f'href="/fr/data/{name}.csv"' in html
        assert f'href="/fr/data/{name}.json"' in html
    assert 'href="/fr/data/datapackage.json"' in html
    assert "creativecommons.org/licenses/by/4.0" in html


@pytest.mark.django_db
def test_files_hold_what_the_api_gives_and_nothing_private(client, published):
    call_command("build_open_data", stdout=io.StringIO())
    everything = b""
    for name in NAMES:
        as_csv = download(client, name, "csv")
        as_json = download(client, name, "json")
        everything += as_csv + as_json
        assert as_csv.startswith("\ufeff".encode())
        assert isinstance(json.loads(as_json), list)
    questions = json.loads(download(client, "questions", "json"))
    api = client.get("/api/v1/questions/").json()["results"]
    assert questions == api
    rows = list(csv.DictReader(io.StringIO(download(client, "parties", "csv").decode("utf-8-sig"))))
    assert [(row["id"], row["treaty"], row["consent"]) for row in rows] == [
        ("SEN", "BC", "1992-11-10"),
        ("SEN", "SC", "2003-10-08"),
    ]
    assert rows[0]["name_fr"] == "Sénégal"
    text = everything.decode("utf-8-sig", errors="replace")
    for private in (
        "Private group question",
        "Held question",
        "Hidden by flags",
        "Draft never published",
        "awa@example.sn",
        "+221",
    ):
        assert private not in text


@pytest.mark.django_db
def test_the_data_package_names_licence_sources_columns_and_hashes(client, published):
    call_command("build_open_data", stdout=io.StringIO())
    response = client.get("/en/data/datapackage.json")
    assert response["Content-Type"] == "application/json"
    package = json.loads(b"".join(response.streaming_content))
    assert package["profile"] == "data-package"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert set(resources) == {*NAMES, *(f"{name}-json" for name in NAMES)}
    for resource in package["resources"]:
        assert resource["sources"]
        assert resource["licenses"]
        content = download(client, resource["path"].rsplit(".", 1)[0], resource["format"])
        assert resource["bytes"] == len(content)
        assert resource["hash"] == f"sha256:{hashlib.sha256(content).hexdigest()}"
    header = next(csv.reader(io.StringIO(download(client, "decisions", "csv").decode("utf-8-sig"))))
    assert [field["name"] for field in resources["decisions"]["schema"]["fields"]] == header
    assert "title_ar" in header
    types = {field["name"]: field["type"] for field in resources["decisions"]["schema"]["fields"]}
    assert types["year"] in ("integer", "string")


@pytest.mark.django_db
def test_a_rebuild_replaces_the_files_and_removes_the_build_before_last(
    client, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = datasets.build()
        second = datasets.build()
        third = datasets.build()
    assert list(DataBuild.objects.order_by("started_at")) == [second, third]
    assert not default_storage.exists(f"{first.folder}/decisions.csv")
    assert default_storage.exists(f"{second.folder}/decisions.csv")
    DecisionFactory(code="RC-9/5", title="HBCD")
    datasets.build()
    assert b"RC-9/5" in download(client, "decisions", "csv")


@pytest.mark.django_db
def test_a_failed_build_leaves_the_current_one(client, published, monkeypatch):
    current = datasets.build()

    def broken(dataset):
        if dataset.name == "questions":
            raise RuntimeError("database went away")
        return original(dataset)

    original = datasets.build_files
    monkeypatch.setattr(datasets, "build_files", broken)
    with pytest.raises(RuntimeError):
        datasets.build()
    assert list(DataBuild.objects.all()) == [current]
    assert b"BC-14/12" in download(client, "decisions", "csv")
    folders, _files = default_storage.listdir(datasets.FOLDER)
    failed = [f"{datasets.FOLDER}/{folder}" for folder in folders if f"{datasets.FOLDER}/{folder}" != current.folder]
    assert failed  # it had begun writing…
    assert all(default_storage.listdir(folder) == ([], []) for folder in failed)  # …and took it all back


@pytest.mark.django_db
def test_before_the_first_build_the_page_says_so_and_files_are_404(client, db):
    page = client.get("/es/data/")
    assert page.status_code == 200
    assert 'role="status"' in page.content.decode()
    assert client.get("/es/data/decisions.csv").status_code == 404
    assert client.get("/es/data/unknown.csv").status_code == 404
    assert client.get("/es/data/decisions.xml").status_code == 404


def test_celery_beat_rebuilds_the_downloads_every_night():
    entry = celery_app.conf.beat_schedule["build-open-data"]
    assert entry["task"] == "api.tasks.build_open_data"
    assert entry["schedule"].hour == {2}
