"""Reading HR's spreadsheets (CSV or XLSX) into rows of text, with a clear message for every bad file."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class RowError:
    """One problem in an uploaded file: spreadsheet row number (the header is row 1), column and message."""

    row: int
    column: str
    message: str


@dataclass
class Table:
    """The rows of a file as dictionaries keyed by the (normalised) header, with their spreadsheet row numbers."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    # Cells Excel stored as a floating-point number of 16+ digits: their last digits are already lost.
    rounded: set[tuple[int, str]] = field(default_factory=set)


class TableError(Exception):
    """The file as a whole cannot be read (wrong encoding, empty, not an XLSX, columns missing)."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


class WorkbookTooLarge(ValueError):
    """An XLSX whose parts would expand past MELAYANI_XLSX_MAX_EXPANDED_BYTES (a "ZIP bomb"); the message is for HR."""


def xlsx_expanded_size_check(source) -> None:
    """Refuse a workbook that would expand too far, from the ZIP directory alone (zipfile reads no further than
    the sizes declared there, so they cannot lie); a file object is rewound. A bad ZIP raises BadZipFile."""
    limit = settings.MELAYANI_XLSX_MAX_EXPANDED_BYTES
    with zipfile.ZipFile(source) as archive:
        expanded = sum(info.file_size for info in archive.infolist())
    if hasattr(source, "seek"):
        source.seek(0)
    if expanded > limit:
        raise WorkbookTooLarge(
            _("The workbook expands to more than %(limit)s when opened; split it into smaller files.")
            % {"limit": filesizeformat(limit)}
        )


class _Rounded(str):
    """Text of a float cell too long for a double: marked so the caller can refuse it."""


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, _Rounded):
        return value
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
        return _Rounded(text) if abs(value) >= 1e15 else text
    return str(value).strip()


def _header_key(value) -> str:
    return _clean(value).lower().replace(" ", "_").replace("-", "_")


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(
            [
                RowError(
                    0,
                    "",
                    _(
                        "The file is not UTF-8 text (byte %(position)d). In Excel choose "
                        '"Save as" → "CSV UTF-8 (comma delimited)", or upload the XLSX.'
                    )
                    % {"position": error.start + 1},
                )
            ]
        ) from None
    if "\x00" in text:
        # Typically UTF-16 saved without its byte-order mark: every other byte is NUL.
        raise TableError(
            [
                RowError(
                    0,
                    "",
                    _(
                        "The file contains NUL characters (is it UTF-16?). In Excel choose "
                        '"Save as" → "CSV UTF-8 (comma delimited)", or upload the XLSX.'
                    ),
                )
            ]
        )
    first_line = text.split("\n", 1)[0]
    # Excel in an Indonesian locale writes semicolons; anything else is read as commas.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    if not data.startswith(XLSX_MAGIC):
        raise TableError([RowError(0, "", _("The file is named .xlsx but is not an Excel workbook (XLSX)."))])
    not_a_workbook = TableError([RowError(0, "", _("The file is named .xlsx but is not an Excel workbook (XLSX)."))])
    try:
        xlsx_expanded_size_check(io.BytesIO(data))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except WorkbookTooLarge as error:
        raise TableError([RowError(0, "", str(error))]) from None
    except Exception:  # BadZipFile, a broken XML part (ParseError), KeyError for a missing part, …
        raise not_a_workbook from None
    try:
        sheet = workbook.worksheets[0]
        return [[_clean(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    except Exception:  # a broken sheet XML fails while reading rows (lxml or ElementTree errors, zlib, KeyError)
        raise not_a_workbook from None
    finally:
        workbook.close()


def table_read(*, data: bytes, filename: str, required: list[str]) -> Table:
    """Parse a CSV or XLSX upload; the whole file is refused with a message when it cannot be a table."""
    if not data.strip():
        raise TableError([RowError(0, "", _("The file is empty."))])
    is_xlsx = filename.lower().endswith((".xlsx", ".xlsm")) or data.startswith(XLSX_MAGIC)
    raw = _xlsx_rows(data) if is_xlsx else _csv_rows(data)
    numbered = [(number, row) for number, row in enumerate(raw, start=1) if any(_clean(value) for value in row)]
    if not numbered:
        raise TableError([RowError(0, "", _("The file is empty."))])
    header = [_header_key(value) for value in numbered[0][1]]
    missing = [column for column in required if column not in header]
    if missing:
        raise TableError(
            [RowError(1, column, _("The column %(column)s is missing.") % {"column": column}) for column in missing]
        )
    table = Table(header=header)
    for number, values in numbered[1:]:
        cells = [_clean(value) for value in values]
        row = {key: (cells[i] if i < len(cells) else "") for i, key in enumerate(header)}
        table.rounded |= {(number, key) for key, value in row.items() if isinstance(value, _Rounded)}
        table.rows.append((number, {key: str(value) for key, value in row.items()}))
    if not table.rows:
        raise TableError([RowError(0, "", _("The file has a header but no rows."))])
    return table


def errors_csv(errors: list[RowError]) -> str:
    """The error report HR downloads: row number, column, message (UTF-8 with a BOM for Excel)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(["baris", "kolom", "pesan"])
    for error in errors:
        message = error.message
        if message.startswith(("=", "+", "-", "@", "\t", "\r")):
            message = "'" + message
        writer.writerow([error.row, error.column, message])
    return buffer.getvalue()
