"""Import a django-quiz-app database: categories, quizzes, questions, complete sittings and progress."""

from django.core.management.base import BaseCommand, CommandError

from quizzes.services.legacy import LegacySourceError, django_quiz_import


class Command(BaseCommand):
    help = "Import a django-quiz-app database, e.g. sqlite:////srv/old/db.sqlite3 or postgres://user@host/db."

    def add_arguments(self, parser):
        parser.add_argument("database_url")

    def handle(self, *args, database_url, **options):
        try:
            report = django_quiz_import(database_url=database_url)
        except LegacySourceError as error:
            raise CommandError(f"Nothing imported: {error}") from error
        for problem in report.problems:
            self.stderr.write(problem)
        summary = ", ".join(f"{key}: {count}" for key, count in sorted(report.counts.items())) or "nothing new"
        self.stdout.write(f"Imported {summary}.")
