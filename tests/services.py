"""Tests that need a real service skip on a bare machine, but fail in CI
(CI=true), where every service must be there."""

import os

import pytest
from django.conf import settings
from django.db import connection

IN_CI = os.environ.get("CI", "").lower() == "true"


def need(service: str, available: bool, why: str = "") -> None:
    if available:
        return
    message = f"{service} is not available{': ' + why if why else ''}"
    if IN_CI:
        pytest.fail(f"{message} (CI=true: every service must be running)")
    pytest.skip(message)


def need_postgres() -> None:
    need("PostgreSQL", connection.vendor == "postgresql", "set DATABASE_URL")


def need_redis() -> None:
    available = bool(settings.REDIS_URL)
    if available:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
        except redis.exceptions.ConnectionError:
            available = False
    need("Redis", available, "set REDIS_URL")
