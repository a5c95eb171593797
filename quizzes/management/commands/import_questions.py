"""Import questions from CSV or XLSX into a quiz, reporting every bad row."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.models import Quiz
from quizzes.services.bank import QuestionFileError, error_report_csv, questions_import, read_rows


class Command(BaseCommand):
    help = "Import questions (CSV or XLSX, columns as in quizzes/services/bank.py) into the quiz with this slug."

    def add_arguments(self, parser):
        parser.add_argument("quiz", help="the quiz's slug")
        parser.add_argument("file")
        parser.add_argument("--partial", action="store_true", help="import the good rows even when some are bad")
        parser.add_argument("--errors", help="write the per-row error report (CSV) to this file")

    def handle(self, *args, quiz, file, partial, errors, **options):
        target = Quiz.objects.filter(slug=quiz).first()
        if target is None:
            raise CommandError(f"No quiz with the slug {quiz!r}.")
        path = Path(file)
        if not path.exists():
            raise CommandError(f"{file}: no such file.")
        try:
            with path.open("rb") as handle:
                rows = read_rows(handle, name=path.name)
        except QuestionFileError as error:
            raise CommandError(f"{file}: {error}") from error
        report = questions_import(quiz=target, rows=rows, partial=partial)
        for error in report.errors:
            self.stderr.write(f"row {error['row']} [{error['column']}]: {error['message']}")
        if errors:
            Path(errors).write_bytes(error_report_csv(report.errors))
        self.stdout.write(f"{report.created} questions imported, {len(report.errors)} errors.")
        if report.errors and not partial:
            raise CommandError("Nothing imported: correct the rows above or use --partial.")
