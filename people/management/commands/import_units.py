"""Import the unit tree (CSV or XLSX: kode, nama, jenis, kode_induk); see README.md, "Unit tree import"."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.importing import units_import

from .import_roster import _report


class Command(BaseCommand):
    help = "Creates units and updates names, kinds and parents by code; imports nothing when a row is bad."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8) or XLSX with the columns of docs/samples/units.csv")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; change nothing")
        parser.add_argument("--errors", help="Also write the error report (CSV: row, column, message) here")

    def handle(self, *args, file, dry_run, errors, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        result = units_import(data=path.read_bytes(), filename=path.name, dry_run=dry_run)
        _report(self, result, errors, dry_run)
