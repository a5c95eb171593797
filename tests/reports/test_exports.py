"""Exports have the documented columns, survive a spreadsheet (no formulas, NIP as text), and filter by year."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from openpyxl import load_workbook

from certificates.services import certificate_issue
from records.models import Completion
from reports.exports import COLUMNS, csv_lines, neutralise, write_xlsx
from tests import factories

from .helpers import DOCUMENTED_HEADER, csv_rows, streamed_text

CSV = "/admin/rekap/penyelesaian.csv"
DANGEROUS_NAMES = [
    '=HYPERLINK("http://x","y")',
    "+62 812 0000",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTab",
    "\rReturn",
]


def jakarta(year, month=6, day=15, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def hr_client(client, unit):
    client.force_login(factories.hr_user(units=[unit]))
    return client


def download(client, **params) -> str:
    response = client.get(CSV, params)
    assert response.status_code == 200
    return streamed_text(response)


# --- neutralise (pure) --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", DANGEROUS_NAMES)
def test_neutralise_prefixes_an_apostrophe_to_formula_triggers(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Siti", "Siti"), ("198503122010012002", "198503122010012002"), (4, "4"), (None, ""), ("a=b", "a=b")],
)
def test_neutralise_leaves_ordinary_values_alone(value, expected):
    assert neutralise(value) == expected


# --- CSV through the HR download ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_csv_starts_with_a_utf8_bom_and_is_served_as_a_csv_attachment(hr_client, learner):
    factories.completion(user=learner)

    response = hr_client.get(CSV)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="rekap-penyelesaian-')
    assert b"".join(response.streaming_content).startswith(b"\xef\xbb\xbf")


@pytest.mark.django_db
def test_the_csv_header_is_the_documented_schema(hr_client, learner):
    rows = csv_rows(download(hr_client))

    assert rows[0] == DOCUMENTED_HEADER
    assert [key for key, _label in COLUMNS] == [
        "nip",
        "name",
        "position",
        "unit_code",
        "unit_name",
        "module",
        "jp",
        "score",
        "pre_test",
        "post_test",
        "status",
        "completed_on",
        "certificate_number",
        "verification_url",
    ]


@pytest.mark.django_db
def test_the_csv_quotes_every_field(hr_client, learner):
    factories.completion(user=learner)

    lines = download(hr_client).removeprefix("\ufeff").splitlines()

    assert all(line.startswith('"') and line.endswith('"') for line in lines)


@pytest.mark.django_db
def test_the_csv_has_one_row_per_completion_with_its_values(hr_client, learner, unit):
    learner.position = "Analis Pelayanan"
    learner.save()
    first = factories.module(title="Modul Satu", jp=4, lessons=0)
    second = factories.module(title="Modul Dua", jp=2, lessons=0)
    with_certificate = factories.completion(user=learner, module=first, score=85, completed_at=jakarta(2026, 3, 9))
    factories.completion(user=learner, module=second, score=None, completed_at=jakarta(2026, 2, 1))
    certificate = certificate_issue(completion=with_certificate)

    rows = csv_rows(download(hr_client))[1:]

    assert len(rows) == 2
    assert rows[0] == [
        learner.nip,
        "Siti Rahmawati, S.Sos.",
        "Analis Pelayanan",
        "SDA",
        "Sumber Daya Air",
        "Modul Satu",
        "4",
        "85.00",
        "",
        "",
        "selesai",
        "2026-03-09",
        certificate.number,
        f"https://melayani.test/verifikasi/{certificate.token}/",
    ]
    assert rows[1][5:] == ["Modul Dua", "2", "", "", "", "selesai", "2026-02-01", "", ""]


@pytest.mark.django_db
def test_the_completion_date_is_the_jakarta_date(hr_client, learner):
    factories.completion(user=learner, completed_at=datetime.datetime(2025, 12, 31, 18, 0, tzinfo=datetime.UTC))

    assert csv_rows(download(hr_client))[1][11] == "2026-01-01"


@pytest.mark.django_db
def test_the_nip_keeps_all_18_digits_in_the_csv(hr_client, learner):
    factories.completion(user=learner)

    nip = csv_rows(download(hr_client))[1][0]

    assert nip == learner.nip and len(nip) == 18 and nip.isdigit()


@pytest.mark.django_db
@pytest.mark.parametrize("name", DANGEROUS_NAMES)
def test_a_formula_in_a_name_is_neutralised_in_the_csv(hr_client, unit, name):
    factories.completion(user=factories.UserFactory(unit=unit, full_name=name))

    row = csv_rows(download(hr_client))[1]

    assert row[1] == "'" + name


@pytest.mark.django_db
def test_a_formula_in_a_module_title_or_position_is_neutralised_too(hr_client, unit):
    user = factories.UserFactory(unit=unit, position="@jabatan")
    factories.completion(user=user, module=factories.module(title="=1+1", lessons=0))

    row = csv_rows(download(hr_client))[1]

    assert (row[2], row[5]) == ("'@jabatan", "'=1+1")


@pytest.mark.django_db
def test_the_year_filter_keeps_only_that_years_completions(hr_client, unit):
    in_2025 = factories.completion(user=factories.UserFactory(unit=unit), completed_at=jakarta(2025))
    in_2026 = factories.completion(user=factories.UserFactory(unit=unit), completed_at=jakarta(2026))

    assert [row[0] for row in csv_rows(download(hr_client, tahun="2025"))[1:]] == [in_2025.user.nip]
    assert [row[0] for row in csv_rows(download(hr_client, tahun="2026"))[1:]] == [in_2026.user.nip]
    assert len(csv_rows(download(hr_client))) == 3
    assert len(csv_rows(download(hr_client, tahun="bukan-tahun"))) == 3


@pytest.mark.django_db
def test_the_year_filter_uses_the_jakarta_year(hr_client, learner):
    factories.completion(user=learner, completed_at=datetime.datetime(2025, 12, 31, 18, 0, tzinfo=datetime.UTC))

    assert len(csv_rows(download(hr_client, tahun="2026"))) == 2
    assert len(csv_rows(download(hr_client, tahun="2025"))) == 1


# --- XLSX ---------------------------------------------------------------------------------------------------


def read_xlsx(path):
    sheet = load_workbook(path).active
    return sheet, list(sheet.iter_rows())


@pytest.mark.django_db
@pytest.mark.parametrize("name", DANGEROUS_NAMES)
def test_a_formula_in_a_name_is_neutralised_in_the_xlsx(tmp_path, unit, name):
    factories.completion(user=factories.UserFactory(unit=unit, full_name=name))
    target = tmp_path / "rekap.xlsx"

    write_xlsx(Completion.objects.all(), target)

    _sheet, rows = read_xlsx(target)
    cell = rows[1][1]
    # Without lxml, XML turns a bare carriage return into a line feed when read back (lxml, which pyHanko pulls in,
    # keeps it); the apostrophe is what matters.
    assert cell.value in ("'" + name, "'" + name.replace("\r", "\n"))
    assert cell.data_type == "s"


@pytest.mark.django_db
def test_every_xlsx_cell_is_text_so_the_nip_keeps_18_digits(tmp_path, learner):
    factories.completion(user=learner, score=90)
    target = tmp_path / "rekap.xlsx"

    count = write_xlsx(Completion.objects.all(), target)

    sheet, rows = read_xlsx(target)
    assert count == 1
    assert sheet.title == "Rekap"
    nip_cell = rows[1][0]
    assert nip_cell.data_type == "s"
    assert nip_cell.number_format == "@"  # formatted as text, so a re-typed NIP stays text too
    assert nip_cell.value == learner.nip
    assert all(cell.data_type == "s" for cell in rows[1] if cell.value is not None)
    assert rows[1][6].value == "4" and rows[1][7].value == "90.00"


@pytest.mark.django_db
def test_the_xlsx_header_is_the_documented_schema(tmp_path):
    target = tmp_path / "rekap.xlsx"

    with translation.override("id"):
        write_xlsx(Completion.objects.none(), target)

    _sheet, rows = read_xlsx(target)
    assert [cell.value for cell in rows[0]] == DOCUMENTED_HEADER
    assert len(rows) == 1


@pytest.mark.django_db
def test_csv_lines_yields_bom_header_then_one_line_per_completion(learner):
    factories.completion(user=learner)
    factories.completion(user=learner)

    with translation.override("id"):
        lines = list(csv_lines(Completion.objects.all()))

    assert lines[0] == "\ufeff"
    assert len(lines) == 4
    assert lines[1].startswith('"NIP","Nama"')
