"""A digest run on a real Celery worker over Redis, killed (SIGKILL) half-way
through 300 members and started again: every member ends with exactly one
digest, none twice. The digests go to a real SMTP server (aiosmtpd) started
here, which counts what arrives from the worker processes.

Like tests/config/test_celery_worker.py, the worker shares the test database
on PostgreSQL (a worker process cannot see SQLite's in-memory test database):
this skips on a bare machine and runs in CI."""

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.utils import timezone

from config.celery import app as celery_app
from core.models import EmailDelivery
from profiles.models import Profile, User
from subscriptions import digests
from subscriptions.models import DigestItem
from tests.services import need_postgres, need_redis
from tests.subscriptions.smtp import free_port

pytestmark = pytest.mark.celery

MEMBERS = 300
KILLED_AT = 150  # the worker dies while this message is being sent
MONDAY_7 = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


def wait_for(predicate, timeout=120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


class Inbox:
    """An SMTP server's mailbox that holds the KILLED_AT-th message until
    the test has killed its sender; that message is then refused (never
    acknowledged with 250, it was not delivered)."""

    def __init__(self):
        self.messages = []
        self.holding = threading.Event()
        self.released = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if len(self.messages) + 1 == KILLED_AT and not self.released.is_set():
            self.holding.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
            return "451 Sender went away"
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"


class Worker:
    """A Celery worker process on a queue of this test's own."""

    def __init__(self, env, queue):
        self.env, self.queue, self.process = env, queue, None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [
                sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", self.queue,
                "--without-mingle", "--without-gossip", "-l", "warning",
                # The digest tasks live outside tasks.py, which autodiscovery imports.
                "--include", "subscriptions.digests",
            ],
            env=self.env,
            cwd=settings.BASE_DIR,
        )  # fmt: skip

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def forget_queue(queue: str) -> None:
    """Remove this test's queue from Redis, and the message the killed worker
    never acknowledged (Redis would hand it back to a queue nobody reads)."""
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    for tag, payload in client.hgetall("unacked").items():
        if json.loads(payload)[-1] == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    try:
        yield handler
    finally:
        handler.released.set()
        controller.stop()


@pytest.fixture
def worker(transactional_db, inbox, monkeypatch):
    """A worker on the test database. The test commits for real (the worker
    reads what it wrote): it needs no data the migrations wrote, and the
    tables are emptied after it."""
    need_postgres()
    need_redis()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(inbox.port),
    }
    # A queue of our own, so another test run's worker cannot take our tasks.
    queue = f"test-digests-{os.getpid()}"
    monkeypatch.setattr(digests, "EMAIL_QUEUE", queue)
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    process = Worker(env, queue)
    process.start()
    try:
        yield process
    finally:
        process.stop()
        forget_queue(queue)


def members_with_news(count: int) -> list[User]:
    users = User.objects.bulk_create(
        [User(email=f"reader{number}@example.org", handle=f"reader-{number}") for number in range(count)]
    )
    Profile.objects.bulk_create([Profile(user=user) for user in users], ignore_conflicts=True)
    DigestItem.objects.bulk_create(
        [DigestItem(user=user, key="news:1", kind="mention", title="News of the week", url="/en/") for user in users]
    )
    return users


def sent() -> int:
    return EmailDelivery.objects.filter(sent_at__isnull=False).count()


def test_a_run_killed_half_way_sends_the_rest_once_resumed_nobody_twice(worker, inbox):
    members = members_with_news(MEMBERS)

    assert digests.start_digest_run(MONDAY_7.isoformat()) == MEMBERS
    assert wait_for(inbox.holding.is_set), "the worker did not get half-way"
    worker.kill()  # SIGKILL while the mail server holds a message
    inbox.released.set()
    assert len(inbox.messages) == sent() == KILLED_AT - 1
    # The dead worker's claims: the rest of its batch, claimed together, not
    # sent. Nobody else may send to them until the claims expire; time passes.
    claims = EmailDelivery.objects.filter(sent_at__isnull=True)
    assert claims.count() == digests.BATCH_SIZE - (KILLED_AT - 1)
    claims.update(created_at=timezone.now() - digests.CLAIM_TIMEOUT)

    # Meanwhile there is news for everybody: it must wait for next week's
    # digest for those who had this week's, and join it for the others.
    DigestItem.objects.bulk_create(
        [DigestItem(user=member, key="news:2", kind="mention", title="Later news", url="/en/") for member in members]
    )

    worker.start()  # the batches still queued are sent
    # The next beat tick in the hour enqueues everyone still without a digest.
    assert digests.start_digest_run((MONDAY_7 + timedelta(minutes=15)).isoformat()) > 0
    assert wait_for(lambda: sent() == MEMBERS), f"{sent()} of {MEMBERS} sent"
    assert wait_for(lambda: len(inbox.messages) >= MEMBERS)
    # A third tick finds nobody due; anything doubled would have arrived by now.
    assert digests.start_digest_run((MONDAY_7 + timedelta(minutes=30)).isoformat()) == 0
    time.sleep(2)

    received = Counter(message["To"] for message in inbox.messages)
    assert received == Counter({member.email: 1 for member in members})
    assert not EmailDelivery.objects.filter(sent_at__isnull=True).exists()
    assert EmailDelivery.objects.filter(key="digest:w:2026-W49").count() == MEMBERS
    early = {message["To"] for message in inbox.messages[: KILLED_AT - 1]}
    assert set(DigestItem.objects.values_list("user__email", flat=True)) == early  # next week's news
    for message in inbox.messages[KILLED_AT - 1 :]:
        assert "Later news" in message.get_body(("plain",)).get_content()
