"""Settings, read from the environment.

Nothing set gives the embedded default: a SQLite file, Celery tasks run in-process and a
local-memory cache, so a newcomer needs nothing but Python. `DATABASE_URL` switches to
PostgreSQL (psycopg 3) and `REDIS_URL` to a Redis broker, result backend and cache: the
production path. Bad values fail loudly at start-up instead of misbehaving later.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


def _bool(name: str, default: bool) -> bool:
    """A boolean variable; anything but a clear yes/no is an error, not a silent False."""
    raw = env.str(name, default=str(default)).strip().lower()
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def _int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = env.str(name, default=str(default))
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


DEBUG = _bool("DEBUG", default=True)
_DEV_KEY = "django-insecure-gongjiang-local-development-only"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_KEY)
if not DEBUG and SECRET_KEY == _DEV_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
# Django's own deploy check asks for 50 characters and 5 distinct ones; refuse less at start.
if not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "SECRET_KEY must be at least 50 characters with at least 5 different ones when DEBUG "
        "is off (python -c 'import secrets; print(secrets.token_urlsafe(50))' makes one)"
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the API docs' assets, served from here (no CDN)
    "django_htmx",
    "core",
    "unions",
    "workers",
    "contests",
    "judging",
    "results",
    "training",
    "innovation",
    "showcase",
    "public",
    "console",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy (CONTENT_SECURITY_POLICY below)
    "core.headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.i18n.PageOrCallerLocaleMiddleware",  # pages: URL prefix; API: Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.throttling.LockoutMiddleware",  # a locked-out login: 429 page (core/throttling.py)
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
# URL names, not paths: reversed in the request's language, so logging out of /en/ lands on
# the English home page.
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "config.i18n.language_links",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "console.nav.menu",
            ],
        },
    },
]

# --- Database: SQLite by default, PostgreSQL when DATABASE_URL is set -----------------------
DATABASE_URL = env.str("DATABASE_URL", default="")
if DATABASE_URL:
    if not DATABASE_URL.startswith(("postgres://", "postgresql://", "sqlite://")):
        raise ImproperlyConfigured("DATABASE_URL must be a postgres:// or sqlite:// URL")
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["CONN_MAX_AGE"] = _int("CONN_MAX_AGE", 60)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env.str("SQLITE_PATH", default=str(BASE_DIR / "db.sqlite3")),
            # Writers wait for each other instead of failing with "database is locked".
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker, result backend and cache when REDIS_URL is set --------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured("REDIS_URL must be a redis:// URL")

if REDIS_URL:
    # Fails open (core.cache): with Redis down, pages come from the database, nothing fails.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="gj"),
            "TIMEOUT": 3600,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# No broker means tasks run in-process: the embedded default.
CELERY_TASK_ALWAYS_EAGER = _bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged only when it has finished, so a worker killed mid-run leaves it
# queued and another worker redoes it; tasks are idempotent for exactly this reason.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": _int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TRACK_STARTED = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="gongjiang")
# `celery beat`'s schedule (one dict: the sections below add their entries to it).
# Task sends a broker outage left waiting (core.outbox) go out within 30 s of its end.
CELERY_BEAT_SCHEDULE = {"flush-outbox": {"task": "core.flush_outbox", "schedule": 30.0}}
# Online tests whose window closed and whose grading task was missed are graded within
# 5 minutes (training.tasks; the task sent for `closes_at` grades the rest on time).
CELERY_BEAT_SCHEDULE["grade-closed-online-tests"] = {
    "task": "training.grade_closed_online_tests",
    "schedule": 300.0,
}
# The showcase's hot order follows the likes (showcase.services.hot).
# Uploaded files whose row was never written (a transaction rolled back after the file was
# stored) are removed after a day (core.media).
CELERY_BEAT_SCHEDULE["sweep-media"] = {"task": "core.sweep_media", "schedule": 86400.0}
CELERY_BEAT_SCHEDULE["refresh-hot-scores"] = {
    "task": "showcase.refresh_hot_scores",
    "schedule": 30.0,
}


# --- Rate limits and lockouts (core/throttling.py; README "Rate limits and lockouts") --------
def _rate(name: str, default: str) -> str:
    """A DRF rate, "N/unit" with unit second, minute, hour or day (s, min, h, d...)."""
    raw = env.str(name, default=default).strip()
    number, _sep, unit = raw.partition("/")
    if not (number.isdigit() and int(number) > 0 and unit[:1] in {"s", "m", "h", "d"}):
        raise ImproperlyConfigured(f"{name} must be a rate such as 300/min or 20/hour, got {raw!r}")
    return raw


GJ_RATE_LIMITS = {
    "enabled": _bool("GJ_RATE_LIMITS", default=True),
    "login_failures": _int("GJ_LOGIN_FAILURES", 10, minimum=1),
    "login_address_failures": _int("GJ_LOGIN_ADDRESS_FAILURES", 50, minimum=1),
    "login_cooloff_minutes": _int("GJ_LOGIN_COOLOFF_MINUTES", 15, minimum=1),
    "anon": _rate("GJ_THROTTLE_ANON", "300/min"),
    "signup": _rate("GJ_THROTTLE_SIGNUP", "30/hour"),
    "showcase_comment": _rate("GJ_THROTTLE_SHOWCASE_COMMENT", "5/min"),
    "showcase_report": _rate("GJ_THROTTLE_SHOWCASE_REPORT", "10/min"),
}
GJ_SHOWCASE_LIKES_PER_MINUTE = _int("GJ_SHOWCASE_LIKES_PER_MINUTE", 60, minimum=1)
# PostgreSQL: likes and answer saves commit without waiting for the disk (core.prepared).
GJ_ASYNC_COMMIT_LIKES = _bool("GJ_ASYNC_COMMIT_LIKES", default=True)
GJ_ASYNC_COMMIT_ANSWERS = _bool("GJ_ASYNC_COMMIT_ANSWERS", default=True)
AUTHENTICATION_BACKENDS = ["core.throttling.LockoutBackend"]
GJ_TOKEN_DAYS = _int("GJ_TOKEN_DAYS", 30, minimum=1)  # API tokens last this long

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's, worded with the msgid its Chinese catalogue translates (see core/passwords.py).
    {"NAME": "core.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language: Chinese by default, English available ---------------------------------------
# Msgids are English; Chinese lives in each app's locale/zh_Hans/LC_MESSAGES/django.po, and
# the templates' and settings' strings in the project catalogue below (see `make messages`).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = BASE_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.tokens.ExpiringTokenAuthentication",  # per client, expiring (core/tokens.py)
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.permissions.DeclaredPermission"],
    # JSON bounded in size and nesting depth (a deep array was a RecursionError, a 500).
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["core.throttling.AnonThrottle"],
    # Proxies in front that append to X-Forwarded-For (nginx: 1); 0 trusts only the peer.
    "NUM_PROXIES": _int("GJ_NUM_PROXIES", 0),
    "DEFAULT_PAGINATION_CLASS": "core.pagination.DefaultPagination",
    "PAGE_SIZE": 50,
    # Documents the 400/401/403/404/429 answers and marks public operations (core.api.schema).
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Gongjiang API",
    "DESCRIPTION": "Workers' labour and skill contests run by trade unions.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a "kind": name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {"QuestionKindEnum": "training.models.QuestionKind"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.close_components",
    ],
}

# --- Content-Security-Policy and Permissions-Policy, on every response ----------------------
# Everything the pages load is the site's own (static files, htmx from django-htmx, the API
# docs' Swagger UI from drf-spectacular-sidecar); no inline script or style attribute runs
# (console behaviours live in static/js/console.js), so a script injected into a page cannot.
# data: images are Swagger UI's icons; no page may be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# --- Production hardening: `manage.py check --deploy` is clean when DEBUG is off -------------
if not DEBUG:
    SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = _int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- Certificates and file storage ------------------------------------------------------------
# Files that tasks write (certificate books, exports) go through Django's storage API, so a
# web process on another host reads what a worker wrote. GJ_STORAGE=filesystem (default:
# MEDIA_ROOT) or s3 (django-storages, any S3-compatible object store, configured by the
# AWS_* variables below); GJ_STORAGE_BACKEND names any other Storage class (tests use it).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
GJ_STORAGE = env.str("GJ_STORAGE", default="filesystem").strip().lower()
if GJ_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured("GJ_STORAGE must be filesystem or s3")
if env.str("GJ_STORAGE_BACKEND", default=""):
    _default_storage = {"BACKEND": env.str("GJ_STORAGE_BACKEND")}
elif GJ_STORAGE == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": True,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The site's public address: the QR code on a certificate points at SITE_URL/verify/<no>/.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")
# Certificate verification lookups per address and minute (page and API together).
CERTIFICATE_LOOKUPS_PER_MINUTE = _int("CERTIFICATE_LOOKUPS_PER_MINUTE", 30, minimum=1)
# Certificates are issued once results are final (the notice period over): `celery beat`
# checks hourly.
CELERY_BEAT_SCHEDULE["issue-final-certificates"] = {
    "task": "public.issue_final_certificates",
    "schedule": _int("CERTIFICATE_ISSUE_INTERVAL", 3600, minimum=60),
}
