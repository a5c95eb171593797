"""The ODS export of completion records (for LibreOffice): the documented header, every value a string cell (NIP
digits kept, formulas neutralised, names with diacritics, control characters replaced), offered to HR beside the
XLSX, scoped to the officer's units, in the background for its owner only, and from export_records."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from records.models import Completion
from reports.exports import CONTENT_TYPES, FORMATS, write_ods
from reports.models import ExportJob
from tests import factories

from .helpers import DOCUMENTED_HEADER, ods_rows, ods_sheet_name, ods_values

pytestmark = pytest.mark.django_db
ODS = "/admin/rekap/penyelesaian.ods"
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"


def test_ods_is_a_format_everywhere_xlsx_is():
    assert "ods" in FORMATS and CONTENT_TYPES["ods"] == ODS_TYPE
    assert ("ods", "ODS") in ExportJob.Format.choices


def test_the_ods_holds_the_header_and_every_value_as_text(tmp_path, unit):
    person = factories.UserFactory(
        unit=unit,
        nip="000101012020011001",
        full_name="Ni Komang Ayu Widyāsari Sutédjo, S.Psi.",
        position='=HYPERLINK("http://x","y")',
    )
    odd = factories.UserFactory(unit=unit, full_name="Bambang\x01 Sêkar", position="")
    module = factories.module(title="Pelayanan Prima — Berorientasi Pelayanan", lessons=0)
    factories.completion(user=person, module=module, score=90)
    factories.completion(user=odd, module=module, score=None)
    target = tmp_path / "rekap.ods"

    with translation.override("id"):
        count = write_ods(Completion.objects.order_by("user__full_name"), target)

    content = target.read_bytes()
    assert count == 2 and ods_sheet_name(content) == "Rekap"
    values = ods_values(content)
    assert values[0] == DOCUMENTED_HEADER and len(values) == 3
    by_name = {row[1]: row for row in values[1:]}
    row = by_name["Ni Komang Ayu Widyāsari Sutédjo, S.Psi."]
    assert row[0] == "000101012020011001"  # 18 digits, the leading zero kept
    assert row[2] == '\'=HYPERLINK("http://x","y")'
    assert row[5] == "Pelayanan Prima — Berorientasi Pelayanan" and row[6] == "4" and row[7] == "90.00"
    odd_row = by_name["Bambang\ufffd Sêkar"]  # XML 1.0 cannot hold U+0001: it shows as the replacement character
    assert odd_row[0] == odd.nip and odd_row[2] == "" and odd_row[7] == ""
    cells = [cell for row in ods_rows(content) for cell in row]
    assert all(value_type == "string" for text, value_type in cells if text)
    assert all(value_type is None for text, value_type in cells if not text)  # empty values are empty cells


def test_the_admin_offers_the_ods_and_sends_it_with_its_type_and_name(hr_client, learner):
    factories.completion(user=learner)

    page = hr_client.get("/admin/rekap/penyelesaian/")
    response = hr_client.get(ODS)

    assert f'href="{ODS}?'.encode() in page.content and b"Download ODS" in page.content
    assert response.status_code == 200 and response["Content-Type"] == ODS_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="rekap-penyelesaian-')
    assert response["Content-Disposition"].endswith('.ods"')
    values = ods_values(b"".join(response.streaming_content))
    assert values[0] == DOCUMENTED_HEADER and [row[0] for row in values[1:]] == [learner.nip]
    assert ExportJob.objects.get().format == "ods"


def test_hr_of_another_unit_gets_none_of_this_units_records_in_the_ods(client, unit, learner):
    factories.completion(user=learner)
    other_unit = factories.UnitFactory(code="LAIN", name="Unit Lain")
    outsider_hr = factories.hr_user(units=[other_unit])
    client.force_login(outsider_hr)

    for params in ({}, {"unit": unit.code}):
        response = client.get(ODS, params)
        assert response.status_code == 200
        values = ods_values(b"".join(response.streaming_content))
        assert values == [DOCUMENTED_HEADER], params
        assert learner.nip not in repr(values)


def test_a_learner_cannot_download_the_ods(client, learner):
    factories.completion(user=learner)
    client.force_login(learner)

    response = client.get(ODS)

    assert response.status_code in {302, 403}
    assert not ExportJob.objects.exists()


@override_settings(MELAYANI_EXPORT_MAX_ROWS=1)
def test_a_large_ods_runs_in_the_background_and_only_its_owner_downloads_it(
    hr_client, client, hr, unit, run_tasks, django_capture_on_commit_callbacks
):
    for _ in range(3):
        factories.completion(user=factories.UserFactory(unit=unit))

    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.get(ODS)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and (job.format, job.in_background) == ("ods", True)

    run_tasks()

    job.refresh_from_db()
    assert (job.status, job.rows_done) == (ExportJob.Status.DONE, 3) and job.file.name.endswith(".ods")
    download = hr_client.get(f"/admin/rekap/ekspor/{job.pk}/unduh/")
    assert download.status_code == 200 and download["Content-Type"] == ODS_TYPE
    assert f'rekap-penyelesaian-{job.pk}.ods"' in download["Content-Disposition"]
    assert len(ods_values(b"".join(download.streaming_content))) == 4

    client.force_login(factories.hr_user(units=[unit]))  # the same unit, but not the one who asked
    assert client.get(f"/admin/rekap/ekspor/{job.pk}/unduh/").status_code == 404
    assert client.get(f"/admin/rekap/ekspor/{job.pk}/").status_code == 404


def test_export_records_writes_an_ods(tmp_path, learner):
    factories.completion(user=learner)
    target = tmp_path / "rekap.ods"
    output = io.StringIO()

    call_command("export_records", "--format", "ods", "--output", str(target), stdout=output)

    assert "1 records" in output.getvalue()
    assert [row[0] for row in ods_values(target.read_bytes())] == ["NIP", learner.nip]
