"""The task queue as operators see it: what waits, what failed, and putting a failed task back in line."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

LISTED = 50


@dataclass(frozen=True)
class QueuedTask:
    backend: str
    id: str
    task: str
    queue: str
    status: str
    enqueued_at: datetime | None
    finished_at: datetime | None
    error: str
    started_at: datetime | None = None


@dataclass(frozen=True)
class QueueOverview:
    backend: str
    counts: dict[str, int]
    pending: list[QueuedTask]
    failed: list[QueuedTask]
    stale: list[QueuedTask] = field(default_factory=list)


def database_queue() -> QueueOverview:
    from django.db.models import Count
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    counts = {status: 0 for status in TaskResultStatus.values}
    counts.update(dict(DBTaskResult.objects.order_by().values_list("status").annotate(n=Count("id"))))

    def row(result) -> QueuedTask:
        return QueuedTask(
            "database",
            str(result.id),
            result.task_path,
            result.queue_name,
            result.status,
            result.enqueued_at,
            result.finished_at,
            result.exception_class_path,
            result.started_at,
        )

    fields = [
        "id",
        "task_path",
        "queue_name",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "exception_class_path",
    ]
    pending = DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
    failed = DBTaskResult.objects.failed().order_by("-finished_at")
    stale = _stale_running().order_by("started_at")
    return QueueOverview(
        "database",
        counts,
        [row(result) for result in pending.only(*fields)[:LISTED]],
        [row(result) for result in failed.only(*fields)[:LISTED]],
        [row(result) for result in stale.only(*fields)[:LISTED]],
    )


def stale_cutoff() -> datetime:
    return timezone.now() - timedelta(minutes=settings.TASK_STALE_AFTER_MINUTES)


def _stale_running(cutoff: datetime | None = None):
    """RUNNING rows older than the cutoff: django-tasks-db never looks at a task again once its worker died."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff or stale_cutoff())


def rq_queue() -> QueueOverview:
    import django_rq
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    queue = django_rq.get_queue("default")
    failed_registry = FailedJobRegistry(queue=queue)
    started_registry = StartedJobRegistry(queue=queue)

    def row(job, status: str) -> QueuedTask:
        result = job.latest_result() if status == "FAILED" else None  # RQ 2 keeps the traceback on the result
        error = ((result.exc_string if result else "") or "").strip().splitlines()[-1:]
        return QueuedTask(
            "rq",
            job.id,
            job.func_name or "",
            queue.name,
            status,
            job.enqueued_at,
            job.ended_at,
            error[0] if error else "",
        )

    pending_jobs = queue.get_jobs(0, LISTED)
    failed_jobs = [job for job in (queue.fetch_job(job_id) for job_id in failed_registry.get_job_ids(0, LISTED)) if job]
    counts = {"READY": queue.count, "RUNNING": started_registry.count, "FAILED": failed_registry.count}
    return QueueOverview(
        "rq", counts, [row(job, "READY") for job in pending_jobs], [row(job, "FAILED") for job in failed_jobs]
    )


def queue_overview() -> QueueOverview:
    return rq_queue() if settings.TASKS_BACKEND == "rq" else database_queue()


def failed_task_retry(*, backend: str, task_id: str) -> bool:
    """Put one failed task back in the queue, exactly once: True if it was failed and now waits again."""
    if backend == "rq":
        import django_rq
        from rq.exceptions import InvalidJobOperation, NoSuchJobError
        from rq.registry import FailedJobRegistry

        registry = FailedJobRegistry(queue=django_rq.get_queue("default"))
        try:
            registry.requeue(task_id)
        except (InvalidJobOperation, NoSuchJobError):
            return False
        return True
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    try:
        uuid.UUID(task_id)  # the database backend's ids are UUIDs; anything else in the address is no task
    except ValueError:
        return False
    with transaction.atomic():
        updated = DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY, started_at=None, finished_at=None, exception_class_path="", traceback=""
        )
    return updated == 1


def stale_task_requeue(*, task_id: str | None = None, cutoff: datetime | None = None) -> int:
    """Put database-queue tasks stuck in RUNNING back in line; our tasks are idempotent, so a rerun is safe.

    One task (task_id) or every stale one; returns how many were requeued. A task that finished or was requeued
    meanwhile is left alone (the update is conditional on the status and start time).
    """
    from django_tasks.base import TaskResultStatus

    stuck = _stale_running(cutoff)
    if task_id is not None:
        stuck = stuck.filter(pk=task_id)
    with transaction.atomic():
        return stuck.update(status=TaskResultStatus.READY, started_at=None, finished_at=None)
