"""Quiz services: grading on the server, closing attempts, resuming, authoring questions."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from quizzes.models import Answer, Attempt, Choice, Question, Quiz
from quizzes.services import (
    AttemptClosed,
    IncompleteAttempt,
    StaleSubmission,
    attempt_answer,
    attempt_finish,
    attempt_start,
    question_create,
    question_create_true_false,
)
from quizzes.signals import attempt_finished
from tests import factories


@pytest.fixture
def four_questions(db):
    """A quiz of four questions with pass mark 75: each question is worth 25 points."""
    return factories.quiz(module=factories.module(lessons=1), questions=4, pass_mark=75)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("correct", "score", "passed"),
    [(4, Decimal("100.00"), True), (3, Decimal("75.00"), True), (2, Decimal("50.00"), False), (0, Decimal("0"), False)],
)
def test_score_is_the_percentage_of_correct_answers_and_passes_from_the_pass_mark(
    learner, four_questions, correct, score, passed
):
    """score = 100 × correct / questions; exactly the pass mark (75) passes, below it fails."""
    attempt = factories.attempt(
        user=learner,
        quiz_instance=four_questions,
        answers=factories.answers_scoring(four_questions, correct=correct),
        finish=True,
    )
    attempt.refresh_from_db()
    assert attempt.score == score
    assert attempt.passed is passed
    assert attempt.status == Attempt.Status.FINISHED
    assert attempt.finished_at is not None


@pytest.mark.django_db
def test_score_is_rounded_to_two_decimals_and_just_below_the_pass_mark_fails(learner):
    """2 of 3 is 66.67%, which fails a pass mark of 67: rounding never lifts a score over the mark."""
    quiz = factories.quiz(module=factories.module(lessons=1), questions=3, pass_mark=67)
    attempt = factories.attempt(
        user=learner, quiz_instance=quiz, answers=factories.answers_scoring(quiz, correct=2), finish=True
    )
    attempt.refresh_from_db()
    assert attempt.score == Decimal("66.67")
    assert attempt.passed is False


@pytest.mark.django_db
def test_each_answer_is_marked_correct_or_not_when_graded(learner, four_questions):
    answers = factories.answers_scoring(four_questions, correct=1)
    attempt = factories.attempt(user=learner, quiz_instance=four_questions, answers=answers)
    assert set(attempt.answers.values_list("is_correct", flat=True)) == {None}

    attempt_finish(attempt=attempt)

    marks = dict(Answer.objects.filter(attempt=attempt).values_list("question_id", "is_correct"))
    expected = {pk: Choice.objects.get(pk=choice).is_correct for pk, choice in answers.items()}
    assert marks == expected
    assert sorted(marks.values()) == [False, False, False, True]


@pytest.mark.django_db
def test_grading_uses_the_key_in_the_database_at_finish_time(learner, four_questions):
    """What counts is the server's key, not anything the browser could send along."""
    answers = factories.answers_scoring(four_questions, correct=0)
    attempt = factories.attempt(user=learner, quiz_instance=four_questions, answers=answers)
    Choice.objects.filter(pk__in=answers.values()).update(is_correct=True)
    Choice.objects.exclude(pk__in=answers.values()).update(is_correct=False)

    finished = attempt_finish(attempt=attempt)

    assert finished.score == Decimal("100.00")
    assert finished.passed is True


@pytest.mark.django_db
def test_a_choice_from_another_question_is_ignored(learner, four_questions):
    """Posting question B's correct choice as the answer to question A saves nothing for A."""
    first, second, *rest = four_questions.questions.order_by("sort_order")
    key = factories.correct_answers(four_questions)
    attempt = attempt_start(user=learner, quiz=four_questions)

    attempt_answer(attempt=attempt, answers={first.pk: key[second.pk]})

    assert not attempt.answers.exists()


@pytest.mark.django_db
def test_a_choice_from_another_question_does_not_count_towards_the_score(learner, four_questions):
    first, second, *rest = four_questions.questions.order_by("sort_order")
    key = factories.correct_answers(four_questions)
    answers = {first.pk: key[second.pk], second.pk: key[second.pk], **{q.pk: key[q.pk] for q in rest}}
    attempt = factories.attempt(user=learner, quiz_instance=four_questions, answers=answers)

    with pytest.raises(IncompleteAttempt) as raised:
        attempt_finish(attempt=attempt)
    assert raised.value.missing == [first.pk]

    graded = attempt_finish(attempt=attempt, require_all=False)
    assert graded.score == Decimal("75.00")
    assert attempt.answers.count() == 3


@pytest.mark.django_db
def test_unknown_question_and_choice_ids_are_ignored(learner, four_questions):
    other_quiz = factories.quiz(module=factories.module(lessons=1), questions=1)
    foreign_question = other_quiz.questions.get()
    first = four_questions.questions.order_by("sort_order").first()
    attempt = attempt_start(user=learner, quiz=four_questions)

    attempt_answer(
        attempt=attempt,
        answers={foreign_question.pk: foreign_question.choices.first().pk, first.pk: 999_999},
    )

    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_answering_again_replaces_the_earlier_choice(learner, four_questions):
    first = four_questions.questions.order_by("sort_order").first()
    choices = list(first.choices.order_by("sort_order"))
    attempt = attempt_start(user=learner, quiz=four_questions)

    attempt_answer(attempt=attempt, answers={first.pk: choices[0].pk})
    attempt_answer(attempt=attempt, answers={first.pk: choices[1].pk})

    assert list(attempt.answers.values_list("choice_id", flat=True)) == [choices[1].pk]


@pytest.mark.django_db
def test_finishing_needs_every_question_answered(learner, four_questions):
    questions = list(four_questions.questions.order_by("sort_order"))
    answers = factories.answers_scoring(four_questions, correct=4)
    del answers[questions[1].pk], answers[questions[3].pk]
    attempt = factories.attempt(user=learner, quiz_instance=four_questions, answers=answers)

    with pytest.raises(IncompleteAttempt) as raised:
        attempt_finish(attempt=attempt)

    assert raised.value.missing == [questions[1].pk, questions[3].pk]
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS
    assert attempt.score is None
    assert attempt.answers.count() == 2


@pytest.mark.django_db
def test_finishing_without_requiring_all_counts_unanswered_questions_as_wrong(learner, four_questions):
    first = four_questions.questions.order_by("sort_order").first()
    attempt = factories.attempt(
        user=learner,
        quiz_instance=four_questions,
        answers={first.pk: factories.correct_answers(four_questions)[first.pk]},
    )

    graded = attempt_finish(attempt=attempt, require_all=False)

    assert graded.score == Decimal("25.00")
    assert graded.passed is False


@pytest.mark.django_db
def test_a_finished_attempt_refuses_new_answers(learner, four_questions):
    answers = factories.answers_scoring(four_questions, correct=2)
    attempt = factories.attempt(user=learner, quiz_instance=four_questions, answers=answers, finish=True)

    with pytest.raises(AttemptClosed):
        attempt_answer(attempt=attempt, answers=factories.correct_answers(four_questions))

    assert dict(attempt.answers.values_list("question_id", "choice_id")) == answers


@pytest.mark.django_db
def test_a_finished_attempt_cannot_be_finished_again(learner, four_questions):
    """A second finish changes nothing and sends no second attempt_finished."""
    attempt = factories.attempt(
        user=learner,
        quiz_instance=four_questions,
        answers=factories.answers_scoring(four_questions, correct=2),
        finish=True,
    )
    graded = Attempt.objects.get(pk=attempt.pk)
    Choice.objects.update(is_correct=True)
    sent = []

    def receiver(sender, attempt, **kwargs):
        sent.append(attempt.pk)

    attempt_finished.connect(receiver)
    try:
        with pytest.raises(AttemptClosed):
            attempt_finish(attempt=graded)
    finally:
        attempt_finished.disconnect(receiver)

    assert sent == []
    again = Attempt.objects.get(pk=attempt.pk)
    assert (again.score, again.passed, again.finished_at) == (graded.score, graded.passed, graded.finished_at)


@pytest.mark.django_db
def test_a_stale_in_memory_attempt_object_is_still_refused_once_finished(learner, four_questions):
    """The closed check reads the row, not the caller's possibly old copy."""
    attempt = factories.attempt(
        user=learner, quiz_instance=four_questions, answers=factories.answers_scoring(four_questions, correct=4)
    )
    old_copy = Attempt.objects.get(pk=attempt.pk)
    attempt_finish(attempt=attempt)

    assert old_copy.status == Attempt.Status.IN_PROGRESS
    with pytest.raises(AttemptClosed):
        attempt_finish(attempt=old_copy)
    with pytest.raises(AttemptClosed):
        attempt_answer(attempt=old_copy, answers={})


@pytest.mark.django_db
def test_attempt_finished_signal_is_sent_once_with_the_graded_attempt(learner, four_questions):
    sent = []

    def receiver(sender, attempt, **kwargs):
        sent.append((attempt.pk, attempt.score, attempt.passed))

    attempt = factories.attempt(
        user=learner, quiz_instance=four_questions, answers=factories.answers_scoring(four_questions, correct=3)
    )
    attempt_finished.connect(receiver)
    try:
        attempt_finish(attempt=attempt)
    finally:
        attempt_finished.disconnect(receiver)

    assert sent == [(attempt.pk, Decimal("75.00"), True)]


@pytest.mark.django_db
def test_attempt_start_resumes_the_open_attempt(learner, four_questions):
    first = attempt_start(user=learner, quiz=four_questions)
    second = attempt_start(user=learner, quiz=four_questions)

    assert second.pk == first.pk
    assert Attempt.objects.filter(user=learner, quiz=four_questions).count() == 1


@pytest.mark.django_db
def test_attempt_start_begins_a_new_attempt_after_the_last_one_finished(learner, four_questions):
    finished = factories.attempt(
        user=learner,
        quiz_instance=four_questions,
        answers=factories.answers_scoring(four_questions, correct=0),
        finish=True,
    )

    fresh = attempt_start(user=learner, quiz=four_questions)

    assert fresh.pk != finished.pk
    assert fresh.status == Attempt.Status.IN_PROGRESS
    assert fresh.position == 0
    assert not fresh.answers.exists()


@pytest.mark.django_db
def test_attempt_start_does_not_resume_someone_elses_attempt(learner, four_questions):
    other = attempt_start(user=factories.UserFactory(), quiz=four_questions)

    mine = attempt_start(user=learner, quiz=four_questions)

    assert mine.pk != other.pk
    assert mine.user == learner


@pytest.mark.django_db
def test_position_advances_only_for_the_current_page(learner):
    quiz = factories.quiz(module=factories.module(lessons=1), questions=3, display=Quiz.Display.ONE)
    questions = list(quiz.questions.order_by("sort_order"))
    key = factories.correct_answers(quiz)
    attempt = attempt_start(user=learner, quiz=quiz)

    attempt = attempt_answer(attempt=attempt, answers={questions[0].pk: key[questions[0].pk]}, position=0)
    assert attempt.position == 1

    with pytest.raises(StaleSubmission):
        attempt_answer(attempt=attempt, answers={questions[0].pk: questions[0].choices.first().pk}, position=0)
    assert Attempt.objects.get(pk=attempt.pk).position == 1
    assert attempt.answers.get(question=questions[0]).choice_id == key[questions[0].pk]

    attempt = attempt_answer(attempt=attempt, answers={questions[1].pk: key[questions[1].pk]}, position=1)
    attempt = attempt_answer(attempt=attempt, answers={questions[2].pk: key[questions[2].pk]}, position=2)
    assert attempt.position == 2, "the last page does not move past the last question"


@pytest.mark.django_db
def test_one_per_page_does_not_move_past_an_unanswered_question(learner):
    """There is no way back in one-per-page mode, so skipping a question would make finishing impossible."""
    quiz = factories.quiz(module=factories.module(lessons=1), questions=2, display=Quiz.Display.ONE)
    first = quiz.questions.order_by("sort_order").first()
    attempt = attempt_start(user=learner, quiz=quiz)

    with pytest.raises(IncompleteAttempt) as raised:
        attempt_answer(attempt=attempt, answers={}, position=0)

    assert raised.value.missing == [first.pk]
    assert Attempt.objects.get(pk=attempt.pk).position == 0


@pytest.mark.django_db
def test_question_create_adds_the_question_and_its_choices_in_order(four_questions):
    question = question_create(
        quiz=four_questions,
        text="Apa arti Akuntabel?",
        choices=[("Tidak peduli", False), ("Bertanggung jawab", True), ("Asal cepat", False)],
        explanation="Akuntabel berarti bertanggung jawab.",
    )

    assert question.sort_order == 4
    assert question.kind == Question.Kind.MULTIPLE_CHOICE
    assert list(question.choices.order_by("sort_order").values_list("text", "is_correct", "sort_order")) == [
        ("Tidak peduli", False, 0),
        ("Bertanggung jawab", True, 1),
        ("Asal cepat", False, 2),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "choices",
    [
        [("A", False), ("B", False)],
        [("A", True), ("B", True), ("C", False)],
        [],
    ],
    ids=["no-correct", "two-correct", "no-choices"],
)
def test_question_create_refuses_anything_but_exactly_one_correct_choice(four_questions, choices):
    with pytest.raises(ValueError, match="exactly one correct"):
        question_create(quiz=four_questions, text="Pertanyaan salah bentuk?", choices=choices)

    assert four_questions.questions.count() == 4
    assert not Question.objects.filter(text="Pertanyaan salah bentuk?").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("answer", [True, False])
def test_question_create_true_false_makes_two_choices_with_the_right_one_correct(four_questions, answer):
    question = question_create_true_false(quiz=four_questions, text="ASN wajib melayani?", answer=answer)

    assert question.kind == Question.Kind.TRUE_FALSE
    choices = list(question.choices.order_by("sort_order").values_list("is_correct", flat=True))
    assert choices == [answer, not answer]


def _attempt_row(user, quiz, **fields):
    with transaction.atomic():
        return Attempt.objects.create(user=user, quiz=quiz, **fields)


@pytest.mark.django_db
@pytest.mark.parametrize("score", [Decimal("-0.01"), Decimal("100.01"), Decimal("150")])
def test_attempt_score_outside_0_to_100_is_refused(learner, four_questions, score):
    with pytest.raises(IntegrityError):
        _attempt_row(
            learner,
            four_questions,
            status=Attempt.Status.FINISHED,
            finished_at=timezone.now(),
            score=score,
            passed=True,
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"status": "finished"},
        {"status": "finished", "score": Decimal(80), "passed": True},
        {"status": "finished", "finished_at": "now", "passed": True},
        {"status": "finished", "finished_at": "now", "score": Decimal(80)},
        {"status": "in_progress", "score": Decimal(80)},
        {"status": "in_progress", "passed": False},
        {"status": "in_progress", "finished_at": "now"},
    ],
    ids=[
        "finished-ungraded",
        "finished-no-time",
        "finished-no-score",
        "finished-no-passed",
        "open-with-score",
        "open-with-passed",
        "open-with-finish-time",
    ],
)
def test_attempt_is_finished_exactly_when_it_is_graded(learner, four_questions, fields):
    fields = {key: timezone.now() if value == "now" else value for key, value in fields.items()}
    with pytest.raises(IntegrityError):
        _attempt_row(learner, four_questions, **fields)


@pytest.mark.django_db
def test_attempt_constraints_accept_well_formed_rows(learner, four_questions):
    """The constraints are not simply refusing everything."""
    _attempt_row(learner, four_questions)
    for score in (Decimal(0), Decimal(100)):
        _attempt_row(
            learner, four_questions, status="finished", finished_at=timezone.now(), score=score, passed=score == 100
        )
    assert Attempt.objects.count() == 3


@pytest.mark.django_db
def test_quiz_pass_mark_above_100_is_refused():
    module = factories.module(lessons=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quiz.objects.create(module=module, title="Kuis", pass_mark=101)
