"""The streaming ODS writer: an OpenDocument package (mimetype first and stored), every value a string cell read back
as written (white space and line breaks kept, control characters replaced), empty values empty cells, rows
written as they come in flat memory."""

import io
import tracemalloc
import xml.etree.ElementTree as ET  # noqa: S405 -- parses our own output
import zipfile

import pytest

from reports import ods
from reports.ods import MIMETYPE, cell_paragraphs, write_text_sheet

from .helpers import ods_rows, ods_sheet_name, ods_values

HEADER = ["NIP", "Nama", "Nilai"]
NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def _write(rows, **kwargs) -> bytes:
    handle = io.BytesIO()
    write_text_sheet(handle, HEADER, rows, **kwargs)
    return handle.getvalue()


def test_values_read_back_as_string_cells_and_empty_values_are_empty_cells():
    rows = [
        ["199001012020011001", "=1+1", "85.50"],
        ["000000000000000042", "", "1e5"],
        ["007", "Budi & <Sari> \"Ayu\" 'x'", ""],
        ["", "Ni Komang Ayu Widyāsari, S.Psi.", "2026-01-02"],
    ]

    content = _write(rows, sheet_name="Rekap", text_columns=(0,), widths={0: 4.0})

    assert ods_sheet_name(content) == "Rekap"
    assert ods_values(content) == [HEADER, *rows]
    cells = [cell for row in ods_rows(content) for cell in row]
    assert {value_type for text, value_type in cells if text} == {"string"}
    assert {value_type for text, value_type in cells if not text} == {None}
    xml = zipfile.ZipFile(io.BytesIO(content)).read("content.xml").decode("utf-8")
    assert "table:formula" not in xml and 'office:value-type="float"' not in xml


@pytest.mark.parametrize(
    "value",
    [
        " lead",
        "trail ",
        "  two  inside  ",
        "tab\there",
        "\tTab",
        "line\nbreak\n\nblank line",
        "Sêkar Ayu Bambang Sutédjo, M.Sc.",
    ],
)
def test_white_space_and_line_breaks_are_kept(value):
    content = _write([["1", value, "x"]])

    assert ods_values(content)[1] == ["1", value, "x"]


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("line\r\nbreak", "line\nbreak"),
        ("'\rReturn", "'\nReturn"),
        ("x\x01y", "x\ufffdy"),
        ("\x00\x0b\x1f", "\ufffd" * 3),
    ],
)
def test_carriage_returns_become_line_feeds_and_control_characters_the_replacement_character(value, read):
    content = _write([["1", value, "x"]], sheet_name="Rekap\x02")

    assert ods_values(content)[1] == ["1", read, "x"]  # odfpy parsed it: the XML is well formed
    assert ods_sheet_name(content) == "Rekap\ufffd"


def test_cell_paragraphs_spell_white_space_as_odf_asks():
    assert cell_paragraphs(" a  b\tc ") == (
        '<text:p><text:s text:c="1"/>a <text:s text:c="1"/>b<text:tab/>c<text:s text:c="1"/></text:p>'
    )
    assert cell_paragraphs("a\r\nb & <c>") == "<text:p>a</text:p><text:p>b &amp; &lt;c&gt;</text:p>"


def test_the_package_starts_with_the_stored_mimetype_and_lists_its_parts():
    content = _write([["1", "a", "b"]])

    package = zipfile.ZipFile(io.BytesIO(content))
    first = package.infolist()[0]
    assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
    assert package.read("mimetype") == MIMETYPE.encode("ascii")
    assert content[30:38] == b"mimetype" and content[38 : 38 + len(MIMETYPE)] == MIMETYPE.encode("ascii")
    assert {"META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"} <= set(package.namelist())
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in package.infolist()[1:])
    manifest = ET.fromstring(package.read("META-INF/manifest.xml"))  # noqa: S314 -- our own output
    entries = {
        entry.get(f"{{{NS['manifest']}}}full-path"): entry.get(f"{{{NS['manifest']}}}media-type") for entry in manifest
    }
    assert entries["/"] == MIMETYPE and entries["content.xml"] == "text/xml" and entries["styles.xml"] == "text/xml"


def test_text_columns_default_to_the_text_format():
    content = _write([["199001012020011001", "a", "b"]], text_columns=(0,), widths={0: 4.0})

    root = ET.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("content.xml"))  # noqa: S314
    columns = root.findall(".//table:table-column", NS)
    cell_styles = [column.get(f"{{{NS['table']}}}default-cell-style-name") for column in columns]
    assert len(columns) == 3 and cell_styles[0] != "Default" and set(cell_styles[1:]) == {"Default"}
    style = root.find(f".//style:style[@style:name='{cell_styles[0]}']", NS)
    data_style = style.get(f"{{{NS['style']}}}data-style-name")
    text_style = root.find(f".//number:text-style[@style:name='{data_style}']", NS)
    assert text_style is not None and text_style.find("number:text-content", NS) is not None


def test_progress_is_reported_and_more_rows_than_a_sheet_holds_is_an_error(monkeypatch):
    seen = []
    count = write_text_sheet(
        io.BytesIO(), HEADER, ([str(i), "", ""] for i in range(5)), progress=seen.append, progress_every=2
    )
    assert count == 5 and seen == [2, 4]

    monkeypatch.setattr(ods, "MAX_ROWS", 4)
    with pytest.raises(ValueError, match="at most 3 rows"):
        write_text_sheet(io.BytesIO(), HEADER, ([str(i), "", ""] for i in range(4)))


def _rows(count: int, seen=None):
    for index in range(count):
        if seen is not None:
            seen(index)
        yield [f"{index:018d}", f"Pegawai {index:x}{index * 7919:x}, S.Sos.", f"{index % 97}.{index % 13}"]


def test_rows_are_written_to_the_file_as_they_come(tmp_path):
    with open(tmp_path / "rekap.ods", "wb") as handle:
        written: dict[int, int] = {}
        write_text_sheet(handle, HEADER, _rows(20_000, lambda index: written.setdefault(index, handle.tell())))

    assert written[10_000] > 50_000  # half way through, the compressed rows before are in the file already
    assert ods_values((tmp_path / "rekap.ods").read_bytes())[-1][0] == f"{19_999:018d}"


def _peak(count: int, path) -> int:
    with open(path, "wb") as handle:
        tracemalloc.start()
        try:
            write_text_sheet(handle, HEADER, _rows(count))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


def test_memory_stays_flat_whatever_the_number_of_rows(tmp_path):
    small, large = _peak(2_000, tmp_path / "a.ods"), _peak(20_000, tmp_path / "b.ods")

    assert large < small * 1.5 and large < 4 * 1024 * 1024
