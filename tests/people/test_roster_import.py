"""Roster import: every bad row is reported, nothing is half-imported, re-imports update and deactivate."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import ModelLogEntry

from people.importing import ROSTER_COLUMNS, roster_import
from people.models import ImportRun, Role, User
from people.tables import errors_csv
from tests import factories

HEADER = ",".join(ROSTER_COLUMNS)
NIP_A = "198503122010012002"
NIP_B = "199107242023212014"
NIP_C = "197001011995031001"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def row(nip=NIP_A, name="Siti Rahmawati, S.Sos.", unit="SDA", kind="PNS", email="siti@pu.go.id") -> str:
    return f'{nip},"{name}",{email},Analis,Penata,III/c,{kind},{unit}'


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def sda(db):
    root = factories.UnitFactory(code="KEMENPU", name="Kementerian")
    return factories.UnitFactory(code="SDA", name="Sumber Daya Air", parent=root)


@pytest.fixture
def bm(sda):
    return factories.UnitFactory(code="BM", name="Bina Marga", parent=sda.get_parent())


def test_a_valid_csv_creates_people_with_every_column(sda):
    result = roster_import(data=csv_bytes(row(), row(nip=NIP_B, name="Budi", kind="pppk")), filename="r.csv")

    assert (result.applied, result.created, result.errors) == (True, 2, [])
    siti = User.objects.get(nip=NIP_A)
    assert (siti.username, siti.full_name, siti.email, siti.position) == (
        NIP_A,
        "Siti Rahmawati, S.Sos.",
        "siti@pu.go.id",
        "Analis",
    )
    assert (siti.rank, siti.grade, siti.employment_type, siti.unit) == ("Penata", "III/c", "PNS", sda)
    assert User.objects.get(nip=NIP_B).employment_type == User.EmploymentType.PPPK
    assert siti.groups.filter(name=Role.LEARNER).exists()
    assert not siti.has_usable_password()


def test_the_shipped_samples_import(sda):
    from pathlib import Path

    from django.conf import settings

    factories.UnitFactory(code="KEMENPU2", name="x")  # unrelated unit, untouched
    samples = Path(settings.BASE_DIR) / "docs" / "samples"
    for name in ("roster.csv", "roster.xlsx"):
        result = roster_import(data=(samples / name).read_bytes(), filename=name, dry_run=True)
        assert result.errors == [] and result.rows == 2, name


def xlsx(*rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(ROSTER_COLUMNS)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_roster_with_text_nips_imports(sda):
    result = roster_import(data=xlsx([NIP_A, "Siti", "", "Analis", "", "", "PNS", "SDA"]), filename="roster.xlsx")
    assert result.errors == []
    assert User.objects.filter(nip=NIP_A).exists()


def test_a_nip_excel_rounded_to_a_float_is_refused_not_imported_with_wrong_digits(sda):
    result = roster_import(data=xlsx([float(NIP_A), "Siti", "", "", "", "", "PNS", "SDA"]), filename="roster.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(2, "nip")]
    assert "Text" in result.errors[0].message
    assert User.objects.count() == 0


def test_semicolon_csv_from_an_indonesian_excel_is_read(sda):
    data = csv_bytes(
        row().replace(",", ";").replace('"Siti Rahmawati; S.Sos."', "Siti"), header=HEADER.replace(",", ";")
    )
    result = roster_import(data=data, filename="r.csv")
    assert result.errors == [] and result.created == 1


@pytest.mark.parametrize(
    ("bad_row", "column", "fragment"),
    [
        (row(nip="12345"), "nip", "18 digits"),
        (row(nip="198513122010012002"), "nip", "birth date"),
        (row(nip="198503122010013002"), "nip", "gender"),
        (row(unit="NOPE"), "kode_unit", "NOPE"),
        (row(kind="honorer"), "jenis_pegawai", "PNS or PPPK"),
        (row(email="not-an-email"), "email", "not-an-email"),
        (row(name=""), "nama", "name"),
    ],
)
def test_a_bad_row_is_reported_with_row_and_column_and_nothing_is_imported(sda, bad_row, column, fragment):
    result = roster_import(data=csv_bytes(row(nip=NIP_B, name="Budi"), bad_row), filename="r.csv")

    assert not result.applied
    assert [(error.row, error.column) for error in result.errors] == [(3, column)]
    assert fragment in result.errors[0].message
    assert not User.objects.filter(nip=NIP_B).exists(), "the good row must not be imported either"


def test_the_nip_message_is_the_validators_own(sda):
    from django.core.exceptions import ValidationError

    from people.validators import validate_nip

    with pytest.raises(ValidationError) as raised:
        validate_nip("12345")
    result = roster_import(data=csv_bytes(row(nip="12345")), filename="r.csv")
    assert result.errors[0].message == raised.value.messages[0]


def test_a_nip_twice_in_the_file_names_the_first_row(sda):
    result = roster_import(data=csv_bytes(row(), row(name="Siti lagi")), filename="r.csv")
    assert [(e.row, e.column) for e in result.errors] == [(3, "nip")]
    assert "row 2" in result.errors[0].message
    assert User.objects.filter(nip=NIP_A).count() == 0


def test_a_missing_column_refuses_the_file(sda):
    header = HEADER.replace(",kode_unit", "")
    result = roster_import(data=csv_bytes(row().rsplit(",", 1)[0], header=header), filename="r.csv")
    assert [(e.row, e.column) for e in result.errors] == [(1, "kode_unit")]
    assert not result.applied


def test_a_file_that_is_not_utf8_is_refused_with_a_hint(sda):
    data = csv_bytes(row(name="Siti Rahmawati, S.Sos.")).replace(b"Siti", "Sít".encode("cp1252"))
    result = roster_import(data=data, filename="r.csv")
    assert len(result.errors) == 1 and "UTF-8" in result.errors[0].message
    assert User.objects.count() == 0


def test_a_utf8_file_with_a_bom_is_read(sda):
    result = roster_import(data=b"\xef\xbb\xbf" + csv_bytes(row()), filename="r.csv")
    assert result.errors == [] and result.created == 1


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", HEADER.encode() + b"\n"])
def test_an_empty_file_is_refused(sda, data):
    result = roster_import(data=data, filename="r.csv")
    assert len(result.errors) == 1 and not result.applied


def test_a_file_named_xlsx_that_is_not_an_xlsx_is_refused(sda):
    result = roster_import(data=csv_bytes(row()), filename="roster.xlsx")
    assert len(result.errors) == 1 and "XLSX" in result.errors[0].message


def test_a_corrupt_zip_named_xlsx_is_refused(sda):
    result = roster_import(data=b"PK\x03\x04garbage" * 10, filename="roster.xlsx")
    assert len(result.errors) == 1 and "XLSX" in result.errors[0].message


def test_dry_run_reports_what_would_change_and_changes_nothing(sda):
    factories.UserFactory(nip=NIP_C, username=NIP_C, unit=sda)

    result = roster_import(data=csv_bytes(row()), filename="r.csv", dry_run=True)

    assert (result.applied, result.created, result.deactivated) == (False, 1, 1)
    assert not User.objects.filter(nip=NIP_A).exists()
    assert User.objects.get(nip=NIP_C).is_active


def test_reimport_updates_by_nip_and_deactivates_who_left_only_in_the_files_units(sda, bm):
    roster_import(data=csv_bytes(row(), row(nip=NIP_B, name="Budi")), filename="r.csv")
    elsewhere = factories.UserFactory(nip=NIP_C, username=NIP_C, unit=bm)
    staff = factories.UserFactory(unit=sda, is_staff=True)

    result = roster_import(data=csv_bytes(row(name="Dr. Siti Rahmawati")), filename="r.csv")

    assert (result.created, result.updated, result.deactivated) == (0, 1, 1)
    assert User.objects.get(nip=NIP_A).full_name == "Dr. Siti Rahmawati"
    assert not User.objects.get(nip=NIP_B).is_active
    elsewhere.refresh_from_db()
    staff.refresh_from_db()
    assert elsewhere.is_active and staff.is_active

    again = roster_import(data=csv_bytes(row(name="Dr. Siti Rahmawati"), row(nip=NIP_B, name="Budi")), filename="r")
    assert (again.created, again.updated, again.deactivated) == (0, 1, 0)
    assert User.objects.get(nip=NIP_B).is_active, "a person back in the file is active again"


def test_partial_imports_the_good_rows_and_deactivates_nobody(sda):
    factories.UserFactory(nip=NIP_C, username=NIP_C, unit=sda)
    result = roster_import(data=csv_bytes(row(), row(nip="1")), filename="r.csv", partial=True)
    assert result.applied and result.created == 1 and len(result.errors) == 1
    assert User.objects.get(nip=NIP_C).is_active


def test_an_hr_officer_may_import_only_units_in_scope(sda, bm):
    hr = factories.hr_user(units=[sda])
    result = roster_import(data=csv_bytes(row(), row(nip=NIP_B, unit="BM")), filename="r.csv", actor=hr, scope=[sda])
    assert [(e.row, e.column) for e in result.errors] == [(3, "kode_unit")]
    assert User.objects.filter(nip__in=[NIP_A, NIP_B]).count() == 0


def test_every_import_is_in_the_audit_log_without_the_rows(sda):
    hr = factories.hr_user(units=[sda])
    roster_import(data=csv_bytes(row()), filename="r.csv", actor=hr, scope=[sda], ip="10.0.0.7")

    run = ImportRun.objects.get()
    entry = ModelLogEntry.objects.get(action="melayani.roster_import")
    assert entry.user == hr and entry.object_id == str(run.pk)
    assert entry.data["ip"] == "10.0.0.7" and entry.data["created"] == 1 and entry.data["filename"] == "r.csv"
    assert NIP_A not in str(entry.data)


def test_the_error_report_neutralises_formulas():
    from people.tables import RowError

    text = errors_csv([RowError(2, "nama", "=cmd")])
    assert text.splitlines()[1] == "2,nama,'=cmd"


def test_the_command_imports_and_fails_loudly_on_errors(sda, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(row()))
    call_command("import_roster", str(good), "--dry-run")
    assert not User.objects.filter(nip=NIP_A).exists()
    call_command("import_roster", str(good))
    assert User.objects.filter(nip=NIP_A).exists()

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(row(nip="123")))
    report = tmp_path / "errors.csv"
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_roster", str(bad), "--errors", str(report))
    assert "2,nip," in report.read_text(encoding="utf-8-sig")
