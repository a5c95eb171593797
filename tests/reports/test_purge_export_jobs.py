"""purge_export_jobs: expired exports and their files go, live links and recent exports stay."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from reports.models import ExportJob
from tests import factories

pytestmark = pytest.mark.django_db


def job(owner, *, expires_in_days: float | None, age_days: float = 0, with_file: bool = True) -> ExportJob:
    now = timezone.now()
    export = ExportJob.objects.create(owner=owner, format=ExportJob.Format.CSV, status=ExportJob.Status.DONE)
    if with_file:
        export.file.save(f"rekap-{export.pk}.csv", ContentFile(b'"NIP"\r\n'), save=True)
    ExportJob.objects.filter(pk=export.pk).update(
        created_at=now - datetime.timedelta(days=age_days),
        expires_at=None if expires_in_days is None else now + datetime.timedelta(days=expires_in_days),
    )
    export.refresh_from_db()
    return export


@pytest.fixture
def owner(unit):
    return factories.hr_user(units=[unit])


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_export_jobs", *args, stdout=out)
    return out.getvalue()


def test_expired_exports_past_the_grace_days_are_deleted_with_their_files(owner):
    old = job(owner, expires_in_days=-10)
    recently_expired = job(owner, expires_in_days=-1)
    live = job(owner, expires_in_days=5)
    storage = old.file.storage
    old_name = old.file.name

    output = purge("--days", "3")

    assert set(ExportJob.objects.values_list("pk", flat=True)) == {recently_expired.pk, live.pk}
    assert not storage.exists(old_name)
    assert storage.exists(recently_expired.file.name) and storage.exists(live.file.name)
    assert output.startswith("1 exports deleted, 1 files removed")


def test_days_zero_deletes_every_expired_export_and_keeps_live_links(owner):
    expired = job(owner, expires_in_days=-0.01)
    live = job(owner, expires_in_days=0.5)

    purge("--days", "0")

    assert list(ExportJob.objects.values_list("pk", flat=True)) == [live.pk]
    assert not expired.file.storage.exists(expired.file.name)


def test_exports_without_a_link_go_once_older_than_a_link_would_live(owner):
    link_days = settings.MELAYANI_EXPORT_LINK_DAYS
    old_inline = job(owner, expires_in_days=None, age_days=link_days + 2, with_file=False)
    recent_inline = job(owner, expires_in_days=None, age_days=link_days - 1, with_file=False)

    purge("--days", "1")

    assert list(ExportJob.objects.values_list("pk", flat=True)) == [recent_inline.pk]
    assert not ExportJob.objects.filter(pk=old_inline.pk).exists()


def test_a_missing_file_does_not_stop_the_purge(owner):
    export = job(owner, expires_in_days=-5)
    export.file.storage.delete(export.file.name)

    assert purge("--days", "1").startswith("1 exports deleted, 0 files removed")
    assert not ExportJob.objects.exists()


def test_negative_days_are_refused(owner):
    job(owner, expires_in_days=-5)

    with pytest.raises(CommandError):
        purge("--days", "-1")
    assert ExportJob.objects.count() == 1
