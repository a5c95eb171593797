"""Reads about quizzes, attempts and grades."""

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Prefetch, QuerySet

from ..models import Attempt, AttemptQuestion, CategoryProgress, Choice, Question, Quiz
from .content import questions_by_id

_CHOICES = Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk").prefetch_related("value_scores"))


def quiz_for_module(*, module) -> Quiz | None:
    """The module's graded quiz (a post-test or a quiz; never a pre-test): passing it completes the module."""
    return (
        Quiz.objects.filter(module=module, is_published=True)
        .exclude(purpose=Quiz.Purpose.PRE_TEST)
        .order_by("pk")
        .first()
    )


def pre_test_for_module(*, module) -> Quiz | None:
    return Quiz.objects.filter(module=module, is_published=True, purpose=Quiz.Purpose.PRE_TEST).order_by("pk").first()


def quiz_members(*, quiz: Quiz) -> QuerySet[Question]:
    """The questions a quiz uses (written in it or reused from another), in that quiz's order."""
    return (
        Question.objects.filter(quiz_links__quiz=quiz)
        .annotate(position=F("quiz_links__sort_order"))
        .order_by("position", "pk")
    )


def quiz_questions(*, quiz: Quiz) -> QuerySet[Question]:
    return quiz_members(quiz=quiz).prefetch_related(_CHOICES)


def attempt_questions(*, attempt: Attempt) -> list[Question]:
    """The questions drawn for this attempt, in its order (questions deleted since are left out)."""
    return drawn_questions(drawn_ids(attempt=attempt))


def drawn_ids(*, attempt: Attempt) -> list[int]:
    """Question ids of the attempt in its order (drawn rows of deleted questions are deleted with them)."""
    return list(
        AttemptQuestion.objects.filter(attempt=attempt).order_by("position").values_list("question_id", flat=True)
    )


def drawn_questions(order: list[int], *, fresh: bool = False) -> list[Question]:
    """The questions of these ids in this order, with choices and value scores (shared, read-only instances)."""
    by_id = questions_by_id(order, fresh=fresh)
    return [by_id[pk] for pk in order if pk in by_id]


def choices_for_display(*, question: Question, attempt: Attempt) -> list[Choice]:
    """Choices in the question's answer order; a random order is fixed per attempt so a reload keeps it."""
    choices = list(question.choices.all())
    order = question.answer_order
    if order == Question.AnswerOrder.ALPHABETICAL:
        return sorted(choices, key=lambda choice: (choice.text.casefold(), choice.pk))
    if order == Question.AnswerOrder.NONE:
        return sorted(choices, key=lambda choice: choice.pk)
    if order == Question.AnswerOrder.RANDOM:
        random.Random(f"{attempt.pk}:{question.pk}").shuffle(choices)  # a stable order per attempt, not a secret  # nosec B311
    return choices


def attempts_of(*, user, quiz: Quiz) -> QuerySet[Attempt]:
    return Attempt.objects.filter(user=user, quiz=quiz, is_preview=False).order_by("-started_at")


def attempts_and_grade(*, user, quiz: Quiz) -> "tuple[list[Attempt], Grade | None]":
    """Every (non-preview) attempt of the learner, latest first, and the grade they give: one query."""
    attempts = list(attempts_of(user=user, quiz=quiz))
    finished = sorted(
        (attempt for attempt in attempts if attempt.status == Attempt.Status.FINISHED),
        key=lambda attempt: (attempt.finished_at, attempt.pk),
    )
    return attempts, grade_of(quiz=quiz, finished=finished)


def _finished(*, user, quiz: Quiz) -> QuerySet[Attempt]:
    return Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.Status.FINISHED, is_preview=False)


def best_finished_attempt(*, user, quiz: Quiz) -> Attempt | None:
    return _finished(user=user, quiz=quiz).order_by("-score", "finished_at", "pk").first()


@dataclass(frozen=True)
class Grade:
    """The grade that counts for a learner under the quiz's grading method."""

    score: Decimal
    passed: bool
    attempt: Attempt  # the attempt the grade comes from (for "average": the latest one)
    attempts: int


def grade_score(*, method: str, scores: list[Decimal]) -> Decimal:
    """The score that counts among finished attempts' scores in the order they finished (not empty)."""
    if method == Quiz.GradingMethod.AVERAGE:
        return (sum(scores) / len(scores)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if method == Quiz.GradingMethod.FIRST:
        return scores[0]
    if method == Quiz.GradingMethod.LAST:
        return scores[-1]
    return max(scores)


def attempt_grade(*, user, quiz: Quiz) -> Grade | None:
    """Highest, last, first or average of the learner's finished attempts; None before the first one."""
    return grade_of(quiz=quiz, finished=list(_finished(user=user, quiz=quiz).order_by("finished_at", "pk")))


def grade_of(*, quiz: Quiz, finished: list[Attempt]) -> Grade | None:
    """The grade from a learner's finished, non-preview attempts of the quiz in the order they finished."""
    if not finished:
        return None
    method = quiz.grading_method
    if method == Quiz.GradingMethod.AVERAGE:
        score = grade_score(method=method, scores=[attempt.score for attempt in finished])
        return Grade(score=score, passed=score >= quiz.pass_mark, attempt=finished[-1], attempts=len(finished))
    if method == Quiz.GradingMethod.FIRST:
        chosen = finished[0]
    elif method == Quiz.GradingMethod.LAST:
        chosen = finished[-1]
    else:
        chosen = max(finished, key=lambda attempt: attempt.score)  # max keeps the earliest of equal scores
    return Grade(score=chosen.score, passed=bool(chosen.passed), attempt=chosen, attempts=len(finished))


def module_quiz_passed(*, user, module) -> tuple[bool, Attempt | None]:
    """Whether the module's quiz is passed (a module without a quiz needs none) and the attempt that counts."""
    quiz = quiz_for_module(module=module)
    if quiz is None:
        return True, None
    grade = attempt_grade(user=user, quiz=quiz)
    if grade is None:
        return False, None
    return grade.passed, grade.attempt


def category_progress(*, user) -> QuerySet[CategoryProgress]:
    """Points per category for one learner (django-quiz-app's progress page), keyed by category id."""
    return CategoryProgress.objects.filter(user=user).select_related("category", "category__parent")


def sittings(*, quiz: Quiz | None = None, needs_marking: bool | None = None) -> QuerySet[Attempt]:
    """Finished attempts for trainers (django-quiz-app's sittings list)."""
    rows = Attempt.objects.filter(status=Attempt.Status.FINISHED, is_preview=False).select_related("user", "quiz")
    if quiz is not None:
        rows = rows.filter(quiz=quiz)
    if needs_marking is not None:
        rows = rows.filter(needs_marking=needs_marking)
    return rows.order_by("-finished_at")
