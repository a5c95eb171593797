"""A database-queue task whose worker died stays RUNNING; the queue page and a command put it back exactly once."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from certificates.models import Certificate
from people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/antrean-tugas/"


def requeue_url(task_id) -> str:
    return reverse("operations_task_requeue", args=[str(task_id)])


def running_since(task_result, minutes: int) -> DBTaskResult:
    """What a worker killed mid-task leaves behind: the row claimed, started, never finished."""
    DBTaskResult.objects.filter(pk=task_result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes),
        worker_ids=["killed-worker"],
    )
    return DBTaskResult.objects.get(pk=task_result.id)


@pytest.fixture
def abandoned_issue(settings):
    """A certificate task claimed two hours ago by a worker that is gone."""
    from certificates.tasks import certificate_issue_task

    settings.TASK_STALE_AFTER_MINUTES = 60
    completion = factories.completion()
    return completion, running_since(certificate_issue_task.enqueue(completion.pk), minutes=120)


def test_the_queue_page_lists_a_task_running_too_long_but_not_one_just_started(client, abandoned_issue):
    from certificates.tasks import certificate_issue_task

    fresh = running_since(certificate_issue_task.enqueue(987654321), minutes=5)
    client.force_login(factories.UserFactory(role=Role.ADMIN))

    body = client.get(QUEUE_URL).content.decode()

    assert requeue_url(abandoned_issue[1].pk) in body
    assert requeue_url(fresh.pk) not in body


def test_requeue_puts_the_task_back_and_the_worker_then_issues_the_certificate_once(client, abandoned_issue, run_tasks):
    completion, row = abandoned_issue
    client.force_login(factories.UserFactory(role=Role.ADMIN))

    response = client.post(requeue_url(row.pk))
    client.post(requeue_url(row.pk))  # a double click changes nothing

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    run_tasks()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert Certificate.objects.filter(completion=completion).count() == 1


def test_a_task_that_is_still_young_is_not_requeued(client, settings):
    from certificates.tasks import certificate_issue_task

    settings.TASK_STALE_AFTER_MINUTES = 60
    row = running_since(certificate_issue_task.enqueue(factories.completion().pk), minutes=10)
    client.force_login(factories.UserFactory(role=Role.ADMIN))

    client.post(requeue_url(row.pk))

    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


@pytest.mark.parametrize("role", [Role.TRAINER, Role.HR])
def test_staff_without_the_permission_cannot_requeue(client, abandoned_issue, role):
    client.force_login(factories.UserFactory(role=role, is_staff=True))

    response = client.post(requeue_url(abandoned_issue[1].pk))

    assert response.status_code in (302, 403)
    abandoned_issue[1].refresh_from_db()
    assert abandoned_issue[1].status == TaskResultStatus.RUNNING


def test_the_command_requeues_every_stale_task_and_leaves_young_ones(abandoned_issue):
    from certificates.tasks import certificate_issue_task

    young = running_since(certificate_issue_task.enqueue(factories.completion().pk), minutes=30)

    call_command("requeue_stale_tasks", "--older-than", "45")

    assert DBTaskResult.objects.get(pk=abandoned_issue[1].pk).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=young.pk).status == TaskResultStatus.RUNNING


def test_the_command_refuses_a_zero_cutoff_that_would_requeue_live_tasks(abandoned_issue):
    with pytest.raises(CommandError):
        call_command("requeue_stale_tasks", "--older-than", "0")
