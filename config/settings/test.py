"""Test settings: the embedded default, or PostgreSQL and Redis when
DATABASE_URL and REDIS_URL are set (as CI does)."""

import tempfile

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = False
SECRET_KEY = "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105 (tests only)
ALLOWED_HOSTS = ["*"]
# A fast hasher: the tests create many members.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
# The real-worker tests read what the worker sent from files here.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "test-results" / "mail"))
# Real files (Wagtail serves documents from disk), in a folder of this run's
# own (a real-worker test hands the worker the test's folder).
MEDIA_ROOT = env("MEDIA_ROOT", default="") or tempfile.mkdtemp(prefix="brs-hub-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Backups of this run's own (tests/core/test_backups.py), never the project's backups/ folder.
    "backups": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="brs-hub-test-backups-")},
    },
}
# Unit tests run tasks in-process; tests marked "celery" start a real worker
# against REDIS_URL and switch this off themselves.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files from the finders (node_modules, static/) without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Anonymous pages are not cached in tests, so that a test reads what its
# request renders (query counts included); tests of the page cache turn it on.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
