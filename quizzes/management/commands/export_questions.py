"""Export a quiz's questions to CSV or XLSX in the import format."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.models import Quiz
from quizzes.services.bank import questions_export


class Command(BaseCommand):
    help = "Export the questions of the quiz with this slug (situational-judgement questions are left out)."

    def add_arguments(self, parser):
        parser.add_argument("quiz", help="the quiz's slug")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", required=True)

    def handle(self, *args, quiz, format, output, **options):
        target = Quiz.objects.filter(slug=quiz).first()
        if target is None:
            raise CommandError(f"No quiz with the slug {quiz!r}.")
        content, _content_type = questions_export(quiz=target, file_format=format)
        Path(output).write_bytes(content)
        self.stdout.write(f"{target.links.count()} questions written to {output}.")
