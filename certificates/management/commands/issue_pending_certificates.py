"""Queue (or issue now) the certificates that a dead worker or a failed render left behind."""

from django.core.management.base import BaseCommand

from certificates.selectors import completions_without_certificate_pdf
from certificates.services import certificate_issue
from certificates.tasks import certificate_issue_task


class Command(BaseCommand):
    help = "Finds completions without a stored certificate PDF and queues their issue (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Issue in this process instead of queueing tasks")

    def handle(self, *args, now, **options):
        count = 0
        for completion in completions_without_certificate_pdf().iterator():
            if now:
                certificate_issue(completion=completion)
            else:
                certificate_issue_task.enqueue(completion.pk)
            count += 1
        verb = "issued" if now else "queued"
        self.stdout.write(f"{count} certificate(s) {verb}")
