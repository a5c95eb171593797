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
    "django.contrib.sessions.middleware.SessionMiddleware",
    "people.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Wait for a writer instead of failing at once when the worker and the server write together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = ["people.backends.NipOrUsernameBackend"]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "reports:my_learning"
LOGOUT_REDIRECT_URL = "/"

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
WAGTAIL_I18N_ENABLED = False
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
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "txt", "mp4", "webm"]
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
MIDDLEWARE = [*MIDDLEWARE, "courses.page_cache.AnonymousPageCacheMiddleware"]
