"""Settings shared by every environment; secrets and hosts come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable the way operators write it."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Melayani, in the one direction imports may run.
    "people",
    "courses",
    "quizzes",
    "records",
    "certificates",
    "reports",
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    # Module content translation (English copies kept in sync with the Indonesian source; see ARCHITECTURE.md).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "people.apps.MelayaniUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Libraries
    "django_tasks",
    "django_tasks_db",
    "sequences",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "people.middleware.ContentSecurityPolicyMiddleware",
    "people.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "people.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: SQLite is the embedded default; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'melayani.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A dead database answers /readyz within seconds instead of hanging a worker (issue 7, scale-out).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Wait for a writer instead of failing at once when the worker and the server write together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
# The lockout check runs first (config/settings/security.py), then the NIP-or-username password check.
AUTHENTICATION_BACKENDS = ["people.lockout.LockoutBackend", "people.backends.NipOrUsernameBackend"]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "reports:my_learning"
LOGOUT_REDIRECT_URL = "/"

# Argon2id first (people.hashers, OWASP's cost): a sign-in costs about 30 ms of CPU instead of PBKDF2's 400 ms at
# Django's million rounds, which kept app servers busy when many people sign in at once (BENCHMARKS.md, load).
# PBKDF2 stays in the list, so existing hashes still verify and are upgraded to Argon2id at the next sign-in.
PASSWORD_HASHERS = [
    "people.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Content in Indonesian (the default, at the site root) and English (under /en/); see courses.selectors.translations.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Certificates are personal data: kept outside MEDIA_ROOT and served only through a checked view.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", BASE_DIR / "var" / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background work: Django's Tasks API, database backend by default.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "Melayani"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Melayani
# The absolute address certificates' QR codes point at.
MELAYANI_BASE_URL = WAGTAILADMIN_BASE_URL
# JP a civil servant should earn each year (PermenPANRB: at least 20).
MELAYANI_JP_TARGET = int(os.environ.get("MELAYANI_JP_TARGET", "20"))
# Exports of at most this many rows stream in the request; larger ones run as a task with a progress bar.
MELAYANI_EXPORT_MAX_ROWS = int(os.environ.get("MELAYANI_EXPORT_MAX_ROWS", "20000"))
# Days a finished background export can be downloaded (by the person who asked for it only).
MELAYANI_EXPORT_LINK_DAYS = int(os.environ.get("MELAYANI_EXPORT_LINK_DAYS", "7"))

# The read API for HR systems (reports.api): token per Integration, paginated, throttled per integration.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"integration": os.environ.get("MELAYANI_API_RATE", "600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Melayani HR API",
    "DESCRIPTION": "Read-only records of the integration's units: people, completions, JP ledger, certificates.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["reports.api.schema.only_hr_api"],
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
# Certificates (issue 5): render time limit, PAdES signing key (PKCS#12; unset = PDFs are not signed),
# the largest PDF "verify a file" accepts, and how many days before expiry the reminder email goes out.
MELAYANI_CERTIFICATE_RENDER_SECONDS = float(os.environ.get("MELAYANI_CERTIFICATE_RENDER_SECONDS", "30"))
MELAYANI_SIGNING_PKCS12 = os.environ.get("MELAYANI_SIGNING_PKCS12", "")
MELAYANI_SIGNING_PASSPHRASE = os.environ.get("MELAYANI_SIGNING_PASSPHRASE", "")
MELAYANI_VERIFY_UPLOAD_MAX_BYTES = int(os.environ.get("MELAYANI_VERIFY_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))
MELAYANI_EXPIRY_REMINDER_DAYS = int(os.environ.get("MELAYANI_EXPIRY_REMINDER_DAYS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}


# ---------------------------------------------------------------------------------------------------------------
# Scale-out and operations (issue 7, i7a): every block below is chosen by environment variables, and with none
# of them set the embedded default stays: SQLite, the database task backend, files on the local file system.
# See site/deploy/DEPLOY.md.
# ---------------------------------------------------------------------------------------------------------------
INSTALLED_APPS += ["operations", "django_rq", "storages"]  # noqa: F405 (defined above)
# The request log wraps everything, so every request writes one line (WhiteNoise: production.py).
MIDDLEWARE.insert(0, "operations.middleware.RequestLogMiddleware")
# Load balancers probe over plain HTTP; the probes must not be redirected to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Redis: REDIS_URL (e.g. redis://10.0.0.5:6379/0) moves the cache, sessions and (unless TASKS_BACKEND says
# otherwise) the task queue to Redis, shared by every app server and worker.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "2"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "operations.cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "melayani"),
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
    }
    # Reads come from Redis, writes go to the database too, so a Redis restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Tasks: "database" (django-tasks-db, `manage.py db_worker`) or "rq" (django-tasks-rq on Redis,
# `manage.py rqworker default`); RQ is the default as soon as REDIS_URL is set.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "rq" if REDIS_URL else "database").strip().lower()
if TASKS_BACKEND not in {"database", "rq"}:
    raise ValueError("TASKS_BACKEND must be 'database' or 'rq'")
if TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ValueError("TASKS_BACKEND=rq needs REDIS_URL")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
RQ_QUEUES = {
    "default": {
        "URL": os.environ.get("RQ_REDIS_URL", REDIS_URL or "redis://127.0.0.1:6379/0"),
        "DEFAULT_TIMEOUT": int(os.environ.get("RQ_JOB_TIMEOUT", "900")),
    }
}
# A database-queue task still RUNNING after this many minutes most likely lost its worker (killed, machine gone):
# the task queue page and `requeue_stale_tasks` put it back in line. RQ notices dead workers by itself.
TASK_STALE_AFTER_MINUTES = int(os.environ.get("TASK_STALE_AFTER_MINUTES", "60"))

# Object storage (django-storages, S3 API: AWS S3, MinIO, Ceph, ...). Each bucket variable moves one storage:
# S3_MEDIA_BUCKET the public media (images, documents), S3_PRIVATE_BUCKET the private files (certificates,
# exports, external certificates), which are only ever handed out as signed URLs that expire after
# S3_SIGNED_URL_SECONDS, after the view has checked who is asking. Credentials: AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (or the instance's role). S3_PUBLIC_ENDPOINT_URL: the address browsers use when the app
# reaches the store at an internal one (compose: http://minio:9000 inside, a public name outside).
S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL") or None
_S3_COMMON = {
    "endpoint_url": S3_ENDPOINT_URL,
    "region_name": os.environ.get("S3_REGION", "us-east-1"),
    "signature_version": "s3v4",
    "addressing_style": os.environ.get("S3_ADDRESSING_STYLE", "path"),
    "file_overwrite": False,
}
if os.environ.get("S3_MEDIA_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3_COMMON,
            "bucket_name": os.environ["S3_MEDIA_BUCKET"],
            "querystring_auth": env_bool("S3_MEDIA_SIGNED", False),
            "custom_domain": os.environ.get("S3_MEDIA_DOMAIN") or None,
        },
    }
if os.environ.get("S3_PRIVATE_BUCKET"):
    STORAGES["private"] = {
        "BACKEND": "operations.storage.PrivateS3Storage",
        "OPTIONS": {
            **_S3_COMMON,
            "bucket_name": os.environ["S3_PRIVATE_BUCKET"],
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": int(os.environ.get("S3_SIGNED_URL_SECONDS", "300")),
            "public_endpoint_url": os.environ.get("S3_PUBLIC_ENDPOINT_URL") or None,
        },
    }

# Structured logs: LOG_FORMAT=json writes one JSON object a line (one per request, one per task) for the log
# shipper; "text" (the default outside production) is for people. LOG_REQUESTS=0 silences the request lines.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
LOG_REQUESTS = env_bool("LOG_REQUESTS", True)
LOGGING["formatters"] = {
    "json": {"()": "operations.logs.JsonFormatter"},
    "text": {"()": "operations.logs.TextFormatter", "format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
}
LOGGING["handlers"]["console"]["formatter"] = "json" if LOG_FORMAT == "json" else "text"
LOGGING["loggers"]["melayani.request"] = {"level": "INFO" if LOG_REQUESTS else "WARNING"}
LOGGING["loggers"]["melayani.task"] = {"level": "INFO"}

# Security (issue 7): lockout, CSP and headers, upload limits. Kept in their own module.
from .security import *  # noqa: E402, F403

# --- Page caching (issue 7: query budgets and anonymous pages; courses.page_cache) ---
# Sites, routes, view restrictions and module prerequisites are cached in the default cache under one "pages
# generation" that every publish, unpublish, move, page save or delete, site or view-restriction change bumps.
# Anonymous visitors get Wagtail pages from the cache as HTML (their own CSRF token put back on every hit).
# A process-local cache (LocMemCache, the default without a shared cache) cannot see another process's bump,
# so there every entry also expires after a minute; with a shared cache (Redis) lookups live until the next bump.
_DEFAULT_CACHE_BACKEND = globals().get("CACHES", {}).get("default", {}).get("BACKEND", "LocMemCache")
_PAGE_CACHE_SHARED = not _DEFAULT_CACHE_BACKEND.endswith("LocMemCache")
MELAYANI_PAGE_CACHE_SECONDS = int(os.environ.get("MELAYANI_PAGE_CACHE_SECONDS", "300" if _PAGE_CACHE_SHARED else "60"))
MELAYANI_PAGE_LOOKUP_SECONDS = None if _PAGE_CACHE_SHARED else 60
# Questions and their choices kept per process under a stamp in the shared cache (quizzes.selectors.content,
# issue 7): only with a shared cache, so an edit reaches every app server at once.
MELAYANI_QUIZ_CONTENT_CACHE = _PAGE_CACHE_SHARED
MIDDLEWARE = [*MIDDLEWARE, "courses.page_cache.AnonymousPageCacheMiddleware"]

# --- The signed-in person's row from the shared cache (people.user_cache, issue 7) ---
# Only with a shared cache: a change renews a stamp there that every app server reads, so a deactivation or a
# password change signs the person out at once everywhere. A process-local cache could not, so it stays off.
MELAYANI_USER_CACHE_SECONDS = int(os.environ.get("MELAYANI_USER_CACHE_SECONDS", "300")) if _PAGE_CACHE_SHARED else 0
