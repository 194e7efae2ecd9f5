"""Production: everything from the environment, secure by default.

Checked by `DJANGO_SETTINGS_MODULE=config.settings.production manage.py check --deploy`.
https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK, env


def required(name: str, why: str) -> str:
    """An environment variable production cannot run without; the embedded
    defaults of base.py (SQLite, local memory, in-process tasks) would run
    but lose data and break with more than one process."""
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable: {why}.")
    return value


DEBUG = False
# Required: a long random value. https://docs.djangoproject.com/en/5.2/ref/settings/#secret-key
SECRET_KEY = required("DJANGO_SECRET_KEY", "sessions and signed links depend on a long random secret")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# The public address (emails, feeds, sitemap, admin): https unless SITE_URL says otherwise.
SITE_URL = env("SITE_URL", default=f"https://{SITE_DOMAIN}").rstrip("/")  # noqa: F405
SITE_DOMAIN = urlsplit(SITE_URL).netloc
WAGTAILADMIN_BASE_URL = SITE_URL

# Required: PostgreSQL. Connections are kept open for DATABASE_CONN_MAX_AGE
# seconds. https://docs.djangoproject.com/en/5.2/ref/settings/#conn-max-age
DATABASES = {
    "default": env.db_url_config(required("DATABASE_URL", "production data lives in PostgreSQL")),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# Kept connections the server closed (restart, failover) are replaced before use.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Required: Redis for the cache, sessions and allauth's rate limits (shared by
# every web process) and, unless CELERY_BROKER_URL says otherwise, the broker.
# base.py builds CACHES, SESSION_ENGINE and CELERY_BROKER_URL from it.
REDIS_URL = required("REDIS_URL", "the cache, sessions, rate limits and Celery broker live in Redis")
# Tasks (email, digests) run on the Celery workers, never in the web process.
CELERY_TASK_ALWAYS_EAGER = False

# Email leaves by SMTP unless EMAIL_BACKEND names an anymail ESP.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

# HTTPS: the proxy in front terminates TLS and sets X-Forwarded-Proto.
# https://docs.djangoproject.com/en/5.2/ref/settings/#secure-proxy-ssl-header
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Health checks come over plain HTTP from the orchestrator.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# https://docs.djangoproject.com/en/5.2/ref/middleware/#http-strict-transport-security
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Cookies only over HTTPS. https://docs.djangoproject.com/en/5.2/ref/settings/#session-cookie-secure
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# One TLS proxy in front, as the README prescribes: its X-Forwarded-For
# names the client. Set TRUSTED_PROXY_COUNT=2 behind a CDN and a proxy.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT
X_FRAME_OPTIONS = "DENY"
