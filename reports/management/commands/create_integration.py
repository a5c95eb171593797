"""Create (or re-key) an API integration for an HR system and print its token once."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from people.models import Unit
from reports.models import Integration


class Command(BaseCommand):
    help = "Creates an API integration limited to the given units (and below) and prints its token once."

    def add_arguments(self, parser):
        parser.add_argument("name", help="A name for the HR system, e.g. SIMPEG-SDA")
        parser.add_argument("--unit", action="append", required=True, help="Unit code (repeat for several)")
        parser.add_argument("--rotate", action="store_true", help="Give an existing integration a new token")

    @transaction.atomic
    def handle(self, *args, name, unit, rotate, **options):
        units = list(Unit.objects.filter(code__in=unit))
        missing = sorted(set(unit) - {u.code for u in units})
        if missing:
            raise CommandError(f"No unit has the code(s): {', '.join(missing)}")
        integration = Integration.objects.filter(name=name).first()
        if integration is not None and not rotate:
            raise CommandError(f"{name!r} exists; use --rotate to give it a new token.")
        integration = integration or Integration(name=name)
        token = integration.set_new_token()
        integration.save()
        integration.units.set(units)
        self.stdout.write(f"Integration {name} for {', '.join(sorted(u.code for u in units))}.")
        self.stdout.write("Token (shown only now; send it as 'Authorization: Bearer <token>'):")
        self.stdout.write(token)
