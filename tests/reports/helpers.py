"""Shared helpers for the report tests."""

import csv
import io


def streamed_text(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


# The documented schema (README.md, "Export columns"), in the default language.
DOCUMENTED_HEADER = [
    "NIP",
    "Nama",
    "Jabatan",
    "Kode unit",
    "Unit",
    "Modul",
    "JP",
    "Nilai",
    "Nilai pre-test",
    "Nilai post-test",
    "Status",
    "Tanggal selesai",
    "Nomor sertifikat",
    "Tautan verifikasi",
]


def ods_rows(content: bytes) -> list[list[tuple[str, str | None]]]:
    """An ODS read back with odfpy: per row, per cell, (text, office:value-type); an empty cell is ("", None).

    A cell's paragraphs are joined with LF; text:s, text:tab and repeated columns are expanded.
    """
    from odf import teletype
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    table = load(io.BytesIO(content)).spreadsheet.getElementsByType(Table)[0]
    rows = []
    for row in table.getElementsByType(TableRow):
        cells = []
        for cell in row.getElementsByType(TableCell):
            text = "\n".join(teletype.extractText(paragraph) for paragraph in cell.getElementsByType(P))
            repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
            cells.extend([(text, cell.getAttribute("valuetype"))] * repeat)
        rows.append(cells)
    return rows


def ods_values(content: bytes) -> list[list[str]]:
    return [[text for text, _type in row] for row in ods_rows(content)]


def ods_sheet_name(content: bytes) -> str:
    from odf.opendocument import load
    from odf.table import Table

    return load(io.BytesIO(content)).spreadsheet.getElementsByType(Table)[0].getAttribute("name")
