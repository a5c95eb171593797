"""Liveness and readiness probes: what a load balancer sees when a dependency is up or down."""

import pytest
from django.db.utils import OperationalError

from operations import health

from .conftest import free_port

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_reports_each_dependency_and_is_200_when_all_answer(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "queue", "storage"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["queue"]["backend"] == "database"
    assert body["checks"]["storage"]["backend"] == "default=filesystem,private=filesystem"


def test_readyz_is_503_when_the_database_fails(client, monkeypatch):
    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "ms": pytest.approx(0, abs=50),
    }
    assert response.json()["checks"]["cache"]["ok"] is True


def test_readyz_is_503_when_the_redis_cache_is_down(client, settings):
    dead = free_port(8760, 8799)  # nothing listens there
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{dead}/1",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False
    assert response.json()["checks"]["database"]["ok"] is True


def test_readyz_is_503_when_the_rq_queue_is_unreachable(client, settings, monkeypatch):
    import django_rq

    dead = free_port(8760, 8799)
    settings.TASKS_BACKEND = "rq"
    monkeypatch.setitem(django_rq.settings.QUEUES, "default", {"URL": f"redis://127.0.0.1:{dead}/1"})

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["queue"] == {
        "ok": False,
        "error": "ConnectionError",
        "ms": pytest.approx(0, abs=5000),
    }


def test_readyz_reports_the_rq_queue_when_redis_answers(client, settings, rq_backend):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["queue"]["backend"] == "rq"


def test_readyz_is_503_when_the_private_files_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "disk"
    blocker.write_text("a file where the private directory's parent should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": blocker / "p"}},
    }

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["error"] == "NotADirectoryError"


def test_probes_are_not_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301
