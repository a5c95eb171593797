"""Settings for bench/bench_quiz.py only: the development settings without debug, plus a bench URLconf."""

from config.settings.dev import *  # noqa: F403
from config.settings.dev import DATABASES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.quiz_urls"
LOGGING_CONFIG = None
DATABASES["default"]["CONN_MAX_AGE"] = 60  # persistent connections, as a production deployment would use
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock at BEGIN, so concurrent answer transactions queue instead of failing to upgrade.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
