"""Bulk issue and bulk ZIP for a course page or a unit: a BulkRun row the task advances, so the admin shows progress."""

import logging
import os
import re
import tempfile
import unicodedata
import zipfile

from django.core.files import File
from django.db import transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Least
from django.utils import timezone

from records.models import Completion

from .models import BulkRun, Certificate
from .selectors import completions_for_page, completions_for_unit

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 10
CHUNK = 25  # certificates per background task: one allocation transaction, one task claim per chunk


def bulk_completions(run: BulkRun) -> QuerySet[Completion]:
    completions = Completion.objects.all()
    if run.page_id:
        completions = completions & completions_for_page(run.page)
    if run.unit_id:
        completions = completions & completions_for_unit(run.unit)
    return completions.order_by("pk")


@transaction.atomic
def bulk_run_start(*, action: str, user, page=None, unit=None) -> BulkRun:
    """Queue the work; the row exists at once so the progress page can show it."""
    from .tasks import bulk_run_task

    run = BulkRun.objects.create(action=action, page=page, unit=unit, requested_by=user)
    transaction.on_commit(lambda: bulk_run_task.enqueue(run.pk))
    return run


def _advance(run: BulkRun, done: int, failed: int) -> None:
    BulkRun.objects.filter(pk=run.pk).update(done=F("done") + done, failed=F("failed") + failed)


def safe_filename(number: str, name: str) -> str:
    """Number first (unique), then the name: namesakes never overwrite each other; ASCII only for old unzip tools."""
    raw = f"{number}_{name}"
    ascii_text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).strip("-.")
    return (cleaned[:150] or "sertifikat") + ".pdf"


def bulk_run_execute(*, run_id: int, fan_out: bool = False) -> BulkRun:
    """Idempotent per item: issuing an issued completion returns its certificate; a rerun starts counts afresh.

    An issue run works in chunks of CHUNK completions. With `fan_out` (the background task) each chunk becomes its own
    task so every worker takes part and the last chunk to finish closes the run; otherwise chunks run here in turn.
    """
    run = BulkRun.objects.select_related("page", "unit").get(pk=run_id)
    if run.status == BulkRun.Status.DONE:
        return run
    completions = bulk_completions(run)
    if run.action == BulkRun.Action.ZIP:
        completions = completions.filter(certificate__isnull=False).exclude(certificate__pdf="")
    ids = list(completions.values_list("pk", flat=True)) if run.action == BulkRun.Action.ISSUE else []
    total = len(ids) if run.action == BulkRun.Action.ISSUE else completions.count()
    BulkRun.objects.filter(pk=run.pk).update(status=BulkRun.Status.RUNNING, total=total, done=0, failed=0, error="")
    try:
        if run.action == BulkRun.Action.ISSUE:
            chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
            if fan_out and len(chunks) > 1:
                from .tasks import bulk_issue_chunk_task

                for chunk in chunks:
                    bulk_issue_chunk_task.enqueue(run.pk, chunk)
                run.refresh_from_db()
                return run
            for chunk in chunks:
                bulk_issue_chunk(run_id=run.pk, completion_ids=chunk)
        else:
            _build_zip(run, completions)
        BulkRun.objects.filter(pk=run.pk).update(status=BulkRun.Status.DONE, finished_at=timezone.now())
    except Exception as error:
        logger.exception("bulk run %s failed", run.pk)
        BulkRun.objects.filter(pk=run.pk).update(
            status=BulkRun.Status.FAILED, error=str(error)[:1000], finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run


def bulk_issue_chunk(*, run_id: int, completion_ids: list[int]) -> tuple[int, int]:
    """Issue one chunk, count it on the run, and close the run when every completion is counted."""
    from .services import certificates_issue

    issued, failed = certificates_issue(completion_ids=completion_ids)
    _advance_run(run_id, len(issued), len(failed))
    BulkRun.objects.filter(pk=run_id, status=BulkRun.Status.RUNNING, done__gte=F("total") - F("failed")).update(
        status=BulkRun.Status.DONE, finished_at=timezone.now()
    )
    return len(issued), len(failed)


def _advance_run(run_id: int, done: int, failed: int) -> None:
    """Capped at the total: chunks left over from an earlier attempt of the same run must not break the count."""
    BulkRun.objects.filter(pk=run_id).update(done=Least(F("done") + done, F("total")), failed=F("failed") + failed)


def _build_zip(run: BulkRun, completions: QuerySet[Completion]) -> None:
    """Streamed into a temporary file one stored PDF at a time (flat memory), then moved into storage."""
    certificates = (
        Certificate.objects.filter(completion__in=completions)
        .order_by("number")
        .only("pk", "number", "holder_name", "pdf")
    )
    handle = tempfile.NamedTemporaryFile(suffix=".zip", delete=False)  # noqa: SIM115
    try:
        done, used = 0, set()
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
            for certificate in certificates.iterator(chunk_size=200):
                filename = safe_filename(certificate.number, certificate.holder_name)
                if filename in used:
                    filename = f"{certificate.pk}-{filename}"
                used.add(filename)
                with certificate.pdf.open("rb") as source, archive.open(filename, "w") as target:
                    while chunk := source.read(64 * 1024):
                        target.write(chunk)
                done += 1
                if done >= PROGRESS_EVERY:
                    _advance(run, done, 0)
                    done = 0
        _advance(run, done, 0)
        handle.close()
        with open(handle.name, "rb") as source:
            run.archive.save(f"bulk-{run.pk}.zip", File(source), save=False)
        BulkRun.objects.filter(pk=run.pk).update(archive=run.archive.name)
    finally:
        handle.close()
        os.unlink(handle.name)


def bulk_runs_purge(*, older_than) -> tuple[int, int]:
    """Finished runs (done or failed) that ended before `older_than` go, with their ZIPs; certificates stay.

    Files first, then rows: an interrupted purge leaves rows whose file is already gone, and the next purge
    finishes them (deleting a missing file is not an error). Returns (runs deleted, ZIP files deleted).
    """
    finished = BulkRun.objects.filter(
        status__in=[BulkRun.Status.DONE, BulkRun.Status.FAILED], finished_at__lt=older_than
    )
    files = 0
    for run in finished.exclude(archive="").only("pk", "archive").iterator():
        if run.archive.storage.exists(run.archive.name):
            run.archive.storage.delete(run.archive.name)
            files += 1
    deleted, _by_model = finished.delete()
    return deleted, files
