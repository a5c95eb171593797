"""Background work through Django's Tasks API (django-tasks, database backend by default)."""

from django_tasks import task

from records.models import Completion

from .services import certificate_issue_if_automatic


@task()
def certificate_issue_task(completion_id: int) -> str:
    completion = Completion.objects.get(pk=completion_id)
    certificate = certificate_issue_if_automatic(completion=completion)
    return certificate.number if certificate else ""


@task()
def certificate_expiry_reminders_task() -> int:
    from .emails import expiry_reminders_send

    return expiry_reminders_send()


@task()
def bulk_run_task(run_id: int) -> str:
    from .bulk import bulk_run_execute

    return bulk_run_execute(run_id=run_id, fan_out=True).status


@task()
def bulk_issue_chunk_task(run_id: int, completion_ids: list[int]) -> str:
    """Up to bulk.CHUNK certificates in one task: one number block, one audit insert, one task claim."""
    from .bulk import bulk_issue_chunk

    done, failed = bulk_issue_chunk(run_id=run_id, completion_ids=completion_ids)
    return f"{done} issued, {failed} failed"
