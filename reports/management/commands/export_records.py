"""Export completion records for operators (all units, or one unit's subtree)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.log_actions import log

from reports.exports import FORMATS
from reports.models import ExportJob
from reports.selectors import UnknownUnit, completions_for_export


class Command(BaseCommand):
    help = "Writes completion records as CSV, XLSX or ODS with the documented column schema (README, Export columns)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("--output", required=True, help="File to write")
        parser.add_argument("--unit", help="Unit code: only this unit and the units below it")
        parser.add_argument("--year", type=int, help="Only completions of this year")

    def handle(self, *args, format, output, unit, year, **options):
        try:
            completions = completions_for_export(year=year, unit_code=unit)
        except UnknownUnit:
            raise CommandError(f"No unit has the code {unit!r}.") from None
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"No such folder: {path.parent}")
        count = FORMATS[format](completions, path)
        # Operators' exports are audited like HR's: an ExportJob row without an owner-facing file.
        self._audit(format=format, unit=unit, year=year, count=count, path=path)
        self.stdout.write(f"{count} records -> {path}")

    def _audit(self, *, format, unit, year, count, path):
        from django.contrib.auth import get_user_model

        owner = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if owner is None:
            return  # nothing to attach the entry to on an empty installation
        job = ExportJob.objects.create(
            owner=owner,
            format=format,
            filters={"year": year, "unit_code": unit, "command": "export_records"},
            status=ExportJob.Status.DONE,
            rows_total=count,
            rows_done=count,
        )
        log(
            instance=job,
            action="melayani.export",
            user=None,
            data={"format": format, "filters": job.filters, "rows": count, "command": True, "output": str(path)},
        )
