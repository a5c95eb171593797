"""Settings for bench/bench_pages.py and `make load`: production's, on loopback over HTTP, plus a bare view.

bench/bench_pages.py sets the environment production needs (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL) and turns
the HTTPS redirect off, since gunicorn is reached directly on 127.0.0.1 without a TLS proxy.
"""

import importlib.util
import os

from config.settings.production import *  # noqa: F403
from config.settings.production import DATABASES

ROOT_URLCONF = "bench.pages_urls"
LOGGING_CONFIG = None
DATABASES["default"]["CONN_MAX_AGE"] = 60  # persistent connections, as a deployment would use
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if os.environ.get("BENCH_REDIS_URL") and importlib.util.find_spec("redis"):
    # A shared cache, as REDIS_URL gives in production (config/settings/base.py): the cache, cached_db sessions,
    # lookups kept until the next publish, the signed-in user's row; else each worker's own cache.
    # Keys prefixed with the database's name: two bench databases sharing one Redis must not share rows or routes.
    CACHES = {
        "default": {
            "BACKEND": "operations.cache.ReusedClientRedisCache",
            "LOCATION": os.environ["BENCH_REDIS_URL"],
            "KEY_PREFIX": "bench-" + str(DATABASES["default"]["NAME"]).rsplit("/", 1)[-1],
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    MELAYANI_PAGE_LOOKUP_SECONDS = None
    MELAYANI_USER_CACHE_SECONDS = 300
    MELAYANI_QUIZ_CONTENT_CACHE = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # no mail server on the bench machine
# gunicorn is reached over plain HTTP on loopback (no TLS proxy), so the cookies cannot be Secure-only here.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# No collectstatic for a benchmark: plain static storage (production's manifest lookup is one dict read a URL).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
