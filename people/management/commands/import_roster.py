"""Import the employee roster (CSV or XLSX) from the command line; see README.md, "Roster import"."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.importing import roster_import
from people.tables import errors_csv


class Command(BaseCommand):
    help = "Creates and updates ASN by NIP from a CSV or XLSX roster; imports nothing when a row is bad."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8) or XLSX with the columns of docs/samples/roster.csv")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; change nothing")
        parser.add_argument(
            "--partial", action="store_true", help="Import the good rows even when some are bad (no deactivation)"
        )
        parser.add_argument("--errors", help="Also write the error report (CSV: row, column, message) here")

    def handle(self, *args, file, dry_run, partial, errors, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        result = roster_import(data=path.read_bytes(), filename=path.name, dry_run=dry_run, partial=partial)
        _report(self, result, errors, dry_run)


def _report(command, result, errors_path, dry_run):
    for error in result.errors:
        command.stderr.write(f"row {error.row} {error.column}: {error.message}")
    if errors_path and result.errors:
        Path(errors_path).write_text(errors_csv(result.errors), encoding="utf-8")
    summary = (
        f"{result.rows} rows: {result.created} created, {result.updated} updated, "
        f"{result.deactivated} deactivated, {len(result.errors)} errors"
    )
    if result.applied:
        command.stdout.write(summary + " (imported)")
    elif dry_run and not result.errors:
        command.stdout.write(summary + " (dry run: nothing changed)")
    else:
        raise CommandError(summary + "; nothing was imported")
