"""Two finishes of one attempt at the same moment grade it once; two starts open one attempt (PostgreSQL)."""

import time

import pytest
from django.db.models.signals import pre_save

from quizzes.models import Attempt
from quizzes.services import AttemptClosed, attempt_finish, attempt_start
from quizzes.signals import attempt_finished
from records.models import Completion
from tests import factories
from tests.conftest import requires_postgres
from tests.parallel import run_together

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_two_simultaneous_finishes_grade_the_attempt_once():
    learner = factories.UserFactory()
    module = factories.module(lessons=1)
    quiz = factories.quiz(module=module, questions=3)
    factories.lessons_complete(user=learner, module_page=module)
    attempt = factories.attempt(user=learner, quiz_instance=quiz, answers=factories.correct_answers(quiz))
    signals = []

    def slow_receiver(sender, attempt, **kwargs):
        # Hold the grading transaction open, so an unlocked second finish would read the row as still open.
        signals.append(attempt.pk)
        time.sleep(0.5)

    def finish():
        return attempt_finish(attempt=Attempt.objects.get(pk=attempt.pk))

    attempt_finished.connect(slow_receiver)
    try:
        outcomes = run_together([finish, finish])
    finally:
        attempt_finished.disconnect(slow_receiver)

    assert sum(isinstance(outcome, Attempt) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, AttemptClosed) for outcome in outcomes) == 1
    assert signals == [attempt.pk]
    graded = Attempt.objects.get(pk=attempt.pk)
    assert graded.status == Attempt.Status.FINISHED
    assert graded.passed is True
    assert Completion.objects.filter(user=learner, module=module).count() == 1


def test_two_simultaneous_starts_share_one_open_attempt():
    """A double click on "Take the quiz" must not leave two open attempts behind."""
    learner = factories.UserFactory()
    quiz = factories.quiz(module=factories.module(lessons=1), questions=2)

    def slow_insert(sender, instance, **kwargs):
        # Widen the gap between "is there an open attempt?" and the insert.
        time.sleep(0.5)

    def start():
        return attempt_start(user=learner, quiz=quiz).pk

    pre_save.connect(slow_insert, sender=Attempt)
    try:
        outcomes = run_together([start, start])
    finally:
        pre_save.disconnect(slow_insert, sender=Attempt)

    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 1
    assert len(set(outcomes)) == 1 and isinstance(outcomes[0], int)
