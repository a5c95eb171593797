"""Background work through Django's Tasks API (run by `manage.py db_worker`): exports, external-training emails."""

from django_tasks import task

from records.models import ExternalTraining

from .emails import external_decision_email, external_submitted_emails
from .models import ExportJob
from .services import export_run


@task()
def export_run_task(job_id: int) -> int:
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    if job.status == ExportJob.Status.DONE:
        return job.rows_done
    return export_run(job=job).rows_done


@task()
def external_decision_email_task(training_id: int, decision: str) -> bool:
    training = ExternalTraining.objects.select_related("user").get(pk=training_id)
    return external_decision_email(training=training, decision=decision)


@task()
def external_submitted_email_task(training_id: int) -> int:
    training = ExternalTraining.objects.select_related("user", "user__unit").get(pk=training_id)
    return external_submitted_emails(training=training)
