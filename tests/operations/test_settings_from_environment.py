"""The scale-out settings follow the environment, and with none of it set the embedded default stays."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PROBE = """
import json, django
from django.conf import settings
django.setup()
from django.core.files.storage import storages
print(json.dumps({
    "db": settings.DATABASES["default"]["ENGINE"],
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "health_checks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "session": settings.SESSION_ENGINE,
    "tasks": settings.TASKS["default"]["BACKEND"],
    "default_storage": settings.STORAGES["default"]["BACKEND"],
    "private_storage": type(storages["private"]).__name__,
    "private_expire": getattr(storages["private"], "querystring_expire", None),
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "whitenoise": "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE,
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
}))
"""
SCALE_OUT = ("DATABASE_URL", "REDIS_URL", "TASKS_BACKEND", "S3_MEDIA_BUCKET", "S3_PRIVATE_BUCKET", "LOG_FORMAT")


def settings_with(module: str, **environment) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in SCALE_OUT}
    env.update(DJANGO_SETTINGS_MODULE=module, SECRET_KEY="x" * 60, **environment)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, cwd=settings.BASE_DIR
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_environment_the_embedded_default_stays():
    found = settings_with("config.settings.dev")

    assert found["db"] == "django.db.backends.sqlite3"
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["session"] == "django.contrib.sessions.backends.db"
    assert found["tasks"] == "django_tasks_db.DatabaseBackend"
    assert found["default_storage"] == "django.core.files.storage.FileSystemStorage"
    assert found["private_storage"] == "FileSystemStorage"
    assert found["log_formatter"] == "text"


def test_the_scale_out_environment_selects_postgres_redis_rq_and_s3():
    found = settings_with(
        "config.settings.dev",
        DATABASE_URL="postgres://melayani@db.internal:5432/melayani",
        CONN_MAX_AGE="60",
        REDIS_URL="redis://redis.internal:6379/0",
        S3_MEDIA_BUCKET="melayani-media",
        S3_PRIVATE_BUCKET="melayani-private",
        S3_ENDPOINT_URL="http://minio.internal:9000",
        S3_SIGNED_URL_SECONDS="90",
        LOG_FORMAT="json",
    )

    assert found["db"] == "django.db.backends.postgresql"
    assert found["conn_max_age"] == 60
    assert found["health_checks"] is True
    assert found["cache"] == "operations.cache.ReusedClientRedisCache"
    assert found["session"] == "django.contrib.sessions.backends.cached_db"
    assert found["tasks"] == "django_tasks_rq.RQBackend"
    assert found["default_storage"] == "storages.backends.s3.S3Storage"
    assert found["private_storage"] == "PrivateS3Storage"
    assert found["private_expire"] == 90
    assert found["log_formatter"] == "json"


def test_tasks_can_stay_in_the_database_while_redis_caches():
    found = settings_with("config.settings.dev", REDIS_URL="redis://redis.internal:6379/0", TASKS_BACKEND="database")

    assert found["cache"] == "operations.cache.ReusedClientRedisCache"
    assert found["tasks"] == "django_tasks_db.DatabaseBackend"


def test_production_serves_hashed_compressed_static_files_and_logs_json():
    found = settings_with("config.settings.production", ALLOWED_HOSTS="melayani.example.go.id")

    assert found["static"] == "operations.storage.StaticFilesStorage"  # WhiteNoise's compressed manifest storage
    assert found["whitenoise"] is True
    assert found["log_formatter"] == "json"


@pytest.mark.parametrize("environment", [{"TASKS_BACKEND": "rq"}, {"TASKS_BACKEND": "celery"}])
def test_an_impossible_task_backend_stops_the_start(environment):
    env = {key: value for key, value in os.environ.items() if key not in SCALE_OUT}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", **environment)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, cwd=settings.BASE_DIR
    )

    assert done.returncode != 0
    assert "TASKS_BACKEND" in done.stderr
