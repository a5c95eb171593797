"""Recompute the yearly JP summaries and completion tallies from the facts (after a bulk load, or to repair)."""

from django.core.management.base import BaseCommand

from records.services import summaries_rebuild


class Command(BaseCommand):
    help = "Recompute records.JpYear and records.CompletionTally from completions and approved external training."

    def handle(self, *args, **options):
        people_years, tallies = summaries_rebuild()
        self.stdout.write(f"{people_years} person-years, {tallies} unit-course-years")
