"""The task queue page in the Wagtail admin: who may see it, what it lists, and retrying a failed task."""

import pytest
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from certificates.models import Certificate
from people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/antrean-tugas/"


def retry_url(task_id) -> str:
    return reverse("operations_task_retry", args=["database", str(task_id)])


@pytest.fixture
def failed_issue(monkeypatch, run_tasks):
    """A certificate task that failed once (storage full), for a completion that is really there."""
    from certificates.tasks import certificate_issue_task

    completion = factories.completion()

    def storage_full(**kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("certificates.tasks.certificate_issue_if_automatic", storage_full)
        result = certificate_issue_task.enqueue(completion.pk)
        run_tasks()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    return completion, row


def test_an_administrator_sees_pending_and_failed_tasks(client, failed_issue):
    from certificates.tasks import certificate_issue_task

    waiting = certificate_issue_task.enqueue(123456789)
    client.force_login(factories.UserFactory(role=Role.ADMIN))

    response = client.get(QUEUE_URL)

    assert response.status_code == 200
    body = response.content.decode()
    assert str(waiting.id) in body
    assert str(failed_issue[1].pk) in body
    assert "builtins.OSError" in body
    assert retry_url(failed_issue[1].pk) in body


def test_retry_puts_the_failed_task_back_and_the_worker_then_issues_the_certificate(client, failed_issue, run_tasks):
    completion, row = failed_issue
    client.force_login(factories.UserFactory(role=Role.ADMIN))

    response = client.post(retry_url(row.pk))

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    run_tasks()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert Certificate.objects.filter(completion=completion).count() == 1


def test_retrying_twice_queues_the_task_once(client, failed_issue):
    client.force_login(factories.UserFactory(role=Role.ADMIN))
    row = failed_issue[1]

    client.post(retry_url(row.pk))
    client.post(retry_url(row.pk))

    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


def assert_refused(response) -> None:
    """Wagtail turns a refusal inside the admin into a redirect to the dashboard with a message."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("role", [Role.TRAINER, Role.HR])
def test_staff_without_the_permission_cannot_see_the_queue_or_retry(client, failed_issue, role):
    user = factories.UserFactory(role=role, is_staff=True)
    client.force_login(user)

    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # they do use the admin
    assert_refused(client.get(QUEUE_URL))
    assert_refused(client.post(retry_url(failed_issue[1].pk)))
    failed_issue[1].refresh_from_db()
    assert failed_issue[1].status == TaskResultStatus.FAILED
    assert QUEUE_URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_learner_is_sent_to_the_sign_in_page(client, learner):
    client.force_login(learner)

    response = client.get(QUEUE_URL)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_retry_needs_a_post(client):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))

    assert client.get(retry_url("00000000-0000-0000-0000-000000000000")).status_code == 405
