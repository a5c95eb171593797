"""Test runs: fast hashing, isolated file storage, the same task backend as production."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES, os

SECRET_KEY = "test-only-key"  # noqa: S105  # nosec B105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_TMP = Path(tempfile.mkdtemp(prefix="melayani-test-"))
MEDIA_ROOT = _TMP / "media"
PRIVATE_ROOT = _TMP / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT, "base_url": None},
    },
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "https://melayani.test"
MELAYANI_BASE_URL = WAGTAILADMIN_BASE_URL

# Scale-out (issue 7): the suite never follows REDIS_URL or TASKS_BACKEND from the shell; the tests of the Redis,
# RQ and S3 paths switch them on themselves (tests/operations/).
TASKS_BACKEND = "database"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The RQ tests use their own Redis database, emptied before and after each (tests/operations/conftest.py).
RQ_QUEUES = {"default": {"URL": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1"), "DEFAULT_TIMEOUT": 120}}

# Anonymous HTML caching is off in tests (many assert on response.context); tests/courses/test_page_cache.py
# turns it on. The lookup caches stay on, the query budgets count with them; the cache is cleared per test.
MELAYANI_PAGE_CACHE_SECONDS = 0
# The user row comes from the database (tests/people/test_user_cache.py turns the shared-cache path on).
MELAYANI_USER_CACHE_SECONDS = 0
# One process: the questions kept per process (quizzes.selectors.content) are on, as in production with Redis.
MELAYANI_QUIZ_CONTENT_CACHE = True
