"""Start, answer and finish attempts; the time limit, attempt limits and grading live here."""

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import grading
from ..models import Answer, Attempt, AttemptQuestion, CategoryProgress, Question, Quiz
from ..selectors import drawn_ids, drawn_questions, questions_by_id, quiz_member_ids
from ..signals import attempt_finished

AnswerValue = int | list[int] | tuple[int, ...] | set[int] | str


class AttemptClosed(Exception):
    """The attempt is finished; its answers can no longer change."""


class AttemptTimedOut(AttemptClosed):
    """The time limit and its grace period are over: the attempt was closed with the answers saved in time."""


class AttemptLimitReached(Exception):
    """The learner has used every attempt the quiz allows."""


class StaleSubmission(Exception):
    """The learner submitted a page that is no longer the current one (back button, replay, second tab)."""


class IncompleteAttempt(Exception):
    """Some questions have no answer yet."""

    def __init__(self, missing: list[int]):
        super().__init__(_("Answer every question before finishing."))
        self.missing = missing


def _is_late(attempt: Attempt, now=None) -> bool:
    if attempt.deadline is None:
        return False
    return (now or timezone.now()) > attempt.deadline + timedelta(seconds=attempt.quiz.grace_seconds)


def _locked(attempt: Attempt, *, for_grading: bool = False) -> Attempt:
    """The attempt's row locked (only that row: OF self, so learners of one quiz never wait for each other).

    for_grading also joins what the listeners of a finished attempt read (its learner, the quiz's module).
    """
    related = ("quiz", "quiz__module", "user") if for_grading else ("quiz",)
    locked = Attempt.objects.select_for_update(of=("self",)).select_related(*related).get(pk=attempt.pk)
    if locked.is_finished:
        raise AttemptClosed(_("This attempt is already finished; answers are no longer accepted."))
    return locked


def _draw(quiz: Quiz) -> list[int]:
    """The questions of one attempt: a random subset when max_questions is set, shuffled when random_order is."""
    questions = quiz_member_ids(quiz=quiz)
    rng = random.SystemRandom()
    if quiz.max_questions and quiz.max_questions < len(questions):
        chosen = set(rng.sample(questions, quiz.max_questions))
        questions = [question for question in questions if question in chosen]
    if quiz.random_order:
        rng.shuffle(questions)
    return questions


def _finished_count(*, user, quiz: Quiz) -> int:
    return Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.Status.FINISHED, is_preview=False).count()


@transaction.atomic
def attempt_start(*, user, quiz: Quiz, preview: bool = False) -> Attempt:
    """Resume the open attempt if there is one, otherwise draw the questions of a new one.

    An open attempt past its time limit is closed first. When the quiz's attempt limit is used up, raises
    AttemptLimitReached — unless an overdue attempt was just closed, which is returned so its result shows.
    Previews (a trainer trying the quiz) never count towards limits, grades or statistics.
    """
    # Lock the learner's row so two simultaneous starts (double click, two tabs) cannot both create one.
    get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)
    open_attempt = (
        Attempt.objects.select_related("quiz")
        .filter(user=user, quiz=quiz, status=Attempt.Status.IN_PROGRESS, is_preview=preview)
        .order_by("started_at")
        .first()
    )
    if open_attempt is not None and not _is_late(open_attempt):
        return open_attempt
    closed = _grade(open_attempt, timed_out=True) if open_attempt is not None else None
    if not preview and quiz.attempt_limit and _finished_count(user=user, quiz=quiz) >= quiz.attempt_limit:
        if closed is not None:
            return closed
        raise AttemptLimitReached(_("You have used every attempt this quiz allows."))
    now = timezone.now()
    attempt = Attempt.objects.create(
        user=user,
        quiz=quiz,
        is_preview=preview,
        deadline=now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None,
    )
    AttemptQuestion.objects.bulk_create(
        AttemptQuestion(attempt=attempt, question_id=question_id, position=index)
        for index, question_id in enumerate(_draw(quiz))
    )
    return attempt


def _coerce(kind: str, value: AnswerValue | list[str]):
    """One value as the question's kind needs it: form fields arrive as lists of strings, services pass ints."""
    items = list(value) if isinstance(value, list | tuple | set) else [value]
    if kind == Question.Kind.ESSAY:
        # PostgreSQL cannot store NUL in text; no one types it, so it is dropped rather than failing the page.
        return str(items[0]).replace("\x00", "").strip() if items else ""
    ids = set()
    for item in items:
        if isinstance(item, int) or (isinstance(item, str) and item.isascii() and item.isdigit()):
            ids.add(int(item))
    if kind == Question.Kind.MULTIPLE_CORRECT:
        return ids
    return ids.pop() if len(ids) == 1 else None


def _save_answer(attempt: Attempt, question: Question, value, existing: Answer | None, new: list[Answer]) -> bool:
    """Store one answer (the attempt row is locked, so no one else writes it); False when the value was unusable.

    A first answer to a single-choice or essay question is appended to new, for one INSERT of them all.
    """
    value = _coerce(question.kind, value)
    now = timezone.now()
    if question.kind == Question.Kind.ESSAY:
        if not value:
            return False
        fields = {"text": value[:20000], "choice_id": None}
    elif question.kind == Question.Kind.MULTIPLE_CORRECT:
        ids = value & {choice.pk for choice in question.choices.all()}
        if not ids:
            if existing is not None:
                existing.delete()
            return False
        answer = existing or Answer.objects.create(attempt=attempt, question=question)
        if existing is not None:
            Answer.objects.filter(pk=existing.pk).update(answered_at=now)
        answer.choices.set(ids)
        return True
    else:
        if value is None or value not in {choice.pk for choice in question.choices.all()}:
            return False
        fields = {"choice_id": value}
    if existing is None:
        new.append(Answer(attempt=attempt, question=question, **fields))
    else:
        Answer.objects.filter(pk=existing.pk).update(answered_at=now, **fields)
    return True


def _missing(attempt: Attempt, drawn: list[int]) -> list[int]:
    answered = set(Answer.objects.filter(attempt=attempt).values_list("question_id", flat=True))
    return [pk for pk in drawn if pk not in answered]


@transaction.atomic
def _answer(
    attempt: Attempt, answers: dict[int, AnswerValue], position: int | None, finish: bool
) -> tuple[Attempt, bool, list[int]]:
    """The hot path of a quiz: one lock, the drawn ids, the questions posted, their answers; nothing more."""
    locked = _locked(attempt, for_grading=finish)
    if _is_late(locked):
        return _grade(locked, timed_out=True), True, []
    if position is not None and position != locked.position:
        raise StaleSubmission(_("This page is out of date; the current question is shown again."))
    drawn = drawn_ids(attempt=locked)
    # One per page: only the question on this page may change; earlier ones are locked.
    open_ids = drawn if position is None else drawn[locked.position : locked.position + 1]
    posted = [pk for pk in open_ids if pk in answers]
    questions = questions_by_id(posted).values()
    existing = (
        {answer.question_id: answer for answer in Answer.objects.filter(attempt=locked, question_id__in=posted)}
        if posted
        else {}
    )
    new: list[Answer] = []
    saved = {
        question.pk
        for question in questions
        if _save_answer(locked, question, answers[question.pk], existing.get(question.pk), new)
    }
    Answer.objects.bulk_create(new)
    if position is not None and open_ids:
        # One per page cannot go back: moving on past an unanswered question would make finishing impossible.
        current = open_ids[0]
        if current not in saved and not Answer.objects.filter(attempt=locked, question_id=current).exists():
            raise IncompleteAttempt([current])
        if locked.position + 1 < len(drawn):
            locked.position += 1
            locked.save(update_fields=["position"])
            return locked, False, []
    if finish:
        # Missing answers are reported after commit, so the answers just given are kept. The rows read for the
        # check are the ones graded (one read of the attempt's answers).
        rows = list(Answer.objects.filter(attempt=locked))
        answered = {row.question_id for row in rows}
        if missing := [pk for pk in drawn if pk not in answered]:
            return locked, False, missing
        return _grade(locked, drawn=drawn, rows=rows), False, []
    return locked, False, []


def attempt_answer(
    *, attempt: Attempt, answers: dict[int, AnswerValue], position: int | None = None, finish: bool = False
) -> Attempt:
    """Save answers (question id → choice id, list of choice ids, or essay text; form lists of strings too).

    With a position, a one-per-page attempt accepts only that page's question and moves forward. With finish,
    the attempt is graded in the same transaction once its last page is answered (all answered, else
    IncompleteAttempt). After the time limit plus its grace period the answers are ignored, the attempt is
    graded with what was saved in time, and AttemptTimedOut is raised (after that closing is committed).
    """
    locked, timed_out, missing = _answer(attempt, answers, position, finish)
    if timed_out:
        raise AttemptTimedOut(_("Time is up: answers sent after the time limit were not saved."))
    if missing:
        raise IncompleteAttempt(missing)
    return locked


@transaction.atomic
def attempt_expire_if_due(*, attempt: Attempt) -> Attempt:
    """Close an open attempt whose time (and grace) is over; anything else is returned unchanged."""
    if attempt.is_finished or attempt.deadline is None:
        return attempt
    try:
        locked = _locked(attempt)
    except AttemptClosed:
        return Attempt.objects.get(pk=attempt.pk)
    return _grade(locked, timed_out=True) if _is_late(locked) else locked


@transaction.atomic
def attempt_finish(*, attempt: Attempt, require_all: bool = True) -> Attempt:
    """Grade on the server and close the attempt; a second finish finds it closed and changes nothing.

    After the time limit an attempt is graded with the answers saved in time, answered or not.
    """
    locked = _locked(attempt, for_grading=True)
    late = _is_late(locked)
    if require_all and not late and (missing := _missing(locked, drawn_ids(attempt=locked))):
        raise IncompleteAttempt(missing)
    return _grade(locked, timed_out=late)


def _points(answer: Answer, question: Question) -> Decimal | None:
    kind = question.kind
    if kind == Question.Kind.ESSAY:
        return None
    if kind == Question.Kind.MULTIPLE_CORRECT:
        correct = {choice.pk for choice in question.choices.all() if choice.is_correct}
        return grading.multiple_correct_points(chosen={choice.pk for choice in answer.choices.all()}, correct=correct)
    if answer.choice_id is None:
        return grading.ZERO
    choices = {choice.pk: choice for choice in question.choices.all()}
    if kind == Question.Kind.SITUATIONAL:
        totals = {pk: sum(score.score for score in choice.value_scores.all()) for pk, choice in choices.items()}
        return grading.situational_points(
            chosen_total=totals.get(answer.choice_id, 0), option_totals=list(totals.values())
        )
    chosen = choices.get(answer.choice_id)
    return grading.choice_points(is_correct=bool(chosen and chosen.is_correct))


def _progress_add(*, user_id: int, earned: dict[int, list]) -> None:
    """Add an attempt's points per category: two queries per category, not per question."""
    for category_id, (points, possible) in earned.items():
        row, _created = CategoryProgress.objects.get_or_create(user_id=user_id, category_id=category_id)
        CategoryProgress.objects.filter(pk=row.pk).update(
            points=F("points") + points, possible=F("possible") + possible
        )


def _grade(
    locked: Attempt, *, timed_out: bool = False, drawn: list[int] | None = None, rows: list[Answer] | None = None
) -> Attempt:
    """Score every drawn question, close the attempt and tell listeners (records completes modules).

    drawn and rows: the attempt's drawn ids and its answers when the caller has just read them.
    """
    # The key as the database has it now, never a process's kept copy (grading happens once per attempt).
    questions = drawn_questions(drawn_ids(attempt=locked) if drawn is None else drawn, fresh=True)
    rows = list(locked.answers.all()) if rows is None else rows
    if any(question.kind == Question.Kind.MULTIPLE_CORRECT for question in questions):
        prefetch_related_objects(rows, "choices")  # only multiple-correct answers have chosen choices
    answers = {answer.question_id: answer for answer in rows}
    total = Decimal(0)
    needs_marking = False
    earned: dict[int, list] = {}
    for question in questions:
        answer = answers.get(question.pk)
        points = _points(answer, question) if answer else grading.ZERO
        if answer is not None:
            answer.points = points
            answer.is_correct = None if points is None else points == grading.ONE
            needs_marking |= points is None
        total += points or grading.ZERO
        if question.category_id:
            row = earned.setdefault(question.category_id, [grading.ZERO, 0])
            row[0] += points or grading.ZERO
            row[1] += 1
    # One plain UPDATE per distinct result (right, wrong, to be marked, ...): cheaper to build than bulk_update's
    # CASE over every answer, and a paper has only a few distinct results.
    results: dict[tuple, list[int]] = {}
    for answer in answers.values():
        results.setdefault((answer.points, answer.is_correct), []).append(answer.pk)
    for (points, is_correct), ids in results.items():
        Answer.objects.filter(pk__in=ids).update(points=points, is_correct=is_correct)
    if not locked.is_preview:
        _progress_add(user_id=locked.user_id, earned=earned)
    locked.score = grading.percent(points=total, questions=len(questions))
    locked.passed = locked.score >= locked.quiz.pass_mark
    locked.needs_marking = needs_marking
    locked.timed_out = timed_out
    locked.status = Attempt.Status.FINISHED
    locked.finished_at = timezone.now()
    locked.save(update_fields=["score", "passed", "needs_marking", "timed_out", "status", "finished_at"])
    if not locked.quiz.exam_paper:
        # Keep only the latest paper: earlier attempts keep their score, not their answers.
        Answer.objects.filter(
            attempt__user_id=locked.user_id, attempt__quiz_id=locked.quiz_id, attempt__status=Attempt.Status.FINISHED
        ).exclude(attempt=locked).delete()
    if not locked.is_preview:
        attempt_finished.send(sender=Attempt, attempt=locked)
    return locked


def answer_check(*, answer: Answer, question: Question) -> Decimal | None:
    """Points an answer would earn, for immediate feedback on a locked question (answers_at_end off)."""
    return _points(answer, question)
