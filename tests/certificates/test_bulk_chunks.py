"""Bulk issuing in chunks: one number block per series, one audit insert, chunk tasks that close the run."""

import pytest
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from certificates import bulk
from certificates.bulk import bulk_run_start
from certificates.models import BulkRun, Certificate
from certificates.services import certificate_issue, certificate_render_store, certificates_issue
from people.models import Role
from tests import factories
from tests.conftest import requires_postgres
from tests.parallel import run_together

from .factories import template
from .helpers import jakarta


def private_files(storage_root):
    return sorted(path for path in storage_root.rglob("*.pdf") if ".tmp" not in path.parts)


@pytest.mark.django_db
def test_a_chunk_numbers_each_series_gaplessly_skips_issued_ones_and_logs_every_issue():
    module_a, module_b = factories.module(title="A", lessons=0), factories.module(title="B", lessons=0)
    template(number_format="{seq:03d}/B/{year}", pages=[module_b])
    completions = [factories.completion(module=m, completed_at=jakarta(2026)) for m in [module_a, module_b] * 3]
    first = certificate_issue(completion=completions[0])  # already issued: kept, not renumbered

    issued, failed = certificates_issue(completion_ids=[c.pk for c in completions])
    again, failed_again = certificates_issue(completion_ids=[c.pk for c in completions])

    assert failed == failed_again == []
    assert [c.completion_id for c in issued] == [c.pk for c in completions]
    assert issued[0].pk == first.pk and issued[0].number == "00001/BERAKHLAK/2026"
    assert sorted(c.number for c in issued if "/B/" in c.number) == ["001/B/2026", "002/B/2026", "003/B/2026"]
    assert sorted(c.sequence for c in issued if "/B/" not in c.number) == [1, 2, 3]
    assert [c.pk for c in again] == [c.pk for c in issued]
    assert Certificate.objects.count() == 6 and not Certificate.objects.filter(pdf="").exists()
    assert all(len(c.sha256) == 64 for c in Certificate.objects.all())
    logged = ModelLogEntry.objects.filter(action="melayani.certificate.issue")
    assert sorted(int(entry.object_id) for entry in logged) == sorted(c.pk for c in issued)


@pytest.mark.django_db
def test_a_bulk_run_fans_out_into_chunk_tasks_that_close_it(monkeypatch, run_tasks, django_capture_on_commit_callbacks):
    monkeypatch.setattr(bulk, "CHUNK", 2)
    module = factories.module(lessons=0)
    for _ in range(5):
        factories.completion(module=module, completed_at=jakarta(2026))
    trainer = factories.UserFactory(nip=None, username="pengajar-chunk", role=Role.TRAINER, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):  # queues bulk_run_task, as the admin form does
        run = bulk_run_start(action=BulkRun.Action.ISSUE, user=trainer, page=module)

    run_tasks()  # the run task queues three chunk tasks; the same drain runs them

    chunk_tasks = DBTaskResult.objects.filter(task_path="certificates.tasks.bulk_issue_chunk_task")
    assert sorted(len(task.args_kwargs["args"][1]) for task in chunk_tasks) == [1, 2, 2]
    assert set(chunk_tasks.values_list("status", flat=True)) == {"SUCCESSFUL"}
    run.refresh_from_db()
    assert (run.status, run.done, run.failed, run.percent) == ("done", 5, 0, 100)
    assert run.finished_at is not None
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == [1, 2, 3, 4, 5]


@pytest.mark.django_db
def test_a_render_stored_by_another_worker_first_wins_and_the_second_file_is_deleted(learner, settings):
    from pathlib import Path

    from certificates.services import _certificate_allocate

    completion = factories.completion(user=learner, completed_at=jakarta(2026))
    mine = _certificate_allocate(completion=completion)
    stale = Certificate.objects.get(pk=mine.pk)  # a second worker that read the row before the PDF was stored
    certificate_render_store(certificate=mine)
    root = Path(Certificate._meta.get_field("pdf").storage.location)
    before = private_files(root)

    loser = certificate_render_store(certificate=stale)

    assert private_files(root) == before
    assert (loser.pdf.name, loser.sha256) == (mine.pdf.name, mine.sha256)
    assert Certificate.objects.get().sha256 == mine.sha256


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_allocating_chunks_at_once_get_distinct_gapless_numbers():
    module = factories.module(lessons=0)
    ids = [factories.completion(module=module, completed_at=jakarta(2026)).pk for _ in range(50)]
    chunks = [ids[0:25], ids[25:50], ids[10:35]]  # the third overlaps both: already issued ones are returned

    def worker(chunk):
        return lambda: certificates_issue(completion_ids=chunk)

    outcomes = run_together([worker(chunk) for chunk in chunks], timeout=300)

    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    assert all(failed == [] for _issued, failed in outcomes)
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == list(range(1, 51))
    assert Certificate.objects.filter(completion_id__in=ids).exclude(pdf="").count() == 50
