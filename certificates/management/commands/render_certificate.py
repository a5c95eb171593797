"""Write the stored PDF of an issued certificate to a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.selectors import certificate_by_number


class Command(BaseCommand):
    help = "Writes the stored PDF of an issued certificate (by its number) to --output."

    def add_arguments(self, parser):
        parser.add_argument("number", help="Certificate number, e.g. 00001/BERAKHLAK/2026")
        parser.add_argument("--output", required=True, help="Path of the PDF file to write")

    def handle(self, *args, number, output, **options):
        certificate = certificate_by_number(number=number)
        if certificate is None:
            raise CommandError(f"No certificate has the number {number!r}.")
        if not certificate.pdf:
            raise CommandError(f"Certificate {number} has no stored PDF yet; is the task worker running?")
        with certificate.pdf.open("rb") as source:
            data = source.read()
        Path(output).write_bytes(data)
        self.stdout.write(f"{certificate.number} -> {output} ({len(data)} bytes, sha256 {certificate.sha256})")
