"""Test runs: fast hashing, isolated file storage, the same task backend as production."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-key"  # noqa: S105
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
# Anonymous HTML caching is off in tests (many assert on response.context); tests/courses/test_page_cache.py
# turns it on. The lookup caches stay on, the query budgets count with them; the cache is cleared per test.
MELAYANI_PAGE_CACHE_SECONDS = 0
