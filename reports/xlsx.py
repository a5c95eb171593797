"""A streaming XLSX writer for one sheet of text cells: a row's XML is built at once, in flat memory.

XlsxWriter spends about 7 µs per cell (a chain of calls, escaping and a file write for every cell): 14 million cells
made a million-row export take 87 s before a byte was compressed. Here a row is escaped as one string (most rows
need nothing) and written as one f-string per cell; the other parts of the package are fixed text. Every cell is an
inline string (t="inlineStr"): never a number, a date or a formula, whatever it looks like. Empty values are left
out (no cell), as XlsxWriter does; text is escaped as XlsxWriter does it (&, <, > as entities; control characters as
_xHHHH_ and a literal "_xHHHH_" guarded as _x005F_xHHHH_, which is how Excel stores them); a bare CR becomes LF.
"""

import re
import zipfile
from collections.abc import Iterable, Sequence

from .sheet_rows import write_rows

MAX_ROWS = 1_048_576  # Excel's limit, the header included
TEXT_STYLE = 1  # the cellXfs entry with number format 49 ("@", Text) in STYLES

_ESCAPED_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<cols>{cols}</cols><sheetData>"
)
SHEET_END = "</sheetData></worksheet>"


def column_letters(count: int) -> list[str]:
    letters = []
    for index in range(count):
        name, number = "", index + 1
        while number:
            number, remainder = divmod(number - 1, 26)
            name = chr(65 + remainder) + name
        letters.append(name)
    return letters


def cell_text(value: str) -> tuple[str, bool]:
    """One value as XML text, and whether its leading or trailing whitespace must be preserved."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _ESCAPED_ESCAPE.sub(r"_x005F\1", value)
    value = _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", value)
    return value, value[:1].isspace() or value[-1:].isspace()


def _needs_escaping(values: Sequence[str]) -> bool:
    """Whether any value needs more than being put between tags: a few C-level string scans, no regex (a regular
    expression over the row cost as much as writing it).

    Not printable covers every control character, tab, CR, LF, U+FFFE/U+FFFF and whitespace other than the space
    (so leading or trailing whitespace other than a space is caught here too); then the XML specials, a literal
    "_x" (a possible _xHHHH_), and a space at either end of a value.
    """
    flat = "".join(values)
    if not flat.isprintable() or "&" in flat or "<" in flat or ">" in flat or "_x" in flat:
        return True
    if " " not in flat:
        return False
    joined = "\x01".join(values)
    return joined[:1] == " " or joined[-1:] == " " or " \x01" in joined or "\x01 " in joined


def _inline(reference: str, text: str, preserve: bool, style: str = "") -> str:
    space = ' xml:space="preserve"' if preserve else ""
    return f'<c r="{reference}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _slow_row(number: int, letters: Sequence[str], values: Sequence[str], styles: Sequence[str]) -> str:
    cells = []
    for letter, value, style in zip(letters, values, styles, strict=False):
        if value:
            text, preserve = cell_text(value)
            cells.append(_inline(f"{letter}{number}", text, preserve, style))
    return f'<row r="{number}">{"".join(cells)}</row>'


def write_text_sheet(
    target,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    sheet_name: str = "Sheet1",
    text_columns: Sequence[int] = (),
    widths: dict[int, float] | None = None,
    progress=None,
    progress_every: int = 2000,
) -> int:
    """Write header and rows (sequences of str, in header order) to target (a path or a binary file).

    text_columns get the Text number format on their data cells (so a NIP stays text when edited in Excel);
    widths maps a column index to its width. Returns the number of data rows; more than Excel holds is an error.
    """
    width = len(header)
    letters = column_letters(width)
    styles = [f' s="{TEXT_STYLE}"' if index in text_columns else "" for index in range(width)]
    cols = "".join(
        f'<col min="{index + 1}" max="{index + 1}" width="{size}" customWidth="1"'
        + (f' style="{TEXT_STYLE}"' if index in text_columns else "")
        + "/>"
        for index, size in sorted((widths or {}).items())
    )
    name = cell_text(sheet_name)[0].replace('"', "&quot;")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("xl/workbook.xml", WORKBOOK.format(name=name))
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        package.writestr("xl/styles.xml", STYLES)
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_START.format(cols=cols).encode())
            sheet.write(_slow_row(1, letters, header, [""] * width).encode("utf-8"))

            def row_xml(count: int, values: Sequence[str]) -> str:
                number = count + 1
                if _needs_escaping(values):
                    return _slow_row(number, letters, values, styles)
                cells = "".join(
                    [
                        f'<c r="{letter}{number}"{style} t="inlineStr"><is><t>{value}</t></is></c>'
                        for letter, value, style in zip(letters, values, styles, strict=False)
                        if value
                    ]
                )
                return f'<row r="{number}">{cells}</row>'

            count = write_rows(
                sheet, rows, row_xml, max_rows=MAX_ROWS, kind="XLSX", progress=progress, progress_every=progress_every
            )
            sheet.write(SHEET_END.encode("utf-8"))
    return count
