"""Two finishes of one attempt at the same moment grade it once (row lock on PostgreSQL)."""

import threading
import time

import pytest
from django.db import connection

from quizzes.models import Attempt
from quizzes.services import AttemptClosed, attempt_finish
from quizzes.signals import attempt_finished
from records.models import Completion
from tests import factories
from tests.conftest import requires_postgres


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_finishes_grade_the_attempt_once():
    learner = factories.UserFactory()
    module = factories.module(lessons=1)
    quiz = factories.quiz(module=module, questions=3)
    factories.lessons_complete(user=learner, module_page=module)
    attempt = factories.attempt(user=learner, quiz_instance=quiz, answers=factories.correct_answers(quiz))

    barrier = threading.Barrier(2)
    signals, outcomes = [], []

    def slow_receiver(sender, attempt, **kwargs):
        # Hold the grading transaction open, so an unlocked second finish would read the row as still open.
        signals.append(attempt.pk)
        time.sleep(0.5)

    def finish():
        try:
            copy = Attempt.objects.get(pk=attempt.pk)
            barrier.wait(timeout=10)
            attempt_finish(attempt=copy)
            outcomes.append("graded")
        except AttemptClosed:
            outcomes.append("closed")
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            outcomes.append(repr(error))
        finally:
            connection.close()

    attempt_finished.connect(slow_receiver)
    try:
        threads = [threading.Thread(target=finish) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        attempt_finished.disconnect(slow_receiver)

    assert sorted(outcomes) == ["closed", "graded"]
    assert signals == [attempt.pk]
    graded = Attempt.objects.get(pk=attempt.pk)
    assert graded.status == Attempt.Status.FINISHED
    assert graded.passed is True
    assert Completion.objects.filter(user=learner, module=module).count() == 1


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_starts_share_one_open_attempt():
    """A double click on "Take the quiz" must not leave two open attempts behind."""
    from django.db.models.signals import pre_save

    from quizzes.services import attempt_start

    learner = factories.UserFactory()
    quiz = factories.quiz(module=factories.module(lessons=1), questions=2)
    barrier = threading.Barrier(2)
    started = []

    def slow_insert(sender, instance, **kwargs):
        # Widen the gap between "is there an open attempt?" and the insert.
        time.sleep(0.5)

    def start():
        try:
            barrier.wait(timeout=10)
            started.append(attempt_start(user=learner, quiz=quiz).pk)
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            started.append(repr(error))
        finally:
            connection.close()

    pre_save.connect(slow_insert, sender=Attempt)
    try:
        threads = [threading.Thread(target=start) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        pre_save.disconnect(slow_insert, sender=Attempt)

    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 1
    assert len(started) == 2
    assert len(set(started)) == 1
