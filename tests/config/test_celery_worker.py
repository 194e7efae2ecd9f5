"""Tasks on a real Celery worker over Redis, against the test database on
PostgreSQL (a worker process cannot see SQLite's in-memory test database)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from config.celery import app as celery_app
from tests.services import need_postgres, need_redis

pytestmark = pytest.mark.celery


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


@pytest.fixture
def worker(transactional_db, tmp_path):
    need_postgres()
    need_redis()
    db = connection.settings_dict
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    # A queue of our own, so another test run's worker cannot take our tasks.
    queue = f"test-{os.getpid()}"
    process = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-mingle",
            "--without-gossip",
            "-l",
            "warning",
        ],
        env=env,
        cwd=settings.BASE_DIR,
    )
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield mail_dir
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        process.terminate()
        process.wait(timeout=30)


def test_verification_email_is_sent_by_the_worker(worker):
    from conventions.models import Country
    from profiles.services import decide_verification, request_verification
    from tests.profiles.factories import EditorFactory, MemberFactory

    member = MemberFactory(email="fatou@example.org")
    editor = EditorFactory()
    senegal = Country.objects.create(iso2="SN", iso3="SEN", numeric="686", name="Senegal")
    verification = request_verification(
        member, role="focal_point", justification="Letter", country=senegal, focal_point_kind="rc_dna"
    )
    with transaction.atomic():
        decide_verification(verification, editor=editor, approve=True)

    def sent():
        return any("fatou@example.org" in path.read_text() for path in worker.iterdir())

    assert wait_for(sent), "the worker did not send the email"
    (message,) = [path.read_text() for path in worker.iterdir()]
    assert "Rotterdam designated national authority, Senegal" in message
    verification.refresh_from_db()
    assert verification.notified_at is not None


def test_wagtail_background_tasks_run_on_the_worker(worker, tmp_path):
    from tests.config.worker_tasks import write_marker

    marker = tmp_path / "marker.txt"
    with transaction.atomic():
        write_marker.enqueue(str(marker), "ran on the worker")
        # enqueued on commit: nothing has run yet
        assert not marker.exists()
    assert wait_for(marker.exists), "the worker did not run the django-tasks task"
    assert Path(marker).read_text() == "ran on the worker"


def test_search_indexing_runs_on_the_worker_after_commit(worker, established_members):
    """A question is indexed by the worker once the transaction commits; the
    request that asked it never waits for the index."""
    from community.services import ask_question
    from search.models import SearchDocument
    from tests.profiles.factories import MemberFactory

    author = MemberFactory()
    with transaction.atomic():
        question = ask_question(author, title="Ship-breaking yards and asbestos", body="Who inspects them?")
        # Still in the transaction: nothing indexed, nothing sent to the worker yet.
        assert not SearchDocument.objects.filter(source="question", source_id=question.pk).exists()

    def indexed():
        return SearchDocument.objects.filter(source="question", source_id=question.pk).exists()

    assert wait_for(indexed), "the worker did not index the question"
    document = SearchDocument.objects.get(source="question", source_id=question.pk)
    assert document.title == "Ship-breaking yards and asbestos"
    assert SearchDocument.objects.filter(pk=document.pk, search_vector__isnull=False).exists()


def test_the_open_data_downloads_are_built_by_the_worker(worker, client):
    """What Celery beat starts every night: the worker writes the files into
    the shared media storage and records the build the site then serves."""
    import json

    from api.models import DataBuild
    from api.tasks import build_open_data
    from tests.conventions.factories import DecisionFactory, InstrumentFactory

    # A transactional test: the migrations' rows may have been flushed by an earlier one.
    InstrumentFactory(code="BC", name="Basel Convention")
    DecisionFactory(code="BC-14/12", title="Plastic waste amendments")
    build_open_data.delay()
    assert wait_for(lambda: DataBuild.objects.exists())
    response = client.get("/en/data/decisions.json")
    assert response.status_code == 200
    assert [record["id"] for record in json.loads(b"".join(response.streaming_content))] == ["BC-14/12"]


def test_the_indicators_are_refreshed_by_the_worker(worker, client):
    """What Celery beat starts every hour: the worker computes the
    dashboard's figures, which the public page then shows."""
    from packages.models import IndicatorRefresh, PageFeedback
    from packages.tasks import refresh_indicators

    PageFeedback.objects.create(path="/information/", language="en", useful=True)
    PageFeedback.objects.create(path="/information/", language="fr", useful=False)
    refresh_indicators.delay()
    assert wait_for(lambda: IndicatorRefresh.objects.exists())
    page = client.get("/en/indicators/").content.decode()
    assert "50.0 %" in page
