"""A trainer marks an essay: the attempt's score and pass/fail are worked out again on the server."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import grading
from ..models import Answer, Attempt, Question
from ..selectors import attempt_questions
from ..signals import attempt_finished
from .attempts import _progress_add


class NotMarkable(Exception):
    """Only essay answers of finished attempts are marked by hand."""


@transaction.atomic
def answer_mark(*, answer: Answer, percent: int, marker) -> Attempt:
    """Give an essay answer 0–100 % of its point, re-grade the attempt and announce it (records may complete)."""
    attempt = Attempt.objects.select_for_update().select_related("quiz").get(pk=answer.attempt_id)
    answer = Answer.objects.select_related("question").get(pk=answer.pk)
    if answer.question.kind != Question.Kind.ESSAY or not attempt.is_finished:
        raise NotMarkable(_("Only essay answers of finished attempts can be marked."))
    if not 0 <= percent <= 100:
        raise NotMarkable(_("A mark is between 0 and 100."))
    before = answer.points or grading.ZERO
    answer.points = (Decimal(percent) / 100).quantize(Decimal("0.0001"))
    answer.is_correct = percent >= 50
    answer.marked_by = marker
    answer.marked_at = timezone.now()
    answer.save(update_fields=["points", "is_correct", "marked_by", "marked_at"])
    if answer.question.category_id and not attempt.is_preview:
        _progress_add(user_id=attempt.user_id, earned={answer.question.category_id: [answer.points - before, 0]})
    drawn = attempt_questions(attempt=attempt)
    answers = Answer.objects.filter(attempt=attempt)
    total = sum((row.points or grading.ZERO for row in answers), grading.ZERO)
    attempt.score = grading.percent(points=total, questions=len(drawn))
    attempt.passed = attempt.score >= attempt.quiz.pass_mark
    attempt.needs_marking = answers.filter(points__isnull=True).exists()
    attempt.save(update_fields=["score", "passed", "needs_marking"])
    if not attempt.is_preview:
        attempt_finished.send(sender=Attempt, attempt=attempt)
    return attempt
