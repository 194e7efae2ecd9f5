"""When a part fails (#18): a Redis started by the test is killed while the
hub serves, and database connections are terminated under a request.

With Redis away, pages still answer 200 (the cache misses, nothing is
stored), members stay signed in (sessions are in the database, read through
the cache), /healthz says 503 naming the cache, and everything is back when
Redis is. A database connection terminated under a request answers a 503
page with Retry-After, not a 500; a kept connection that the server closed
is replaced before the next request uses it (CONN_HEALTH_CHECKS)."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.core.signals import request_started
from django.db import connection
from django.test import Client

from community.models import Answer
from config.settings.base import redis_cache
from tests.community.factories import QuestionFactory
from tests.conventions.factories import CountryFactory
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import MemberFactory
from tests.services import need, need_postgres

REDIS_SERVER = shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own, on a free port, that it can kill and start again."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


@pytest.fixture
def redis_server(settings):
    need("redis-server", bool(REDIS_SERVER), "install Debian's redis-server package")
    server = RedisServer()
    server.start()
    # The production cache settings (config/settings/base.py), on this server.
    settings.CACHES = {"default": redis_cache(server.url, "faults")}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_SECONDS = 600
    yield server
    if server.process.poll() is None:
        server.kill()


def cache_works() -> bool:
    cache.set("faults:probe", "here", 10)
    return cache.get("faults:probe") == "here"


@pytest.mark.django_db
def test_a_redis_outage_degrades_to_no_cache_and_nobody_is_signed_out(redis_server):
    question = QuestionFactory(title="Where can obsolete pesticides be stored safely?")
    item = BestPracticeFactory(title="Take-back of mobile phones in Nairobi")
    CountryFactory(iso2="SN", iso3="SEN", name="Senegal")
    pages = ["/en/", "/en/knowledge/", item.url, "/en/countries/SEN/", "/en/search/?q=pesticides", "/en/forum/"]
    pages.append(question.get_absolute_url())
    member = MemberFactory(display_name="Amina Diallo")
    signed_in = Client()
    signed_in.force_login(member)
    visitor = Client(headers={"accept-encoding": "identity"})
    assert cache_works()
    for path in pages:
        assert visitor.get(path).status_code == 200, path
    assert visitor.get("/en/knowledge/")["X-Page-Cache"] == "hit"

    redis_server.kill()

    assert not cache_works()
    statuses = {path: visitor.get(path).status_code for path in pages}
    assert statuses == dict.fromkeys(pages, 200)
    assert visitor.get("/en/knowledge/")["X-Page-Cache"] == "miss"
    # The member is still signed in, and can still post (the hourly limit is not counted meanwhile).
    inbox = signed_in.get("/en/notifications/")
    assert inbox.status_code == 200
    assert "Amina Diallo" in inbox.content.decode()
    posted = signed_in.post(
        f"/en/forum/questions/{question.pk}/answer/",
        {"body": "The regional centre in Dakar keeps a list of licensed stores."},
    )
    assert posted.status_code == 302
    assert Answer.objects.filter(question=question, author=member).count() == 1
    health = visitor.get("/healthz")
    assert health.status_code == 503
    assert health.json()["cache"] != "ok"

    redis_server.start()  # the same port: as when Redis is restarted

    deadline = time.monotonic() + 10
    while not cache_works():
        assert time.monotonic() < deadline, "the cache did not come back"
        time.sleep(0.1)
    assert visitor.get("/healthz").status_code == 200
    assert signed_in.get("/en/notifications/").status_code == 200
    visitor.get("/en/knowledge/")
    assert visitor.get("/en/knowledge/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_sign_in_is_refused_with_429_while_its_limits_cannot_be_counted(redis_server):
    """allauth will not count attempts without the cache, so it refuses
    rather than let guesses through unlimited (README, "Faults")."""
    member = MemberFactory()
    redis_server.kill()
    from tests.profiles.factories import PASSWORD

    response = Client().post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 429


# The database


def terminate(pid: int) -> None:
    """End a server process of PostgreSQL from another connection, as a
    restart or a failover would."""
    import psycopg

    database = connection.settings_dict
    with psycopg.connect(
        dbname=database["NAME"],
        host=database["HOST"],
        port=database["PORT"] or None,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.django_db(transaction=True)
def test_a_connection_terminated_under_a_request_answers_503_not_500():
    need_postgres()
    client = Client(raise_request_exception=False)
    assert client.get("/en/forum/").status_code == 200

    def terminate_this_request_s_connection(**kwargs):
        connection.ensure_connection()
        terminate(connection.connection.info.backend_pid)

    request_started.connect(terminate_this_request_s_connection)
    try:
        response = client.get("/fr/forum/")
    finally:
        request_started.disconnect(terminate_this_request_s_connection)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert 'lang="fr"' in page
    assert "La plateforme est momentanément indisponible" in page
    assert "Traceback" not in page
    connection.close()  # as the end of the request would, with the connection unusable
    assert client.get("/en/forum/").status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("health_checks", [True, False])
def test_a_kept_connection_the_server_closed_is_replaced_before_use(health_checks):
    """What Django does at the start of every request (close_if_unusable_or_obsolete):
    with CONN_HEALTH_CHECKS, a kept connection that the server ended is
    found out and replaced; without, the request's first query fails."""
    need_postgres()
    from django.db import OperationalError

    settings_dict = connection.settings_dict
    kept = settings_dict["CONN_MAX_AGE"], settings_dict["CONN_HEALTH_CHECKS"]
    settings_dict["CONN_MAX_AGE"], settings_dict["CONN_HEALTH_CHECKS"] = 60, health_checks
    try:
        connection.close()
        connection.ensure_connection()
        connection.close_if_unusable_or_obsolete()  # a first request: a new connection is kept
        terminate(connection.connection.info.backend_pid)
        connection.close_if_unusable_or_obsolete()  # the next request starts
        if health_checks:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                assert cursor.fetchone() == (1,)
        else:
            with pytest.raises(OperationalError), connection.cursor() as cursor:
                cursor.execute("SELECT 1")
    finally:
        settings_dict["CONN_MAX_AGE"], settings_dict["CONN_HEALTH_CHECKS"] = kept
        connection.close()


@pytest.mark.django_db
def test_expired_sessions_are_cleared_nightly():
    from datetime import timedelta

    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from config.celery import app as celery_app
    from profiles.tasks import clear_expired_sessions

    live, expired = SessionStore(), SessionStore()
    live.create()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - timedelta(days=1))
    clear_expired_sessions()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    entry = celery_app.conf.beat_schedule["clear-expired-sessions"]
    assert entry["task"] == clear_expired_sessions.name


def test_a_task_queued_before_redis_is_killed_is_still_queued_after_it_restarts(tmp_path):
    """docker-compose.yml runs Redis with an append-only file: a task waiting
    for a worker survives a crash of Redis (here SIGKILL, after the second
    within which appendfsync everysec writes it)."""
    import redis
    import yaml
    from celery import Celery
    from django.conf import settings

    need("redis-server", bool(REDIS_SERVER), "install Debian's redis-server package")
    compose = yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())
    flags = compose["services"]["redis"]["command"].split()[1:]
    assert flags[:2] == ["--appendonly", "yes"]
    port = free_port()
    command = [REDIS_SERVER, *flags, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp_path), "--save", ""]

    def start():
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        deadline = time.monotonic() + 10
        while True:
            try:
                if redis.Redis(port=port).ping():
                    return process
            except redis.exceptions.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    server = start()
    try:
        app = Celery("faults", broker=f"redis://127.0.0.1:{port}/1")
        app.send_task("core.tasks.prune_audit_trail", queue="default")
        assert redis.Redis(port=port, db=1).llen("default") == 1
        time.sleep(1.5)  # appendfsync everysec
        server.kill()
        server.wait(timeout=10)
        server = start()
        queued = redis.Redis(port=port, db=1).lrange("default", 0, -1)
        assert len(queued) == 1
        assert b"core.tasks.prune_audit_trail" in queued[0]
    finally:
        server.kill()
        server.wait(timeout=10)
