"""Export completion records for operators (all units, or one unit's subtree)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.exports import csv_lines, write_xlsx
from reports.selectors import UnknownUnit, completions_for_export


class Command(BaseCommand):
    help = "Writes completion records as CSV or XLSX with the documented column schema."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", required=True, help="File to write")
        parser.add_argument("--unit", help="Unit code: only this unit and the units below it")
        parser.add_argument("--year", type=int, help="Only completions of this year")

    def handle(self, *args, format, output, unit, year, **options):
        try:
            completions = completions_for_export(year=year, unit_code=unit).iterator(chunk_size=2000)
        except UnknownUnit:
            raise CommandError(f"No unit has the code {unit!r}.") from None
        path = Path(output)
        if format == "xlsx":
            count = write_xlsx(completions, path)
        else:
            count = -1
            with path.open("w", encoding="utf-8", newline="") as handle:
                for line in csv_lines(completions):
                    handle.write(line)
                    count += 1
            count = max(count - 1, 0)  # the BOM and the header are not records
        self.stdout.write(f"{count} records -> {path}")
