"""Delete finished bulk runs and their ZIPs after N days (run daily from a systemd timer); certificates stay."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from certificates.bulk import bulk_runs_purge


class Command(BaseCommand):
    help = "Deletes finished (done or failed) bulk certificate runs older than --days, with their ZIP files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Keep runs that finished in the last N days (30).")

    def handle(self, *args, days: int, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more")
        runs, files = bulk_runs_purge(older_than=timezone.now() - datetime.timedelta(days=days))
        self.stdout.write(f"{runs} bulk run(s) and {files} ZIP file(s) deleted (finished more than {days} days ago)")
