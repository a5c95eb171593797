"""Completion record exports with a fixed column schema, safe to open in a spreadsheet."""

import csv
from collections.abc import Iterable, Iterator

from django.utils import timezone

from certificates.rendering import verification_url
from records.models import Completion

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
    ("status", "Status"),
    ("completed_on", "Tanggal selesai"),
    ("certificate_number", "Nomor sertifikat"),
    ("verification_url", "Tautan verifikasi"),
]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """Stop a spreadsheet from running a cell as a formula (OWASP CSV injection): prefix an apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def completion_rows(completions: Iterable[Completion]) -> Iterator[list[str]]:
    """One list of strings per completion, in COLUMNS order; every value passes through neutralise."""
    for completion in completions:
        user, unit = completion.user, completion.unit
        certificate = getattr(completion, "certificate", None)
        yield [
            neutralise(value)
            for value in (
                user.nip or "",
                user.display_name,
                user.position,
                unit.code if unit else "",
                unit.name if unit else "",
                completion.course.title,
                completion.jp,
                "" if completion.score is None else completion.score,
                "selesai",
                timezone.localtime(completion.completed_at).date().isoformat(),
                certificate.number if certificate else "",
                verification_url(certificate) if certificate else "",
            )
        ]


class _Echo:
    def write(self, value):
        return value


def csv_lines(completions: Iterable[Completion]) -> Iterator[str]:
    """Stream CSV text: a BOM so Excel reads UTF-8, a header row, then quoted rows; memory stays flat."""
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield "\ufeff"
    yield writer.writerow([label for _key, label in COLUMNS])
    for row in completion_rows(completions):
        yield writer.writerow(row)


def write_xlsx(completions: Iterable[Completion], target) -> int:
    """Write an XLSX in openpyxl's streaming mode with every cell as text (NIP never becomes 1.98E+17)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Rekap")
    sheet.append([label for _key, label in COLUMNS])
    count = 0
    for row in completion_rows(completions):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.number_format = "@"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(target)
    return count
