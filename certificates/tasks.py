"""Background issuing through Django's Tasks API (django-tasks, database backend by default)."""

from django_tasks import task

from records.models import Completion

from .services import certificate_issue


@task()
def certificate_issue_task(completion_id: int) -> str:
    completion = Completion.objects.get(pk=completion_id)
    return certificate_issue(completion=completion).number
