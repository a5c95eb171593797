"""export_records: operators' CSV/XLSX of all completions or one unit's subtree, optionally one year."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests import factories

from .helpers import DOCUMENTED_HEADER, csv_rows

pytestmark = pytest.mark.django_db


def jakarta(year, month=6, day=15):
    return datetime.datetime(year, month, day, 10, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def tree(db):
    """A (with sub-unit A-1) and B, one learner each; A's learner completed in 2025, the others in 2026."""
    unit_a = factories.UnitFactory(code="A", name="Unit A")
    unit_a1 = factories.UnitFactory(code="A-1", name="Unit A Satu", parent=unit_a)
    unit_b = factories.UnitFactory(code="B", name="Unit B")
    module = factories.module(lessons=0)
    users = {}
    for key, unit, year in (("a", unit_a, 2025), ("a1", unit_a1, 2026), ("b", unit_b, 2026)):
        users[key] = factories.UserFactory(unit=unit)
        factories.completion(user=users[key], module=module, completed_at=jakarta(year))
    return users


def export(tmp_path, *args, name="rekap.csv") -> tuple[str, object]:
    target = tmp_path / name
    out = io.StringIO()
    call_command("export_records", "--output", str(target), *args, stdout=out)
    return out.getvalue(), target


def csv_nips(path) -> list[str]:
    rows = csv_rows(path.read_text(encoding="utf-8"))
    assert rows[0] == DOCUMENTED_HEADER
    return sorted(row[0] for row in rows[1:])


def xlsx_nips(path) -> list[str]:
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert list(rows[0]) == DOCUMENTED_HEADER
    return sorted(row[0] for row in rows[1:])


def test_csv_export_of_everything_with_bom_documented_header_and_a_count_line(tmp_path, tree):
    output, target = export(tmp_path)

    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert csv_nips(target) == sorted(user.nip for user in tree.values())
    assert output.strip() == f"3 records -> {target}"


def test_csv_is_the_default_format(tmp_path, tree):
    _output, target = export(tmp_path, name="rekap.out")

    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_xlsx_export_of_everything_with_text_cells(tmp_path, tree):
    output, target = export(tmp_path, "--format", "xlsx", name="rekap.xlsx")

    assert xlsx_nips(target) == sorted(user.nip for user in tree.values())
    assert output.strip() == f"3 records -> {target}"
    nip_cell = load_workbook(target).active["A2"]
    assert nip_cell.data_type == "s" and len(nip_cell.value) == 18


def test_unit_limits_the_export_to_that_units_subtree(tmp_path, tree):
    output, target = export(tmp_path, "--unit", "A")

    assert csv_nips(target) == sorted([tree["a"].nip, tree["a1"].nip])
    assert output.startswith("2 records")


def test_unit_limits_the_xlsx_export_too(tmp_path, tree):
    output, target = export(tmp_path, "--format", "xlsx", "--unit", "A-1", name="rekap.xlsx")

    assert xlsx_nips(target) == [tree["a1"].nip]
    assert output.startswith("1 records")


def test_year_limits_the_export_to_that_year(tmp_path, tree):
    _output, target = export(tmp_path, "--year", "2025")
    assert csv_nips(target) == [tree["a"].nip]

    _output, target = export(tmp_path, "--year", "2026", name="2026.csv")
    assert csv_nips(target) == sorted([tree["a1"].nip, tree["b"].nip])


def test_unit_and_year_combine(tmp_path, tree):
    output, target = export(tmp_path, "--unit", "A", "--year", "2026")

    assert csv_nips(target) == [tree["a1"].nip]
    assert output.startswith("1 records")


def test_an_empty_export_has_only_the_header_and_counts_zero(tmp_path, tree):
    output, target = export(tmp_path, "--year", "2020")

    assert csv_nips(target) == []
    assert output.startswith("0 records")


def test_an_unknown_unit_is_a_clear_command_error_and_writes_nothing(tmp_path, tree):
    target = tmp_path / "rekap.csv"

    with pytest.raises(CommandError, match=r"No unit has the code 'TIDAK-ADA'"):
        call_command("export_records", "--output", str(target), "--unit", "TIDAK-ADA")

    assert not target.exists()


def test_an_unknown_format_is_refused(tmp_path, tree):
    with pytest.raises(CommandError):
        call_command("export_records", "--output", str(tmp_path / "x"), "--format", "pdf")
