"""purge_bulk_runs: finished runs older than N days go with their ZIPs; others and certificates stay."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates.models import BulkRun, Certificate
from certificates.services import certificate_issue
from people.models import Role
from tests import factories

from .helpers import jakarta

pytestmark = pytest.mark.django_db


def run(trainer, module, *, status, days_ago, archive=True):
    instance = BulkRun.objects.create(action=BulkRun.Action.ZIP, page=module, requested_by=trainer, status=status)
    if archive:
        instance.archive.save(f"bulk-{instance.pk}.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=True)
    finished = timezone.now() - datetime.timedelta(days=days_ago)
    BulkRun.objects.filter(pk=instance.pk).update(
        finished_at=finished if status in (BulkRun.Status.DONE, BulkRun.Status.FAILED) else None,
        created_at=finished,
    )
    return instance


def test_old_finished_runs_and_their_zips_go_while_recent_unfinished_runs_and_certificates_stay(learner):
    module = factories.module(lessons=0)
    trainer = factories.UserFactory(nip=None, username="pengajar-purge", role=Role.TRAINER, is_staff=True)
    completion = factories.completion(user=learner, module=module, completed_at=jakarta(2026))
    certificate = certificate_issue(completion=completion)
    old_done = run(trainer, module, status=BulkRun.Status.DONE, days_ago=40)
    old_failed = run(trainer, module, status=BulkRun.Status.FAILED, days_ago=31, archive=False)
    recent = run(trainer, module, status=BulkRun.Status.DONE, days_ago=5)
    stuck = run(trainer, module, status=BulkRun.Status.RUNNING, days_ago=90)
    storage = old_done.archive.storage
    out = io.StringIO()

    call_command("purge_bulk_runs", stdout=out)

    assert not storage.exists(old_done.archive.name)
    assert set(BulkRun.objects.values_list("pk", flat=True)) == {recent.pk, stuck.pk}
    assert storage.exists(recent.archive.name) and storage.exists(stuck.archive.name)
    assert old_failed.pk not in BulkRun.objects.values_list("pk", flat=True)
    assert Certificate.objects.get().pk == certificate.pk and storage.exists(certificate.pdf.name)
    assert "2 bulk run(s) and 1 ZIP file(s) deleted" in out.getvalue()


def test_days_is_honoured_and_a_missing_zip_file_does_not_stop_the_purge(learner):
    module = factories.module(lessons=0)
    trainer = factories.UserFactory(nip=None, username="pengajar-purge2", role=Role.TRAINER, is_staff=True)
    week_old = run(trainer, module, status=BulkRun.Status.DONE, days_ago=7)
    week_old.archive.storage.delete(week_old.archive.name)  # someone already removed the file

    call_command("purge_bulk_runs", "--days", "10", stdout=io.StringIO())
    assert BulkRun.objects.filter(pk=week_old.pk).exists()

    call_command("purge_bulk_runs", "--days", "3", stdout=io.StringIO())
    assert not BulkRun.objects.exists()


def test_negative_days_are_refused():
    with pytest.raises(CommandError, match="--days must be 0 or more"):
        call_command("purge_bulk_runs", "--days", "-1")
