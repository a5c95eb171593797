"""Writes about attempts: start, answer, finish. Grading happens here and nowhere else."""

from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Answer, Attempt, Choice, Question, Quiz
from .selectors import quiz_questions
from .signals import attempt_finished


class AttemptClosed(Exception):
    """The attempt is finished; its answers can no longer change."""


class StaleSubmission(Exception):
    """The learner submitted a page that is no longer the current one (back button, replay, second tab)."""


class IncompleteAttempt(Exception):
    """Some questions have no answer yet."""

    def __init__(self, missing: list[int]):
        super().__init__(_("Answer every question before finishing."))
        self.missing = missing


def _locked(attempt: Attempt) -> Attempt:
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.is_finished:
        raise AttemptClosed(_("This attempt is already finished; answers are no longer accepted."))
    return locked


@transaction.atomic
def attempt_start(*, user, quiz: Quiz) -> Attempt:
    """Resume the open attempt if there is one, otherwise begin a new one."""
    # Lock the learner's row so two simultaneous starts (double click, two tabs) cannot both create one.
    get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)
    open_attempt = (
        Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.Status.IN_PROGRESS).order_by("started_at").first()
    )
    return open_attempt or Attempt.objects.create(user=user, quiz=quiz)


@transaction.atomic
def attempt_answer(*, attempt: Attempt, answers: dict[int, int], position: int | None = None) -> Attempt:
    """Save answers (question id → choice id); with a position, also move a one-per-page attempt forward."""
    locked = _locked(attempt)
    if position is not None and position != locked.position:
        raise StaleSubmission(_("This page is out of date; the current question is shown again."))
    questions = {question.pk: question for question in quiz_questions(quiz=locked.quiz)}
    for question_id, choice_id in answers.items():
        question = questions.get(question_id)
        if question is None:
            continue
        choice = Choice.objects.filter(pk=choice_id, question=question).first()
        if choice is None:
            continue
        Answer.objects.update_or_create(attempt=locked, question=question, defaults={"choice": choice})
    if position is not None and locked.position < len(questions):
        # One per page cannot go back: moving on past an unanswered question would make finishing impossible.
        current = list(questions)[locked.position]
        if not Answer.objects.filter(attempt=locked, question_id=current).exists():
            raise IncompleteAttempt([current])
    if position is not None and locked.position + 1 < len(questions):
        locked.position += 1
        locked.save(update_fields=["position"])
    return locked


@transaction.atomic
def attempt_finish(*, attempt: Attempt, require_all: bool = True) -> Attempt:
    """Grade on the server and close the attempt; a second finish finds it closed and changes nothing."""
    locked = _locked(attempt)
    questions: list[Question] = list(quiz_questions(quiz=locked.quiz))
    answers = {answer.question_id: answer for answer in locked.answers.select_related("choice")}
    missing = [question.pk for question in questions if question.pk not in answers]
    if require_all and missing:
        raise IncompleteAttempt(missing)
    correct = 0
    for answer in answers.values():
        answer.is_correct = answer.choice.is_correct
        answer.save(update_fields=["is_correct"])
        correct += int(answer.is_correct)
    total = len(questions)
    score = (Decimal(100) * correct / total) if total else Decimal(0)
    locked.score = score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    locked.passed = locked.score >= locked.quiz.pass_mark
    locked.status = Attempt.Status.FINISHED
    locked.finished_at = timezone.now()
    locked.save(update_fields=["score", "passed", "status", "finished_at"])
    attempt_finished.send(sender=Attempt, attempt=locked)
    return locked


@transaction.atomic
def question_create(
    *,
    quiz: Quiz,
    text: str,
    choices: list[tuple[str, bool]],
    kind: str = Question.Kind.MULTIPLE_CHOICE,
    explanation: str = "",
) -> Question:
    """Add a question with its choices (exactly one correct), as the admin and seed data both need."""
    if sum(1 for _text, correct in choices if correct) != 1:
        raise ValueError("A question needs exactly one correct choice.")
    order = quiz.questions.count()
    question = Question.objects.create(quiz=quiz, text=text, kind=kind, explanation=explanation, sort_order=order)
    for index, (choice_text, correct) in enumerate(choices):
        Choice.objects.create(question=question, text=choice_text, is_correct=correct, sort_order=index)
    return question


def question_create_true_false(*, quiz: Quiz, text: str, answer: bool, explanation: str = "") -> Question:
    return question_create(
        quiz=quiz,
        text=text,
        kind=Question.Kind.TRUE_FALSE,
        choices=[(_("True"), answer), (_("False"), not answer)],
        explanation=explanation,
    )
