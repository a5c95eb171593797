"""The streaming XLSX writer: every value text, escaped as Excel stores it, empty values left out, rows in place."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from reports import xlsx
from reports.xlsx import cell_text, column_letters, write_text_sheet

HEADER = ["NIP", "Nama", "Nilai"]


def _sheet_xml(handle: io.BytesIO) -> str:
    return zipfile.ZipFile(io.BytesIO(handle.getvalue())).read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_values_read_back_as_text_and_empty_values_leave_no_cell():
    handle = io.BytesIO()
    rows = [
        ["199001012020011001", "=1+1", "85.50"],
        ["199001012020011002", "", "1e5"],
        ["007", "Budi & <Sari>", ""],
    ]

    count = write_text_sheet(handle, HEADER, rows, sheet_name="Rekap", text_columns=(0,), widths={0: 20})

    sheet = load_workbook(io.BytesIO(handle.getvalue())).active
    assert count == 3 and sheet.title == "Rekap"
    read = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert read == [HEADER, *[[value or None for value in row] for row in rows]]
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value is not None)
    assert sheet["A2"].number_format == "@" and sheet["B2"].number_format == "General"
    xml = _sheet_xml(handle)
    assert '<c r="B3"' not in xml and '<c r="C3"' in xml  # the empty value is no cell; the next keeps its column
    assert "<f>" not in xml


@pytest.mark.parametrize(
    ("value", "text", "preserve"),
    [
        ("plain", "plain", False),
        ("a & b < c > d", "a &amp; b &lt; c &gt; d", False),
        ("bell\x07", "bell_x0007_", False),
        ("literal _x0041_", "literal _x005F_x0041_", False),
        ("'\rReturn", "'\nReturn", False),
        ("line\r\nbreak", "line\nbreak", False),
        (" lead", " lead", True),
        ("trail\t", "trail\t", True),
        ("\x01", "_x0001_", False),
    ],
)
def test_cell_text_escapes_as_excel_stores_it(value, text, preserve):
    assert cell_text(value) == (text, preserve)


def test_a_row_with_anything_special_takes_the_escaping_path():
    handle = io.BytesIO()
    rows = [["1", " spasi ", "x\x01y"], ["2", "a<b", "c"]]

    write_text_sheet(handle, HEADER, rows)

    xml = _sheet_xml(handle)
    assert '<t xml:space="preserve"> spasi </t>' in xml
    assert "x_x0001_y" in xml and "a&lt;b" in xml
    read = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(handle.getvalue())).active.iter_rows()]
    assert read[2] == ["2", "a<b", "c"] and read[1][1] == " spasi "


def test_progress_is_reported_and_more_rows_than_excel_holds_is_an_error(monkeypatch):
    seen = []
    count = write_text_sheet(
        io.BytesIO(), HEADER, ([str(i), "", ""] for i in range(5)), progress=seen.append, progress_every=2
    )
    assert count == 5 and seen == [2, 4]

    monkeypatch.setattr(xlsx, "MAX_ROWS", 4)
    with pytest.raises(ValueError, match="at most 3 rows"):
        write_text_sheet(io.BytesIO(), HEADER, ([str(i), "", ""] for i in range(4)))


def test_column_letters_go_past_z():
    assert column_letters(28)[:2] == ["A", "B"] and column_letters(28)[25:] == ["Z", "AA", "AB"]
