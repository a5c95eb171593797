"""A streaming ODS (OpenDocument Spreadsheet) writer for one sheet of text cells: a row's XML is built at once, in
flat memory, like reports.xlsx.

odfpy (and pyexcel-ods/ods3 and ezodf, which build on it or on lxml) keeps the whole document as a tree of element
objects and serialises it at the end: a million rows of 14 cells are tens of millions of Python objects. Here the
package is fixed text around one content.xml streamed row by row into the ZIP (ARCHITECTURE.md, "Libraries and why").

The package follows ODF 1.2 (ISO/IEC 26300), part 3: `mimetype` is the first entry, stored uncompressed with no
extra field, then META-INF/manifest.xml, content.xml (the sheet), styles.xml and meta.xml, all deflated.

Every cell is a string cell (office:value-type="string"): never a number, a date or a formula, whatever it looks
like. Empty values are empty cells (<table:table-cell/>: ODF cells are positional, so they cannot be left out).
Text is escaped (&, <, >) and its white space kept as ODF asks, since a reader collapses it inside text:p: a line
break (LF; CRLF and a bare CR become LF, as in the XLSX) starts a new text:p, a tab is <text:tab/>, a space at
either end of a line or after another space is <text:s/>. ODF has no escape for the control characters XML 1.0
cannot hold (XLSX has _xHHHH_), so each becomes U+FFFD, the replacement character: the cell shows that something
was there instead of silently losing it.
"""

import re
import zipfile
from collections.abc import Iterable, Sequence

from .sheet_rows import write_rows

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
MAX_ROWS = 1_048_576  # LibreOffice Calc's limit (and Excel's), the header included

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile(r" {2,}|^ | $")

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'office:version="1.2"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f"<office:document-styles {_NS}><office:styles>"
    '<style:style style:name="Default" style:family="table-cell"/>'
    "</office:styles></office:document-styles>"
)
META = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f"<office:document-meta {_NS}><office:meta><meta:generator>Melayani</meta:generator></office:meta>"
    "</office:document-meta>"
)
# The text data style ("@") for text columns, one column style per width, cell style "ce1" with that data style.
CONTENT_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f"<office:document-content {_NS}><office:automatic-styles>"
    '<number:text-style style:name="N1"><number:text-content/></number:text-style>'
    '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" '
    'style:data-style-name="N1"/>'
    "{column_styles}"
    '</office:automatic-styles><office:body><office:spreadsheet><table:table table:name="{name}">{columns}'
)
CONTENT_END = "</table:table></office:spreadsheet></office:body></office:document-content>"
EMPTY_CELL = "<table:table-cell/>"
CELL_START = '<table:table-cell office:value-type="string"><text:p>'
CELL_END = "</text:p></table:table-cell>"


def _spaces(match: re.Match) -> str:
    run = match.group()
    if match.start() == 0 or match.end() == len(match.string):  # at an end of the line: every space kept
        return f'<text:s text:c="{len(run)}"/>'
    return f' <text:s text:c="{len(run) - 1}"/>'  # inside: the first space is a space, the rest are kept


def cell_paragraphs(value: str) -> str:
    """One non-empty value as the text:p elements of a cell, white space and line breaks kept, XML 1.0 safe."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _CONTROL.sub("\ufffd", value)
    lines = [_SPACES.sub(_spaces, line).replace("\t", "<text:tab/>") for line in value.split("\n")]
    return "".join(f"<text:p>{line}</text:p>" for line in lines)


def _needs_escaping(values: Sequence[str]) -> bool:
    """Whether any value needs more than being put between tags: a few C-level string scans, no regex.

    Not printable covers every control character, tab, CR, LF, U+FFFE/U+FFFF and white space other than the space;
    then the XML specials, two spaces in a row, and a space at either end of a value.
    """
    flat = "".join(values)
    if not flat.isprintable() or "&" in flat or "<" in flat or ">" in flat or "  " in flat:
        return True
    if " " not in flat:
        return False
    joined = "\x01".join(values)
    return joined[:1] == " " or joined[-1:] == " " or " \x01" in joined or "\x01 " in joined


def _slow_row(values: Sequence[str]) -> str:
    cells = [
        f'<table:table-cell office:value-type="string">{cell_paragraphs(value)}</table:table-cell>'
        if value
        else EMPTY_CELL
        for value in values
    ]
    return f"<table:table-row>{''.join(cells)}</table:table-row>"


def _attribute(value: str) -> str:
    value = _CONTROL.sub("\ufffd", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _columns(width: int, text_columns: Sequence[int], widths: dict[int, float]) -> tuple[str, str]:
    """The column styles (one per width, in cm) and the table:table-column elements, text columns styled ce1."""
    styles, names, columns = [], {}, []
    for index in range(width):
        attributes = ""
        if index in widths:
            size = widths[index]
            if size not in names:
                names[size] = f"co{len(names) + 1}"
                styles.append(
                    f'<style:style style:name="{names[size]}" style:family="table-column">'
                    f'<style:table-column-properties style:column-width="{size}cm"/></style:style>'
                )
            attributes += f' table:style-name="{names[size]}"'
        cell_style = "ce1" if index in text_columns else "Default"
        columns.append(f'<table:table-column{attributes} table:default-cell-style-name="{cell_style}"/>')
    return "".join(styles), "".join(columns)


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
    """Write header and rows (sequences of str, in header order) to target (a path or a seekable binary file).

    text_columns get the Text format ("@") as their default cell style (so a NIP stays text when edited in
    LibreOffice); widths maps a column index to its width in cm. Returns the number of data rows; more than a
    sheet holds is an error, not a silent cut.
    """
    column_styles, columns = _columns(len(header), text_columns, widths or {})
    start = CONTENT_START.format(column_styles=column_styles, name=_attribute(sheet_name), columns=columns)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        # First, stored, no extra field: "mimetypeapplication/vnd.oasis…" sits at byte 38 for file-type sniffers.
        package.writestr(zipfile.ZipInfo("mimetype", date_time=(1980, 1, 1, 0, 0, 0)), MIMETYPE)
        package.writestr("META-INF/manifest.xml", MANIFEST)
        with package.open("content.xml", "w", force_zip64=True) as content:
            content.write(start.encode("utf-8"))
            content.write(_slow_row(header).encode("utf-8"))

            def row_xml(count: int, values: Sequence[str]) -> str:
                if _needs_escaping(values):
                    return _slow_row(values)
                cells = "".join([f"{CELL_START}{value}{CELL_END}" if value else EMPTY_CELL for value in values])
                return f"<table:table-row>{cells}</table:table-row>"

            count = write_rows(
                content, rows, row_xml, max_rows=MAX_ROWS, kind="ODS", progress=progress, progress_every=progress_every
            )
            content.write(CONTENT_END.encode("utf-8"))
        package.writestr("styles.xml", STYLES)
        package.writestr("meta.xml", META)
    return count
