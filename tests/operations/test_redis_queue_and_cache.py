"""Tasks on a real RQ queue in Redis, run by a real RQ worker; cache and sessions in Redis."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_tasks.base import TaskResultStatus

from certificates.models import Certificate
from people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_task_waits_in_redis_until_an_rq_worker_runs_it(rq_backend, rq_burst):
    import django_rq

    from certificates.tasks import certificate_issue_task

    completion = factories.completion()

    result = certificate_issue_task.enqueue(completion.pk)

    assert result.backend == "default"
    assert result.id in django_rq.get_queue("default").get_job_ids()
    assert rq_backend.exists(f"rq:job:{result.id}")  # the job is in Redis, not in the database
    assert not Certificate.objects.filter(completion=completion).exists()

    rq_burst()

    certificate = Certificate.objects.get(completion=completion)
    assert certificate.pdf
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == certificate.number
    assert django_rq.get_queue("default").count == 0


def test_a_failed_rq_task_is_listed_in_the_admin_and_retried_from_there(client, rq_backend, rq_burst):
    import django_rq
    from rq.registry import FailedJobRegistry

    from certificates.tasks import certificate_issue_task

    result = certificate_issue_task.enqueue(987654321)  # no such completion
    rq_burst()
    registry = FailedJobRegistry(queue=django_rq.get_queue("default"))
    assert registry.get_job_ids() == [result.id]
    client.force_login(factories.UserFactory(role=Role.ADMIN))

    page = client.get("/admin/antrean-tugas/")

    assert page.status_code == 200
    assert result.id in page.content.decode()
    assert "DoesNotExist" in page.content.decode()

    client.post(reverse("operations_task_retry", args=["rq", result.id]))

    assert registry.get_job_ids() == []
    assert django_rq.get_queue("default").get_job_ids() == [result.id]


def test_the_cache_is_shared_through_redis(redis_cache):
    cache.set("melayani-probe", {"jp": 20}, 30)

    assert cache.get("melayani-probe") == {"jp": 20}
    assert any(key.endswith(b"melayani-probe") for key in redis_cache.keys("*"))


def test_a_signed_in_session_lives_in_redis_and_in_the_database(client, redis_cache, learner):
    from django.contrib.sessions.models import Session

    response = client.post(reverse("people:login"), {"username": learner.nip, "password": factories.PASSWORD})

    assert response.status_code == 302
    session_key = client.cookies["sessionid"].value
    assert any(session_key.encode() in key for key in redis_cache.keys("*"))
    assert Session.objects.filter(session_key=session_key).exists()
    assert client.get(reverse("reports:my_learning")).status_code == 200


def test_the_redis_cache_reuses_one_client_and_still_reads_and_writes(redis_cache):
    """operations.cache builds the redis client once per server, not once per command as Django's backend does."""
    from django.core.cache import caches

    cache = caches["default"]
    cache.set("melayani-reuse", {"a": 1}, 30)
    assert cache.get("melayani-reuse") == {"a": 1}
    assert cache.get_many(["melayani-reuse", "missing"]) == {"melayani-reuse": {"a": 1}}
    assert cache.add("melayani-count", 1) and cache.incr("melayani-count") == 2
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    cache.delete("melayani-reuse")
    assert cache.get("melayani-reuse") is None
