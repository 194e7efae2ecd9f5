"""Settings shared by every environment.

Everything a deployment changes is read from the environment (see
.env.example). Without any environment the site runs on the embedded
default: SQLite, local-memory cache, tasks run in-process, email printed to
the console.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from wagtail.embeds import oembed_providers

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = "BRS Clearing-House Hub"
SITE_ID = 1
# The public host name (and port, if not the default), as in emails, the
# sitemap and admin links. Written into django.contrib.sites and Wagtail's
# default Site after every migrate (profiles.signals.set_site_domain).
SITE_DOMAIN = env("SITE_DOMAIN", default="127.0.0.1:8000")

INSTALLED_APPS = [
    # project apps first so their templates override those of the libraries
    "core",
    "profiles",
    "conventions",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    # before wagtail.search: its update_index command also rebuilds ours
    "search",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # after wagtail.admin: its ready() replaces two of Wagtail's notifications
    "knowledge",
    "community",
    "modelcluster",
    "taggit",
    "django_celery_beat",
    "notifications",
    # After notifications: its receivers run after the package has written the rows.
    "subscriptions",
    # The service's own pages and members' data; it imports the apps above.
    "policies",
    "packages",
    "api",
    "demo",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "anymail",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.sites",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content Security Policy and Permissions-Policy on every response,
    # those served from the page cache below included (config.csp).
    "config.csp.HubCSPMiddleware",
    # Counts pages served from the cache below as well as rendered ones.
    "packages.visits.VisitCounterMiddleware",
    # Anonymous pages from the shared cache (core.page_cache), compressed.
    "config.middleware.AnonymousPageCacheMiddleware",
    # Before anything that may answer (whitenoise, CommonMiddleware): /api/v1/ answers any origin.
    "corsheaders.middleware.CorsMiddleware",
    # Brotli or gzip for text responses, after every other middleware wrote its part.
    "config.middleware.CompressionMiddleware",
    "config.middleware.InvalidFormStatusMiddleware",
    "config.middleware.NoEmptyContentEncodingMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LocaleMiddleware",
    # A NUL character answers 400 (translated, so after the locale), before any view reads it.
    "config.middleware.RejectNullCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Who acts and from where, for the audit trail (core.audit).
    "core.audit.AuditContextMiddleware",
    "profiles.middleware.RequireMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Content Security Policy (django-csp): everything from the hub itself, no
# inline script or style attribute, no plugins, no framing by others, forms
# post only here. Videos play in YouTube's and Vimeo's own frames; Bootstrap's
# icons are SVG data: URLs. Violations go to /csp-report/ (config.csp).
# https://django-csp.readthedocs.io/en/latest/configuration.html
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "report-uri": "/csp-report/",
    },
}
# Nothing the hub does needs these; a page that asked would be refused.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "interest-cohort=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The language a reader chose: not for scripts, not sent cross-site.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# htmx reads the token from <body hx-headers>, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
# The proxies in front (README: a TLS proxy) whose X-Forwarded-For entries
# are trusted: the client's address, for allauth's sign-in limits, the API's
# and the hub's own (feedback, CSP reports), is the one the outermost trusted
# proxy saw. 0: the connection's own address; a forged header counts for nothing.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "config.context_processors.site",
                "subscriptions.context_processors.unread_notifications",
            ],
        },
    },
]

# Database: one URL. SQLite is the embedded default; production uses PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
# A kept connection the server closed (a restart, a failover, an idle
# timeout) is found out before a request uses it, and replaced.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set, else local memory. allauth's
# rate limits count in this cache, so production must use Redis (shared by
# every web process). The cache is optional: while Redis is away every read
# misses and every write is dropped (logged), never a 500, and a dead server
# costs at most the timeouts below per call. Sessions live in the database,
# read through the cache, so nobody is signed out when Redis restarts.
REDIS_URL = env("REDIS_URL", default="")


def redis_cache(url: str, prefix: str) -> dict:
    """The cache on the Redis at `url` (tests/config/test_faults.py uses it too)."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=0.5),
            "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", default=1.0),
        },
        "KEY_PREFIX": prefix,
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL, env("CACHE_KEY_PREFIX", default="brs"))}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Celery: the broker defaults to REDIS_URL. Without a broker, tasks run
# in-process (eagerly) so the embedded default needs no server.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
# A task taken by a worker that then vanished goes back to the queue after
# this long (Redis broker); longer than any task runs or waits (retries wait
# at most 10 minutes), so nothing runs twice merely for being slow.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
# Email leaves on its own queue: a slow provider never holds up other work.
CELERY_TASK_ROUTES = {"subscriptions.emails.*": {"queue": "email"}}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"

# Wagtail's own background tasks (reference index, image renditions, ...)
# go through django-tasks; this backend hands them to Celery.
TASKS = {"default": {"BACKEND": "config.tasks_backend.CeleryTaskBackend"}}

AUTH_USER_MODEL = "profiles.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # NIST SP 800-63B: allow long passphrases (at least 64 characters).
    {"NAME": "profiles.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 256}},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# allauth: email is the login; signup needs a verified email.
# https://docs.allauth.org/en/latest/account/configuration.html
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "profiles.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "profiles.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[BRS Hub] "
# Unsubscribe links in emails stay valid this long (seconds).
UNSUBSCRIBE_TOKEN_MAX_AGE = env.int("UNSUBSCRIBE_TOKEN_MAX_AGE", default=60 * 60 * 24 * 90)
# allauth's defaults, written out so a reader sees them: failed logins are
# limited per IP and per account, in the cache above.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "request_login_code": "20/m/ip,3/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "BRS Clearing-House Hub"
# Whoever may open the admin must have an authenticator before doing anything
# else (profiles.middleware.RequireMFAMiddleware, profiles.permissions).
SOCIALACCOUNT_PROVIDERS = {}

# Internationalisation: the six UN languages.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
# Each language named in itself, as the language switcher shows it.
LANGUAGE_NAMES_LOCAL = dict(LANGUAGES)
# Our catalogue comes first, so its words win over Django's, Wagtail's and
# allauth's (Wagtail's "Focal point" is an image's, not a convention's).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# A translation made with wagtail-localize is a draft that goes through the
# secretariat's review like any page, never live the moment it is created.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation by a provider the operator chooses (off by default).
from .machine_translation import *  # noqa: E402, F403

# Static files: ours, and what `npm run build` (make install) makes from the
# front-end packages of node_modules (Bootstrap from its Sass sources, htmx
# and our scripts in one file) in build/; whitenoise serves them with
# far-future caching.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("build", BASE_DIR / "build"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Backups (core.backups; `manage.py backup`, nightly by Celery beat): into this
# folder, or object storage by replacing STORAGES["backups"] (django-storages).
# Copy them off the machine too.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
STORAGES["backups"] = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": BACKUP_DIR}}
# How many nightly backups are kept; older ones are removed after each new one.
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
# How long the audit trail (core.audit: sign-ins, roles, sanctions, exports,
# deletions, API keys) is kept, in days; older events are removed nightly.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=365)

# Uploads
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Larger uploads stream to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
AVATAR_MAX_BYTES = env.int("AVATAR_MAX_BYTES", default=2 * 1024 * 1024)
AVATAR_SIZE = 256
KNOWLEDGE_ATTACHMENT_MAX_BYTES = env.int("KNOWLEDGE_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
KNOWLEDGE_ATTACHMENTS_PER_ITEM = 5
KNOWLEDGE_PAGE_SIZE = 12

# Wagtail
WAGTAIL_SITE_NAME = SITE_NAME
# One public address for every email, feed, sitemap and admin link: SITE_URL
# (e.g. https://hub.example.org), or SITE_DOMAIN over http for a first run.
SITE_URL = env("SITE_URL", default=f"http://{SITE_DOMAIN}").rstrip("/")
SITE_DOMAIN = urlsplit(SITE_URL).netloc
WAGTAILADMIN_BASE_URL = SITE_URL
# The admin login goes through allauth, so its rate limits and MFA apply.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Official documents' files are never replaced in Wagtail's Documents admin (packages.forms).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "packages.forms.DocumentForm"
# No avatars from gravatar.com in the admin: a request to a third party that
# fails offline and tells it the editors' email hashes.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "jpg", "jpeg", "png", "webp"]
# Every document downloads as an attachment (no inline PDF or text in the site's origin).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Embeds only from the video hosts the video block allows; no generic oEmbed discovery.
WAGTAILEMBEDS_FINDERS = [
    {"class": "wagtail.embeds.finders.oembed", "providers": [oembed_providers.youtube, oembed_providers.vimeo]},
]
# Search. By default the database does full text: PostgreSQL's tsvector (SQLite FTS5
# on the embedded default), see search/backends.py. For corpora beyond a few
# hundred thousand documents, point SEARCH_BACKEND at one of Wagtail's engines,
# e.g. wagtail.search.backends.opensearch3 or .elasticsearch8, with SEARCH_URLS;
# the hub's search then asks that engine for matches (and Wagtail's admin too).
# https://docs.wagtail.org/en/stable/topics/search/backends.html
SEARCH_BACKEND = env("SEARCH_BACKEND", default="") or "wagtail.search.backends.database"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": SEARCH_BACKEND}}
if SEARCH_BACKEND != "wagtail.search.backends.database":
    WAGTAILSEARCH_BACKENDS["default"].update(
        {"URLS": env.list("SEARCH_URLS"), "INDEX": env("SEARCH_INDEX", default="brs_hub"), "TIMEOUT": 5}
    )
# Seconds an anonymous page is kept in the shared cache (0: never). A change
# ends it at once (core.page_cache); the limit bounds what changes by itself
# (relative dates, "upcoming" meetings).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# A search counts and ranks at most this many results ("1,000+" beyond).
SEARCH_COUNTED_RESULTS = env.int("SEARCH_COUNTED_RESULTS", default=1000)
# Seconds a search's counts and page ids are cached (0: never); any change to the index ends them.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=300)
# "database": search/backends.py's own; "wagtail": whatever WAGTAILSEARCH_BACKENDS names.
SEARCH_ENGINE = "database" if SEARCH_BACKEND == "wagtail.search.backends.database" else "wagtail"

# Email: console by default; SMTP or any anymail ESP by environment.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="BRS Clearing-House Hub <hub@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# e.g. ANYMAIL_SENDGRID_API_KEY or ANYMAIL_MAILGUN_API_KEY with the matching EMAIL_BACKEND.
ANYMAIL = {key.removeprefix("ANYMAIL_"): value for key, value in env.ENVIRON.items() if key.startswith("ANYMAIL_")}
# Replies to emails about a question come back to reply+<token>@REPLY_EMAIL_DOMAIN and
# become answers (anymail's inbound webhook, or `manage.py receive_email` for plain SMTP).
REPLY_EMAIL_DOMAIN = env("REPLY_EMAIL_DOMAIN", default="reply.localhost")
# How long a reply address stays valid (seconds).
REPLY_TOKEN_MAX_AGE = env.int("REPLY_TOKEN_MAX_AGE", default=60 * 60 * 24 * 60)

# Logs go to stdout, one line each.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

FORM_RENDERER = "config.forms.SiteFormRenderer"
# One line per finished task is noise; failures are still logged.
LOGGING["loggers"]["celery.app.trace"] = {"level": "WARNING"}
# WeasyPrint logs each step of every PDF it makes (the indicators report).
LOGGING["loggers"]["weasyprint.progress"] = {"level": "WARNING"}

# Forums: trust and rate limits (per member per hour), modelled on mature forums.
FORUM_NEW_MEMBER_HELD_POSTS = env.int("FORUM_NEW_MEMBER_HELD_POSTS", default=2)
FORUM_TRUSTED_AFTER_POSTS = env.int("FORUM_TRUSTED_AFTER_POSTS", default=10)
FORUM_FLAGS_TO_HIDE = env.int("FORUM_FLAGS_TO_HIDE", default=3)
# A question without an answer after this many days enters the editors' "Unanswered" queue.
FORUM_UNANSWERED_AFTER_DAYS = env.int("FORUM_UNANSWERED_AFTER_DAYS", default=7)
FORUM_RATE_LIMITS = {
    "question": env.int("FORUM_QUESTIONS_PER_HOUR", default=5),
    "answer": env.int("FORUM_ANSWERS_PER_HOUR", default=20),
    "flag": env.int("FORUM_FLAGS_PER_HOUR", default=10),
}

# The open data API (/api/v1/, the api app): reads only, as an anonymous
# visitor sees the site (no session or login counts: a signed-in editor gets
# what everyone gets), JSON only, errors as RFC 9457 problem details.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,
    # Anonymous reads are limited per address (429 with Retry-After), counted in the shared cache.
    # A partner's key (api.keys) lifts the limit.
    "DEFAULT_THROTTLE_CLASSES": ["api.keys.AnonymousReadThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env("API_ANONYMOUS_RATE", default="120/minute")},
    # Proxies in front that set X-Forwarded-For: TRUSTED_PROXY_COUNT above.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
# The licence of the bulk downloads and the API's data (api.datasets), as a
# Frictionless licence object. The secretariat confirms it; CC BY 4.0 is
# what UN bodies commonly use for open data.
OPEN_DATA_LICENSE = env.json(
    "OPEN_DATA_LICENSE",
    default={
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
)
# Reads of the open data from any origin (a partner's page may call it from
# the browser); no cookies, nothing writes.
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "authorization", "if-modified-since", "if-none-match", "x-api-key"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
CORS_PREFLIGHT_MAX_AGE = 86400
SPECTACULAR_SETTINGS = {
    "TITLE": "BRS Clearing-House Hub open data API",
    "DESCRIPTION": (
        "What the clearing-house of the Basel, Rotterdam and Stockholm conventions publishes, as JSON: "
        "read only, exactly what an anonymous visitor of the site sees. Lists take filters and `page`; "
        "`updated_since` gives what changed since a moment, for harvesting by deltas."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["api.schema.only_the_open_data_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_errors",
    ],
    # The documentation's JavaScript and styles come from our static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
