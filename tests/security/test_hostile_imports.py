"""Hostile input on the HR imports (roster and unit tree, CSV and XLSX): malformed, oversized and disguised files,
bad NIPs, hostile text. Expected: a message per file or row, no 500, nothing half-imported, text shown escaped
and the downloadable error report free of live formulas."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from people.importing import ROSTER_COLUMNS, UNIT_COLUMNS, roster_import, units_import
from people.models import ImportRun, Unit, User
from tests import factories

from .test_hostile_input import BAD_NIPS, FORMULAS, SQLISH, UNICODE, XSS, assert_escaped

pytestmark = pytest.mark.django_db

MORE_BAD_NIPS = [
    "19850312201001200",  # 17 digits
    "1985031220100120021",  # 19 digits
    "198513122010012002",  # month 13
    "198502302010012002",  # 30 February
    "185003122010012002",  # born 1850
    "209903122010012002",  # born in the future
    "198503122010013002",  # gender digit 3
    "19850312201001200\x00",
    "١٩٨٥٠٣١٢٢٠١٠٠١٢٠٠٢",  # Arabic-Indic digits
    "19850312\u200b201001\u200b2\u200b002",  # zero-width spaces
    "=1985031220100120",
]


@pytest.fixture
def english_messages():
    """These tests read the English wording; the suite may run with Indonesian active."""
    from django.utils import translation

    with translation.override("en"):
        yield


def table(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for cell in (cell for line in book.active.iter_rows() for cell in line):
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def replace_member(xlsx: bytes, member: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, content if item.filename == member else source.read(item.filename))
    return buffer.getvalue()


def person(nip="198503122010012002", name="Siti", email="siti@pu.go.id", unit="SDA") -> list[str]:
    return [nip, name, email, "Analis", "Penata", "III/c", "PNS", unit]


@pytest.fixture
def sda(db):
    return factories.UnitFactory(code="SDA", name="Sumber Daya Air")


GOOD_UNITS = table(UNIT_COLUMNS, [["PU", "Kementerian PU", "kementerian", ""]])
BROKEN = [
    ("data.xlsx", workbook([UNIT_COLUMNS])[:200]),  # truncated: the ZIP directory is gone
    ("data.xlsx", b"PK\x03\x04" + b"\xff" * 64),
    ("data.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),  # a PDF renamed
    ("data.xlsx", b"<html><body><script>alert(1)</script></body></html>"),
    ("data.xlsx", replace_member(workbook([UNIT_COLUMNS, ["PU", "x", "", ""]]), "xl/worksheets/sheet1.xml", b"<a>")),
    ("data.csv", "kode,nama,jenis,kode_induk\nPU,Kementerian Pekerjaan Umum,,\n".encode("utf-16")),
    ("data.csv", "kode,nama,jenis,kode_induk\nPU,Kementerian Pekerjaan Umum,,\n".encode("utf-16-le")),
    ("data.csv", "kode,nama,jenis,kode_induk\nPU,Kantor Café,,\n".encode("cp1252")),
    ("data.csv", b"\xef\xbb\xbf"),
    ("data.csv", b"kode,nama\nPU,x\n"),  # columns missing
    ("data.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
]


@pytest.mark.parametrize(("name", "content"), BROKEN)
def test_malformed_unit_files_are_refused_as_a_whole_with_a_message(name, content):
    result = units_import(data=content, filename=name)
    assert result.errors and not result.applied
    assert all(error.message for error in result.errors)
    assert not Unit.objects.exists()
    assert ImportRun.objects.get().errors == len(result.errors)


@pytest.mark.parametrize(("name", "content"), BROKEN)
def test_malformed_roster_files_are_refused_as_a_whole_with_a_message(sda, name, content):
    before = User.objects.count()
    result = roster_import(data=content, filename=name)
    assert result.errors and not result.applied
    assert User.objects.count() == before


@pytest.mark.usefixtures("english_messages")
@override_settings(MELAYANI_XLSX_MAX_EXPANDED_BYTES=1024 * 1024)
def test_a_zip_bomb_workbook_is_refused_before_it_is_expanded(sda):
    padding = b"<!--" + b"A" * (4 * 1024 * 1024) + b"-->"
    good = workbook([ROSTER_COLUMNS, person()])
    sheet = zipfile.ZipFile(io.BytesIO(good)).read("xl/worksheets/sheet1.xml")
    padded = sheet.replace(b"?>", b"?>" + padding, 1) if sheet.startswith(b"<?xml") else padding + sheet
    bomb = replace_member(good, "xl/worksheets/sheet1.xml", padded)
    assert len(bomb) < 64 * 1024
    result = roster_import(data=bomb, filename="bom.xlsx")
    assert len(result.errors) == 1
    assert result.errors[0].message.startswith("The workbook expands to more than 1")
    assert not User.objects.filter(nip="198503122010012002").exists()


@pytest.mark.parametrize("bad_nip", BAD_NIPS + MORE_BAD_NIPS)
def test_a_bad_nip_anywhere_refuses_the_whole_roster(sda, bad_nip):
    rows = [person(), person(nip=bad_nip, name="Budi")]
    files = [(table(ROSTER_COLUMNS, rows), "r.csv")]
    if "\x00" not in bad_nip:  # a workbook cannot hold NUL; as CSV the whole file is refused (below)
        files.append((workbook([ROSTER_COLUMNS, *rows]), "r.xlsx"))
    for data, name in files:
        result = roster_import(data=data, filename=name)
        assert result.errors and not result.applied, name
        if "\x00" not in bad_nip:
            assert any(error.column == "nip" and error.row == 3 for error in result.errors), (name, result.errors)
        assert not User.objects.filter(nip="198503122010012002").exists()


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (person(name="x" * 256), "nama"),
        (person(email="a" * 250 + "@pu.go.id"), "email"),  # valid for Django's validator (320), too long to store
        (person(email="<script>@x"), "email"),
        (person(email="siti@pu.go.id,\u202e"), "email"),
        (person(unit="'; DROP TABLE people_unit;--"), "kode_unit"),
        ([*person()[:6], "<b>PNS</b>", "SDA"], "jenis_pegawai"),
    ],
)
def test_hostile_roster_cells_are_row_errors_and_nothing_is_imported(sda, row, column):
    result = roster_import(data=table(ROSTER_COLUMNS, [person(nip="198503122010011001"), row]), filename="r.csv")
    assert column in [error.column for error in result.errors if error.row == 3]
    assert not User.objects.filter(nip="198503122010011001").exists()


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (["PU", "x" * 256, "", ""], "nama"),
        (["P" * 33, "Pusat", "", ""], "kode"),
        (["PU", "Pusat", "<script>alert(1)</script>", ""], "jenis"),
        (["PU", "Pusat", "", "'; DROP TABLE people_unit;--"], "kode_induk"),
        (["PU", "Pusat", "", "PU"], "kode_induk"),
    ],
)
def test_hostile_unit_rows_are_row_errors_and_nothing_is_imported(row, column):
    result = units_import(data=table(UNIT_COLUMNS, [["ROOT", "Kementerian", "kementerian", ""], row]), filename="u.csv")
    assert column in [error.column for error in result.errors]
    assert not Unit.objects.exists()


@pytest.mark.usefixtures("english_messages")
def test_a_csv_with_nul_characters_is_refused_with_a_message(sda):
    result = roster_import(data=table(ROSTER_COLUMNS, [person(name="Si\x00ti")]), filename="r.csv")
    assert [error.message for error in result.errors] == [
        'The file contains NUL characters (is it UTF-16?). In Excel choose "Save as" → "CSV UTF-8 (comma '
        'delimited)", or upload the XLSX.'
    ]
    assert not User.objects.filter(nip="198503122010012002").exists()


HOSTILE_NAMES = [*XSS, *SQLISH, *UNICODE, *FORMULAS, "Nama\u200bdengan\u200dzero-width"]


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("akar", "akar@example.go.id", factories.PASSWORD))
    client.cookies["django_language"] = "en"
    return client


def test_hostile_unit_names_and_codes_import_verbatim_and_show_escaped(admin_client):
    rows = [["ROOT", "Kementerian", "kementerian", ""]]
    rows += [[f"U{index}", name, "satker", "ROOT"] for index, name in enumerate(HOSTILE_NAMES)]
    rows += [["<b>&amp;", XSS[0], "satker", "ROOT"], ["A&B=1", "Unit dengan & di kode", "satker", "ROOT"]]
    for name, content in (("u.csv", table(UNIT_COLUMNS, rows)), ("u.xlsx", workbook([UNIT_COLUMNS, *rows]))):
        response = admin_client.post(
            reverse("people_units_import"), {"file": SimpleUploadedFile(name, content)}, follow=True
        )
        assert response.status_code == 200, name
        assert b"Imported." in response.content, name
    for index, name in enumerate(HOSTILE_NAMES):
        assert Unit.objects.get(code=f"U{index}").name == name.strip()
    assert Unit.objects.get(code="<b>&amp;").name == XSS[0]

    hr = factories.hr_user(units=[Unit.objects.get(code="ROOT")])
    admin_client.force_login(hr)
    for url in ("reports_hr_dashboard", "reports_completion_records", "reports_jp_shortfall", "reports_learning_gain"):
        page = admin_client.get(reverse(url))
        assert page.status_code == 200, url
        for name in (*HOSTILE_NAMES, "<b>&amp;"):
            assert_escaped(page, name)
    dashboard = admin_client.get(reverse("reports_hr_dashboard")).content.decode()
    # A unit code is a query value in the dashboard's links: encoded, so "&" cannot add a parameter.
    assert "unit=A%26B%3D1" in dashboard
    assert "unit=A&amp;B=1" not in dashboard


def test_the_error_report_download_neutralises_formulas_and_escapes_the_page(admin_client, sda):
    rows = [person(nip=formula, name=formula, email=formula) for formula in FORMULAS]
    rows.append(person(name=XSS[0], unit=XSS[1]))
    response = admin_client.post(
        reverse("people_roster_import"),
        {"file": SimpleUploadedFile("<script>x</script>.csv", table(ROSTER_COLUMNS, rows))},
    )
    assert response.status_code == 200
    assert b"nothing was imported" in response.content
    assert_escaped(response, XSS[1])
    assert_escaped(response, "<script>x</script>.csv")
    run = ImportRun.objects.get()
    report = admin_client.get(reverse("people_import_errors", args=[run.pk]))
    cells = [cell for line in csv.reader(io.StringIO(report.content.decode("utf-8-sig"))) for cell in line]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert User.objects.filter(is_superuser=False).count() == 0


@pytest.mark.parametrize("filename", ["a\x00b.csv", "x" * 400 + ".csv", "\u202ecsv.exe", "../../etc/passwd.csv"])
def test_hostile_upload_file_names_are_recorded_safely(admin_client, sda, filename):
    response = admin_client.post(
        reverse("people_roster_import"),
        {"file": SimpleUploadedFile(filename, table(ROSTER_COLUMNS, [person()])), "dry_run": "on"},
    )
    assert response.status_code == 200
    run = ImportRun.objects.get()
    assert "\x00" not in run.filename and "/" not in run.filename and len(run.filename) <= 255
