"""Time limit with grace, multiple-correct scoring, attempt limits, grading methods and review options."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from quizzes import grading
from quizzes.models import Answer, Attempt, Quiz
from quizzes.selectors import attempt_grade, module_quiz_passed
from quizzes.services import (
    AttemptLimitReached,
    AttemptTimedOut,
    attempt_answer,
    attempt_finish,
    attempt_start,
)
from tests import factories
from tests.quizzes import factories as qf

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)


def _timed_quiz(**settings):
    quiz = qf.standalone_quiz(time_limit_minutes=10, grace_seconds=30, **settings)
    return quiz, qf.mc(quiz), qf.mc(quiz, text="Soal dua?")


def test_answers_within_the_grace_period_count(learner):
    quiz, one, two = _timed_quiz()
    with time_machine.travel(START, tick=False) as traveller:
        attempt = attempt_start(user=learner, quiz=quiz)
        assert attempt.deadline == START + dt.timedelta(minutes=10)
        traveller.move_to(START + dt.timedelta(minutes=10, seconds=29))
        attempt_answer(attempt=attempt, answers={one.pk: qf.choice_named(one, "Benar")})
        assert Answer.objects.filter(attempt=attempt).count() == 1
        traveller.move_to(START + dt.timedelta(minutes=10, seconds=30))
        attempt_answer(attempt=attempt, answers={two.pk: qf.choice_named(two, "Benar")})
        graded = attempt_finish(attempt=attempt)
    assert graded.score == 100 and not graded.timed_out


def test_late_answers_are_ignored_and_the_attempt_is_closed_with_what_came_in_time(learner):
    quiz, one, two = _timed_quiz()
    with time_machine.travel(START, tick=False) as traveller:
        attempt = attempt_start(user=learner, quiz=quiz)
        traveller.move_to(START + dt.timedelta(minutes=5))
        attempt_answer(attempt=attempt, answers={one.pk: qf.choice_named(one, "Benar")})
        traveller.move_to(START + dt.timedelta(minutes=10, seconds=31))
        with pytest.raises(AttemptTimedOut):
            attempt_answer(attempt=attempt, answers={two.pk: qf.choice_named(two, "Benar")})
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.timed_out
    assert attempt.score == 50  # the late answer to question two was not saved
    assert not Answer.objects.filter(attempt=attempt, question=two).exists()


def test_a_late_finish_grades_without_demanding_every_answer(learner):
    quiz, one, _two = _timed_quiz()
    with time_machine.travel(START, tick=False) as traveller:
        attempt = attempt_start(user=learner, quiz=quiz)
        attempt_answer(attempt=attempt, answers={one.pk: qf.choice_named(one, "Benar")})
        traveller.move_to(START + dt.timedelta(hours=1))
        graded = attempt_finish(attempt=attempt)
    assert graded.timed_out and graded.score == 50


def test_opening_an_overdue_attempt_closes_it_and_shows_the_result(english, learner):
    quiz, one, _two = _timed_quiz()
    with time_machine.travel(START, tick=False) as traveller:
        attempt = attempt_start(user=learner, quiz=quiz)
        traveller.move_to(START + dt.timedelta(minutes=11))
        response = english.get(reverse("quizzes:attempt", args=[attempt.pk]))
        assert response.status_code == 302 and response.url == reverse("quizzes:result", args=[attempt.pk])
        late_post = english.post(
            reverse("quizzes:attempt", args=[attempt.pk]), {f"q{one.pk}": qf.choice_named(one, "Benar")}
        )
    assert late_post.status_code == 409
    attempt.refresh_from_db()
    assert attempt.timed_out and attempt.score == 0


def test_a_late_post_through_the_page_is_refused_and_says_time_is_up(english, learner):
    quiz, one, two = _timed_quiz()
    with time_machine.travel(START, tick=False) as traveller:
        attempt = attempt_start(user=learner, quiz=quiz)
        traveller.move_to(START + dt.timedelta(minutes=12))
        response = english.post(
            reverse("quizzes:attempt", args=[attempt.pk]),
            {f"q{one.pk}": qf.choice_named(one, "Benar"), f"q{two.pk}": qf.choice_named(two, "Benar")},
            follow=True,
        )
    assert "Time is up" in response.content.decode()
    assert Attempt.objects.get(pk=attempt.pk).score == 0


def test_starting_again_after_the_deadline_closes_the_old_attempt_and_opens_a_new_one(learner):
    quiz, _one, _two = _timed_quiz()
    with time_machine.travel(START, tick=False) as traveller:
        first = attempt_start(user=learner, quiz=quiz)
        traveller.move_to(START + dt.timedelta(minutes=20))
        second = attempt_start(user=learner, quiz=quiz)
    first.refresh_from_db()
    assert first.timed_out and first.is_finished and second.pk != first.pk and not second.is_finished


# --- multiple correct answers: all-or-nothing --------------------------------------------------------------


@pytest.mark.parametrize(
    ("ticked", "points"),
    [({0, 2}, 1), ({0}, 0), ({0, 1, 2}, 0), ({0, 1, 2, 3}, 0), (set(), 0)],
    ids=["exactly-right", "missing-one", "one-extra", "everything", "nothing"],
)
def test_multiple_correct_is_all_or_nothing(ticked, points):
    assert grading.multiple_correct_points(chosen=ticked, correct={0, 2}) == points


def test_multiple_correct_question_graded_through_the_page(english, learner):
    quiz = qf.standalone_quiz()
    question = qf.multi(quiz)
    options = {c.text: c.pk for c in question.choices.all()}
    attempt = attempt_start(user=learner, quiz=quiz)
    page = english.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert 'type="checkbox"' in page
    english.post(
        reverse("quizzes:attempt", args=[attempt.pk]), {f"q{question.pk}": [options["Opsi 0"], options["Opsi 2"]]}
    )
    attempt.refresh_from_db()
    assert attempt.score == 100
    assert set(Answer.objects.get(attempt=attempt).choices.values_list("text", flat=True)) == {"Opsi 0", "Opsi 2"}


def test_situational_points_are_the_chosen_total_over_the_best_total():
    assert grading.situational_points(chosen_total=3, option_totals=[7, 3, 0]) == Decimal("0.4286")
    assert grading.situational_points(chosen_total=0, option_totals=[0, 0]) == 0


# --- attempt limits and grading methods ----------------------------------------------------------------------


def _sit(user, quiz, questions, right: int):
    attempt = attempt_start(user=user, quiz=quiz)
    answers = {q.pk: qf.choice_named(q, "Benar" if i < right else "Salah 0") for i, q in enumerate(questions)}
    attempt_answer(attempt=attempt, answers=answers)
    return attempt_finish(attempt=attempt)


def test_max_attempts_limits_finished_attempts_and_previews_do_not_count(learner):
    quiz = qf.standalone_quiz(max_attempts=2)
    questions = [qf.mc(quiz)]
    _sit(learner, quiz, questions, 0)
    attempt_start(user=learner, quiz=quiz, preview=True)  # a preview never uses up an attempt
    _sit(learner, quiz, questions, 1)
    with pytest.raises(AttemptLimitReached):
        attempt_start(user=learner, quiz=quiz)


@pytest.mark.parametrize(
    ("method", "score", "passed"),
    [
        (Quiz.GradingMethod.HIGHEST, 100, True),
        (Quiz.GradingMethod.LAST, 50, False),
        (Quiz.GradingMethod.FIRST, 25, False),
        (Quiz.GradingMethod.AVERAGE, Decimal("58.33"), False),
    ],
)
def test_grading_method_decides_the_grade_that_counts(learner, method, score, passed):
    module = factories.module(lessons=0)
    quiz = qf.standalone_quiz(module=module, grading_method=method, pass_mark=60)
    questions = [qf.mc(quiz, text=f"Soal {n}") for n in range(4)]
    for right in (1, 4, 2):  # 25 %, 100 %, 50 %
        _sit(learner, quiz, questions, right)
    grade = attempt_grade(user=learner, quiz=quiz)
    assert (grade.score, grade.passed, grade.attempts) == (score, passed, 3)
    assert module_quiz_passed(user=learner, module=module)[0] is passed


def test_no_grade_before_a_finished_attempt(learner):
    quiz = qf.standalone_quiz()
    qf.mc(quiz)
    attempt_start(user=learner, quiz=quiz)
    assert attempt_grade(user=learner, quiz=quiz) is None


# --- review options -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("review", "answers_shown", "key_shown"),
    [(Quiz.Review.SCORE, False, False), (Quiz.Review.ANSWERS, True, False), (Quiz.Review.FULL, True, True)],
)
def test_review_option_decides_what_the_learner_sees_after_finishing(
    english, learner, review, answers_shown, key_shown
):
    quiz = qf.standalone_quiz(review=review)
    question = qf.mc(quiz, explanation="Penjelasan rahasia")
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_answer(attempt=attempt, answers={question.pk: qf.choice_named(question, "Salah 0")})
    attempt_finish(attempt=attempt)
    page = english.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "Your score: 0.00%" in page
    assert ("Your answer:" in page) is answers_shown
    assert ("Correct answer:" in page) is key_shown
    assert ("Penjelasan rahasia" in page) is key_shown


def test_deadline_is_stored_in_utc_and_shown_to_the_learner(english, learner):
    quiz, _one, _two = _timed_quiz()
    attempt = attempt_start(user=learner, quiz=quiz)
    page = english.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "Finish before" in page and attempt.deadline > timezone.now()
