"""Writes of the reports app: export jobs (inline or in the background) and their audit-log entries."""

import datetime
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from .exports import FORMATS
from .models import ExportJob
from .selectors import scope_roots, scoped_completions


def _scope_key(*, owner, unit_code: str | None) -> str:
    paths = [root.path for root in scope_roots(user=owner, unit_code=unit_code)]
    return "|" + "|".join(paths) + "|" if paths else ""


def job_completions(job: ExportJob):
    """The rows of a job, under the owner's scope as it is *now* (a revoked scope exports nothing more)."""
    return scoped_completions(user=job.owner, year=job.filters.get("year"), unit_code=job.filters.get("unit_code"))


@transaction.atomic
def export_start(*, owner, format: str, year: int | None, unit_code: str | None, ip: str | None) -> ExportJob:
    """Record an export and its audit entry; large ones are queued for the worker, small ones stream at once."""
    filters = {"year": year, "unit_code": unit_code}
    job = ExportJob(owner=owner, format=format, filters=filters, scope_key=_scope_key(owner=owner, unit_code=unit_code))
    job.rows_total = job_completions(job).count()
    job.in_background = job.rows_total > settings.MELAYANI_EXPORT_MAX_ROWS
    if not job.in_background:
        job.status = ExportJob.Status.DONE
        job.rows_done = job.rows_total
        job.finished_at = timezone.now()
    job.save()
    log(
        instance=job,
        action="melayani.export",
        user=owner,
        data={"format": format, "filters": filters, "rows": job.rows_total, "background": job.in_background, "ip": ip},
    )
    if job.in_background:
        from .tasks import export_run_task

        transaction.on_commit(lambda: export_run_task.enqueue(job.pk))
    return job


def export_run(*, job: ExportJob) -> ExportJob:
    """Write a background export to private storage, reporting progress; flat memory whatever the size."""
    completions = job_completions(job)
    total = completions.count()
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, rows_total=total, rows_done=0)

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=min(done, total))

    try:
        with tempfile.TemporaryDirectory(prefix="melayani-export-") as folder:
            path = Path(folder) / f"rekap-penyelesaian-{job.pk}.{job.format}"
            count = FORMATS[job.format](completions, path, progress=progress)
            with path.open("rb") as handle:
                job.file.save(path.name, File(handle), save=False)
    except Exception as error:
        ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED, error=str(error)[:2000])
        raise
    now = timezone.now()
    job.status = ExportJob.Status.DONE
    job.rows_total = max(total, count)
    job.rows_done = count
    job.finished_at = now
    job.expires_at = now + datetime.timedelta(days=settings.MELAYANI_EXPORT_LINK_DAYS)
    job.save(update_fields=["status", "rows_total", "rows_done", "file", "finished_at", "expires_at"])
    return job


def export_download_log(*, job: ExportJob, user, ip: str | None) -> None:
    log(instance=job, action="melayani.export_download", user=user, data={"rows": job.rows_done, "ip": ip})


def ledger_view_log(*, person, user, year: int, ip: str | None) -> None:
    """An HR officer opened a person's JP ledger: the person can see that (reports.selectors.accesses_to)."""
    log(instance=person, action="melayani.ledger_view", user=user, data={"year": year, "ip": ip})


def external_file_download_log(*, training, user, ip: str | None) -> None:
    log(
        instance=training.user,
        action="melayani.external_certificate_download",
        user=user,
        data={"training": training.pk, "ip": ip},
    )


def export_jobs_purge(*, days: int, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Delete exports whose download link expired more than `days` ago, and their files; returns (rows, files).

    Exports that never had a link (streamed at once, failed, abandoned) go once they are as old as a link would
    have lived plus `days`. Rows are deleted in one transaction; files only after it commits, so a failed run
    never leaves a row pointing at a deleted file. The audit-log entries of the exports stay.
    """
    if days < 0:
        raise ValueError("days must be zero or more")
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=days)
    never_linked = cutoff - datetime.timedelta(days=settings.MELAYANI_EXPORT_LINK_DAYS)
    expired = ExportJob.objects.filter(
        Q(expires_at__lt=cutoff) | Q(expires_at__isnull=True, created_at__lt=never_linked)
    )
    with transaction.atomic():
        jobs = list(expired.select_for_update().values_list("pk", "file"))
        ExportJob.objects.filter(pk__in=[pk for pk, _name in jobs]).delete()
    storage = ExportJob._meta.get_field("file").storage
    files = 0
    for _pk, name in jobs:
        if name and storage.exists(name):
            storage.delete(name)
            files += 1
    return len(jobs), files
