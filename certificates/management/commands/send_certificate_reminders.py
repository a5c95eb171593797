"""Email holders whose certificates expire soon (run daily from cron or a systemd timer); each is reminded once."""

from django.core.management.base import BaseCommand

from certificates.emails import expiry_reminders_send


class Command(BaseCommand):
    help = "Sends expiry reminder emails (MELAYANI_EXPIRY_REMINDER_DAYS before expiry), once per certificate."

    def handle(self, *args, **options):
        self.stdout.write(f"{expiry_reminders_send()} reminder(s) sent")
