"""Delete expired exports and their files (run daily by the deployment's timer)."""

from django.core.management.base import BaseCommand, CommandError

from reports.services import export_jobs_purge


class Command(BaseCommand):
    help = "Delete exports whose download link expired more than --days days ago, with their files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=0, help="Keep expired exports this many days (default 0).")

    def handle(self, *args, days: int, **options):
        if days < 0:
            raise CommandError("--days must be zero or more")
        rows, files = export_jobs_purge(days=days)
        self.stdout.write(f"{rows} exports deleted, {files} files removed")
