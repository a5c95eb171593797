"""For cron or an operator after a worker machine died: database-queue tasks stuck in RUNNING go back in line."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from operations.queue import stale_task_requeue


class Command(BaseCommand):
    help = "Requeue database-queue tasks that have been RUNNING longer than --older-than minutes (their worker died)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            metavar="MINUTES",
            help="Default: TASK_STALE_AFTER_MINUTES (60). Set it above your longest task's running time.",
        )

    def handle(self, *args, older_than, **options):
        if settings.TASKS_BACKEND != "database":
            raise CommandError("Only the database queue needs this: RQ moves a dead worker's jobs to its failed list.")
        minutes = settings.TASK_STALE_AFTER_MINUTES if older_than is None else older_than
        if minutes < 1:
            raise CommandError("--older-than must be at least 1 minute.")
        requeued = stale_task_requeue(cutoff=timezone.now() - timedelta(minutes=minutes))
        self.stdout.write(f"{requeued} stale task(s) requeued.")
