"""Import a django-quiz-app database: categories, quizzes, questions, complete sittings and progress."""

from django.core.management.base import BaseCommand, CommandError

from quizzes.services.legacy import LegacySourceError, django_quiz_import


class Command(BaseCommand):
    help = "Import a django-quiz-app database, e.g. sqlite:////srv/old/db.sqlite3 or postgres://user@host/db."

    def add_arguments(self, parser):
        parser.add_argument("database_url")
        parser.add_argument(
            "--media-root",
            help="The old site's MEDIA_ROOT folder, to copy question figures (a missing file is a warning).",
        )

    def handle(self, *args, database_url, media_root=None, **options):
        try:
            report = django_quiz_import(database_url=database_url, media_root=media_root)
        except LegacySourceError as error:
            raise CommandError(f"Nothing imported: {error}") from error
        for problem in report.problems:
            self.stderr.write(problem)
        summary = ", ".join(f"{key}: {count}" for key, count in sorted(report.counts.items())) or "nothing new"
        self.stdout.write(f"Imported {summary}.")
