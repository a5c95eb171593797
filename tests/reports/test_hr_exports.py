"""Exports from the admin: XLSX read back (no formulas, NIP text), large ones in the background for their owner only,
every export and download in the audit log."""

import io

import pytest
from django.test import override_settings
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from reports.models import ExportJob
from tests import factories

from .helpers import DOCUMENTED_HEADER

pytestmark = pytest.mark.django_db
XLSX = "/admin/rekap/penyelesaian.xlsx"
CSV = "/admin/rekap/penyelesaian.csv"


def workbook_rows(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows())


def test_the_admin_xlsx_has_text_nips_and_no_formula_cells(hr_client, unit):
    person = factories.UserFactory(unit=unit, full_name='=HYPERLINK("http://x","y")', position="+62 812")
    factories.completion(user=person, module=factories.module(title="@SUM(A1)", lessons=0))

    response = hr_client.get(XLSX)

    assert response.status_code == 200
    rows = workbook_rows(b"".join(response.streaming_content))
    assert [cell.value for cell in rows[0]] == DOCUMENTED_HEADER
    data = rows[1]
    assert data[0].value == person.nip and data[0].data_type == "s"
    assert all(cell.data_type != "f" for row in rows for cell in row)
    assert (data[1].value, data[2].value, data[5].value) == ("'" + person.full_name, "'+62 812", "'@SUM(A1)")


def test_a_small_export_streams_at_once_and_is_logged_with_filters_and_count(hr_client, hr, learner):
    factories.completion(user=learner)

    response = hr_client.get(CSV, {"tahun": "2026"}, REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 200
    job = ExportJob.objects.get()
    assert (job.owner, job.in_background, job.status) == (hr, False, ExportJob.Status.DONE)
    entry = ModelLogEntry.objects.get(action="melayani.export")
    assert entry.user == hr and entry.object_id == str(job.pk)
    assert entry.data["filters"] == {"year": 2026, "unit_code": None}
    assert entry.data["ip"] == "10.1.2.3" and entry.data["rows"] == job.rows_total
    assert learner.nip not in str(entry.data)


@override_settings(MELAYANI_EXPORT_MAX_ROWS=1)
def test_a_large_export_runs_in_the_background_with_progress_and_only_its_owner_downloads_it(
    hr_client, client, hr, unit, run_tasks, django_capture_on_commit_callbacks
):
    for _ in range(3):
        factories.completion(user=factories.UserFactory(unit=unit))

    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.get(XLSX)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/rekap/ekspor/{job.pk}/"
    assert job.in_background and job.status == ExportJob.Status.QUEUED and job.rows_total == 3
    page = hr_client.get(f"/admin/rekap/ekspor/{job.pk}/")
    assert b"<progress" in page.content

    run_tasks()

    job.refresh_from_db()
    assert (job.status, job.rows_done, job.percent) == (ExportJob.Status.DONE, 3, 100)
    assert job.expires_at is not None
    status = hr_client.get(f"/admin/rekap/ekspor/{job.pk}/", {"format": "json"}).json()
    assert status == {"status": "done", "percent": 100, "rows_done": 3, "rows_total": 3}

    download = hr_client.get(f"/admin/rekap/ekspor/{job.pk}/unduh/")
    assert download.status_code == 200
    assert len(workbook_rows(b"".join(download.streaming_content))) == 4
    assert ModelLogEntry.objects.filter(action="melayani.export_download", object_id=str(job.pk)).count() == 1

    other = factories.hr_user(units=[unit])
    client.force_login(other)
    assert client.get(f"/admin/rekap/ekspor/{job.pk}/unduh/").status_code == 404
    assert client.get(f"/admin/rekap/ekspor/{job.pk}/").status_code == 404


def test_an_expired_download_link_is_gone(hr_client, hr, tmp_path):
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    job = ExportJob.objects.create(
        owner=hr,
        format="csv",
        status=ExportJob.Status.DONE,
        in_background=True,
        rows_total=1,
        rows_done=1,
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    job.file.save("old.csv", ContentFile(b"x"))
    assert hr_client.get(f"/admin/rekap/ekspor/{job.pk}/unduh/").status_code == 404


def test_export_records_is_audited(tmp_path, learner):
    from django.core.management import call_command

    factories.UserFactory(nip=None, username="root", is_superuser=True)
    factories.completion(user=learner)
    call_command("export_records", "--format", "xlsx", "--output", str(tmp_path / "x.xlsx"), stdout=io.StringIO())
    entry = ModelLogEntry.objects.get(action="melayani.export")
    assert entry.data["rows"] == 1 and entry.data["command"] is True
