"""Real-browser journeys: Debian's Chromium, driven by Playwright's sync API,
against pytest-django's live_server (a threaded server in this process, on the
test database).

Tests here are marked ``e2e``, skip when Chromium is missing, and fail
instead when CI=true. Emails go to Django's locmem backend, so
``django.core.mail.outbox`` holds what the live server sent.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from tests.e2e.timeouts import TIMEOUT_MS
from tests.e2e.watch import watch
from tests.services import need

CHROMIUM = Path("/usr/bin/chromium")
# No internet here, and nothing in the background that would try to reach it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """One headless Chromium for all the journeys; each test gets its own context.

    Package-scoped rather than session-scoped: Playwright's event loop runs in
    this thread while the browser is open, and closing it when the journeys are
    done keeps that loop out of the tests that run after them.
    """
    need("Chromium", CHROMIUM.exists(), f"install Debian's chromium package ({CHROMIUM})")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # With an event loop running in the thread, Django keeps database
    # connections per async context instead of per thread, so the tests would
    # get fresh connection objects that lack what the test database set-up
    # stored on the originals (the serialized contents that serialized
    # rollback restores). Keep using the originals.
    test_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Django also refuses database access from a thread with a running
        # loop; the tests' own queries are ordinary synchronous code.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, connection in test_connections.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="package")
def _empty_database(django_db_setup, django_db_blocker):
    """Start the journeys from an empty test database.

    Each journey gets the migrated data (home page, locales, editor groups)
    back by serialized rollback, which loads it with its original ids. A
    transactional test that ran earlier without serialized rollback leaves
    the database flushed and refilled by post_migrate (content types with
    other ids), which would clash with that; so empty it first.
    """
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
    _cache_serialized_content_types()


def _cache_serialized_content_types():
    """Put the content types that serialized rollback will restore into
    ContentType's cache, with their ids, before it restores them.

    The restore loads pages before content types, and Wagtail looks up a
    page's content type as it builds it: with an empty cache that lookup
    would create the row, and the restore's own row would then collide.
    """
    import json

    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    ContentType.objects.clear_cache()
    for alias in connections:
        serialized = getattr(connections[alias], "_test_serialized_contents", None)
        if not serialized:
            continue
        for row in json.loads(serialized):
            if row["model"] == "contenttypes.contenttype":
                content_type = ContentType(pk=row["pk"], **row["fields"])
                ContentType.objects._add_to_cache(alias, content_type)


def _serve_media(route):
    """Stand in for the web server or object storage that serves MEDIA_URL in
    production: the test settings keep uploads in Django's InMemoryStorage in
    this process, and the live server (DEBUG off) does not serve them."""
    name = unquote(urlsplit(route.request.url).path).removeprefix(settings.MEDIA_URL)
    if not default_storage.exists(name):
        route.fulfill(status=404, body="not found")
        return
    with default_storage.open(name) as upload:
        body = upload.read()
    route.fulfill(status=200, body=body, content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """Journeys run as in production: visitors' pages come from the cache, so
    every journey also proves that what one person changes, the next sees."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def page(browser, _empty_database, live_server, transactional_db, django_db_serialized_rollback):
    """A fresh browser tab (own cookies) on the live server.

    The live server's thread sees only committed data, hence transactional_db;
    serialized rollback restores what the data migrations wrote (home page,
    locales, editor groups), which the flush after each transactional test
    would otherwise remove for the tests that follow.
    """
    # The cache must hold the restored content types, whatever ran before.
    _cache_serialized_content_types()
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.route(f"{live_server.url}{settings.MEDIA_URL}**", _serve_media)
    tab = context.new_page()
    problems = watch(tab)
    yield tab
    context.close()
    assert not problems, "The pages had broken assets, scripts or refused content:\n" + "\n".join(problems)
