"""Load idempotent demo content and print the demo sign-ins."""

from django.core.management.base import BaseCommand

from demo.services import demo_seed


class Command(BaseCommand):
    help = "Creates demo units, accounts, Ber-AKHLAK modules and a completed module with its certificate."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="Melayani#2026", help="Password for every demo account")
        parser.add_argument("--learners", type=int, default=0, help="Also add N synthetic ASN with completions")

    def handle(self, *args, password, learners, **options):
        for role, login, secret in demo_seed(password=password, learners=learners):
            self.stdout.write(f"{role} {login} {secret}")
