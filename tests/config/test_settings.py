import os
import subprocess
import sys

import pytest
from django.conf import settings

# What production needs; nothing here is contacted by the checks below.
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "a" * 10 + "strong-secret-for-the-check-" + "x7Q9z" * 8,
    "DJANGO_ALLOWED_HOSTS": "hub.example.org",
    "DATABASE_URL": "postgres://brs:brs@db.internal:5432/brs",
    "REDIS_URL": "redis://redis.internal:6379/0",
}
# Variables of the calling shell (CI sets some) that would blur what is tested.
UNSET = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "EMAIL_BACKEND", "DATABASE_CONN_MAX_AGE")


def run(*command, without=(), **extra):
    env = {key: value for key, value in os.environ.items() if key not in UNSET}
    env.update(PRODUCTION)
    env.update(extra)
    for name in without:
        env.pop(name)
    return subprocess.run(  # noqa: S603
        [sys.executable, *command],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("name", ["DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL"])
def test_production_settings_refuse_to_start_without_a_required_variable(name):
    result = run("manage.py", "check", without=[name])
    assert result.returncode != 0
    assert f"Set the {name} environment variable" in result.stderr
    # an empty value is no better than none
    result = run("manage.py", "check", **{name: ""})
    assert result.returncode != 0


def test_production_uses_postgresql_redis_workers_and_smtp():
    show = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['CONN_MAX_AGE'], "
        "s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER, "
        "s.EMAIL_BACKEND)"
    )
    result = run("-c", show)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "60",
        "django_redis.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "redis://redis.internal:6379/0",
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
    ]


def test_every_ui_language_is_a_un_language():
    assert [code for code, _ in settings.LANGUAGES] == ["ar", "zh-hans", "en", "fr", "ru", "es"]


def test_production_sends_every_cookie_over_https_only_trusts_one_proxy_and_checks_connections():
    show = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, "
        "s.LANGUAGE_COOKIE_HTTPONLY, s.ALLAUTH_TRUSTED_PROXY_COUNT, s.REST_FRAMEWORK['NUM_PROXIES'], "
        "s.DATABASES['default']['CONN_HEALTH_CHECKS'])"
    )
    result = run("-c", show)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "1", "1", "True"]
    # Behind a CDN and the proxy, the operator says so.
    result = run("-c", show, TRUSTED_PROXY_COUNT="2")
    assert result.stdout.split()[-3:-1] == ["2", "2"]
