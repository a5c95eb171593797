"""Production: everything secret or host-specific must come from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool, os

DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN.

# --- Scale-out and operations (issue 7, i7a) -------------------------------------------------------------------
from .base import LOGGING, MIDDLEWARE, STORAGES  # noqa: E402

# WhiteNoise serves /static/ from the app processes (behind nginx only as the fallback), right after the
# security middleware so static responses get its headers too.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "whitenoise.middleware.WhiteNoiseMiddleware"
)

# Hashed, pre-compressed static files (WhiteNoise's manifest storage): WhiteNoise or nginx serves them with a
# year's cache.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "operations.storage.StaticFilesStorage"}}
# One JSON object a line unless the operator asks for text.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json").strip().lower()
LOGGING["handlers"]["console"]["formatter"] = "json" if LOG_FORMAT == "json" else "text"
