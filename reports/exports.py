"""Completion record exports with a fixed column schema, safe to open in a spreadsheet, in flat memory.

Rows are read as plain tuples (`values_list`) in chunks straight from a server-side cursor: no model instances,
no per-row reverse(), the verification URL built from one precomputed prefix, the Jakarta date computed in SQL.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse

from .selectors import course_title_expression, export_pre_post_scores

# The schema HR systems rely on: keys, order and header labels are a contract (README.md, "Export columns"),
# so the labels are fixed Indonesian and never follow the interface language.
COLUMNS = [
    ("nip", "NIP"),
    ("name", "Nama"),
    ("position", "Jabatan"),
    ("unit_code", "Kode unit"),
    ("unit_name", "Unit"),
    ("module", "Modul"),
    ("jp", "JP"),
    ("score", "Nilai"),
    ("pre_test", "Nilai pre-test"),
    ("post_test", "Nilai post-test"),
    ("status", "Status"),
    ("completed_on", "Tanggal selesai"),
    ("certificate_number", "Nomor sertifikat"),
    ("verification_url", "Tautan verifikasi"),
]
HEADER = [label for _key, label in COLUMNS]
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000

STATUS_COMPLETED = "selesai"
STATUS_REVOKED = "sertifikat dicabut"

# The columns read from the database, in this order (see export_rows).
_FIELDS = (
    "user__nip",
    "user__full_name",
    "user__first_name",
    "user__last_name",
    "user__username",
    "user__position",
    "unit__code",
    "unit__name",
    "export_course_title",
    "jp",
    "score",
    "export_completed_on",
    "certificate__number",
    "certificate__token",
    "certificate__status",
    "user_id",
    "module_id",
)


def neutralise(value) -> str:
    """Stop a spreadsheet from running a cell as a formula (OWASP CSV injection): prefix an apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def verification_prefix() -> tuple[str, str]:
    """The verification URL up to the token, computed once per export instead of a reverse() per row."""
    marker = "TOKEN-MARKER"
    url = settings.MELAYANI_BASE_URL + reverse("certificates:verify", args=[marker])
    return url.split(marker, 1)[0], url.split(marker, 1)[1]


def export_queryset(completions: QuerySet) -> QuerySet:
    """The tuple-valued query behind every export (also what the benchmark hands to PostgreSQL's COPY)."""
    return completions.annotate(
        export_course_title=course_title_expression(),
        export_completed_on=TruncDate("completed_at", tzinfo=ZoneInfo(settings.TIME_ZONE)),
    ).values_list(*_FIELDS)


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def export_rows(completions: QuerySet, *, chunk_size: int = CHUNK_SIZE) -> Iterator[list[str]]:
    """One list of strings per completion, in COLUMNS order; every text value passes through neutralise."""
    before, after = verification_prefix()
    rows = export_queryset(completions).iterator(chunk_size=chunk_size)
    for chunk in _chunks(rows, chunk_size):
        scores = export_pre_post_scores(pairs=[(row[15], row[16]) for row in chunk])
        for (
            nip,
            full_name,
            first_name,
            last_name,
            username,
            position,
            unit_code,
            unit_name,
            title,
            jp,
            score,
            completed_on,
            number,
            token,
            certificate_status,
            user_id,
            module_id,
        ) in chunk:
            name = full_name or f"{first_name} {last_name}".strip() or username
            pre, post = scores.get((user_id, module_id), (None, None))
            yield [
                neutralise(nip),
                neutralise(name),
                neutralise(position),
                neutralise(unit_code),
                neutralise(unit_name),
                neutralise(title),
                str(jp),
                "" if score is None else str(score),
                "" if pre is None else str(pre),
                "" if post is None else str(post),
                STATUS_REVOKED if certificate_status == "revoked" else STATUS_COMPLETED,
                completed_on.isoformat() if completed_on else "",
                neutralise(number),
                f"{before}{token}{after}" if token else "",
            ]


# Kept for callers of the foundation's name.
completion_rows = export_rows


class _Echo:
    def write(self, value):
        return value


def _header_line() -> str:
    return csv.writer(_Echo(), quoting=csv.QUOTE_ALL).writerow(HEADER)


def csv_lines(completions: QuerySet, *, progress: Callable[[int], None] | None = None) -> Iterator[str]:
    """Stream CSV text converted in Python (the SQLite path): a BOM so Excel reads UTF-8, a header, quoted rows."""
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield "\ufeff"
    yield _header_line()
    for count, row in enumerate(export_rows(completions), start=1):
        yield writer.writerow(row)
        if progress is not None and count % CHUNK_SIZE == 0:
            progress(count)


def csv_bytes(completions: QuerySet, *, progress: Callable[[int], None] | None = None) -> Iterator[bytes]:
    """The CSV download: on PostgreSQL the records are written by COPY (export_sql), elsewhere by csv_lines.

    Both give the same BOM, header and quoted fields; rows end in CRLF from Python and LF from PostgreSQL.
    """
    from .export_sql import copy_csv, uses_sql_path

    if not uses_sql_path(completions):
        for line in csv_lines(completions, progress=progress):
            yield line.encode("utf-8")
        return
    yield ("\ufeff" + _header_line()).encode("utf-8")
    yield from copy_csv(completions, progress=progress)


def write_csv(completions: QuerySet, target, *, progress: Callable[[int], None] | None = None) -> int:
    """Write the CSV to a path or a binary file; returns the number of records."""
    count = 0

    def counted(done: int) -> None:
        nonlocal count
        count = done
        if progress is not None:
            progress(done)

    def _write(handle):
        nonlocal count
        from .export_sql import uses_sql_path

        if uses_sql_path(completions):
            for chunk in csv_bytes(completions, progress=counted):
                handle.write(chunk)
            return
        lines = 0
        for chunk in csv_bytes(completions, progress=progress):
            handle.write(chunk)
            lines += 1
        count = max(lines - 2, 0)  # the BOM and the header are not records

    if hasattr(target, "write"):
        _write(target)
    else:
        with open(target, "wb") as handle:
            _write(handle)
    return count


def text_rows(completions: QuerySet) -> Iterator:
    """Rows of strings in COLUMNS order: converted by PostgreSQL (read from its COPY) where it can, else in Python."""
    from .export_sql import copy_rows, uses_sql_path

    return copy_rows(completions) if uses_sql_path(completions) else export_rows(completions)


def _write_rekap(write_text_sheet, completions: QuerySet, target, *, nip_width: float, progress) -> int:
    """One "Rekap" sheet of the export rows, the NIP column (first) formatted as text, by either streaming writer."""
    return write_text_sheet(
        target,
        HEADER,
        text_rows(completions),
        sheet_name="Rekap",
        text_columns=(0,),
        widths={0: nip_width},
        progress=progress,
        progress_every=CHUNK_SIZE,
    )


def write_xlsx(completions: QuerySet, target, *, progress: Callable[[int], None] | None = None) -> int:
    """Write an XLSX of inline-string cells, one row's XML at a time, in flat memory (reports.xlsx).

    Every value is written as text: nothing is guessed into a number, a date or a formula, so a NIP keeps its 18
    digits and "=..." stays text (already neutralised too). The NIP column also gets the Text format so that
    editing it in Excel keeps it text. Empty values are left as empty cells; a bare CR becomes LF.
    """
    from .xlsx import write_text_sheet

    return _write_rekap(write_text_sheet, completions, target, nip_width=20.7109375, progress=progress)


def write_ods(completions: QuerySet, target, *, progress: Callable[[int], None] | None = None) -> int:
    """Write an ODS (OpenDocument Spreadsheet, for LibreOffice) of string cells, one row's XML at a time, in flat
    memory (reports.ods), from the same rows as the XLSX.

    The same guarantees as write_xlsx: every value is a string cell (a NIP keeps its 18 digits, "=..." stays text),
    the NIP column has the Text format, empty values are empty cells, the sheet is "Rekap" under the header. Line
    breaks, tabs and runs of spaces are kept; control characters XML cannot hold become U+FFFD.
    """
    from .ods import write_text_sheet

    return _write_rekap(write_text_sheet, completions, target, nip_width=4.0, progress=progress)


FORMATS = {"csv": write_csv, "xlsx": write_xlsx, "ods": write_ods}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
