"""Readiness checks: each dependency a request or a task needs, timed, with the reason it failed."""

import os
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection


def database_check() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def cache_check() -> str:
    key = "readyz:" + uuid.uuid4().hex
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was just written")
    cache.delete(key)
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def queue_check() -> str:
    """The task queue the app enqueues to: the task table, or the Redis that RQ workers read."""
    if settings.TASKS_BACKEND == "rq":
        import django_rq

        django_rq.get_connection("default").ping()
        return "rq"
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.exists()
    return "database"


def storage_check() -> str:
    kinds = []
    for alias in ("default", "private"):
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            location = storage.location
            location = str(storage.location)
            while not os.path.exists(location):  # created on first save: its nearest parent must be writable
                location = os.path.dirname(location)
            if not os.path.isdir(location):
                raise NotADirectoryError(alias)
            if not os.access(location, os.W_OK):
                raise PermissionError(alias)
            kinds.append(f"{alias}=filesystem")
        else:
            storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
            kinds.append(f"{alias}=s3")
    return ",".join(kinds)


CHECKS: dict[str, Callable[[], str]] = {
    "database": database_check,
    "cache": cache_check,
    "queue": queue_check,
    "storage": storage_check,
}


def readiness() -> tuple[bool, dict[str, dict]]:
    """Run every check; a failure is reported by its exception class only (messages may name hosts)."""
    results = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            detail = check()
        except Exception as error:  # noqa: BLE001 — any failure makes the instance not ready
            results[name] = {"ok": False, "error": type(error).__name__}
        else:
            results[name] = {"ok": True, "backend": detail}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return all(result["ok"] for result in results.values()), results
