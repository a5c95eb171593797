"""Background exports through Django's Tasks API (run by `manage.py db_worker`)."""

from django_tasks import task

from .models import ExportJob
from .services import export_run


@task()
def export_run_task(job_id: int) -> int:
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    if job.status == ExportJob.Status.DONE:
        return job.rows_done
    return export_run(job=job).rows_done
