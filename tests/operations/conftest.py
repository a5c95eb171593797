import os
import socket
import uuid

import pytest

# Issue 7 (i7a) uses Redis logical databases 1-3 and TCP ports 8700-8799 on this shared machine.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


def free_port(start: int = 8701, stop: int = 8760) -> int:
    for port in range(start, stop):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8701-8759")


@pytest.fixture
def redis_db():
    """The Redis database of these tests, empty before and after; skipped where no Redis runs."""
    import redis

    connection = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {TEST_REDIS_URL}")
    assert connection.connection_pool.connection_kwargs.get("db", 0) != 0, "never flush Redis database 0"
    connection.flushdb()
    yield connection
    connection.flushdb()


@pytest.fixture
def redis_cache(settings, redis_db):
    """Cache and sessions on Redis, as REDIS_URL sets them in production."""
    settings.CACHES = {
        "default": {
            "BACKEND": "operations.cache.ReusedClientRedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": "test-" + uuid.uuid4().hex[:8],
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return redis_db


@pytest.fixture
def rq_backend(settings, redis_db):
    """Tasks on the RQ queue (django-tasks-rq), as TASKS_BACKEND=rq sets them in production."""
    settings.TASKS_BACKEND = "rq"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    return redis_db


@pytest.fixture
def rq_burst():
    """A real RQ worker in burst mode: it takes every job from the queue, runs it, and returns when empty.

    SimpleWorker runs jobs in this process (no fork) so they see the test's database transaction, as the
    separate `rqworker` processes of site/deploy/smoke.sh see the committed database.
    """
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    def _run() -> None:
        queue = django_rq.get_queue("default", job_class=Job)
        worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
        worker.work(burst=True, with_scheduler=False)

    return _run
