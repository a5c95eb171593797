"""The last lesson and the passing attempt saved at the same moment still complete the module (PostgreSQL)."""

import threading
import time

import pytest
from django.db import connection

from courses.models import LessonPage
from courses.selectors import module_lessons
from courses.services import lesson_complete
from courses.signals import lesson_completed
from quizzes.models import Attempt
from quizzes.services import attempt_finish
from quizzes.signals import attempt_finished
from records.models import Completion
from tests import factories
from tests.conftest import requires_postgres


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_last_lesson_and_passing_attempt_in_parallel_record_one_completion():
    learner = factories.UserFactory()
    module = factories.module(lessons=2)
    quiz = factories.quiz(module=module, questions=2)
    first, last = list(module_lessons(module=module))
    lesson_complete(user=learner, lesson=first)
    attempt = factories.attempt(user=learner, quiz_instance=quiz, answers=factories.correct_answers(quiz))

    barrier = threading.Barrier(2)
    errors = []

    def hold_transaction_open(sender, **kwargs):
        # Runs after records has evaluated, keeping this request's work uncommitted for a while: without the
        # person-row lock, the other request evaluates now, sees neither piece committed, and records nothing.
        time.sleep(0.5)

    def run(action):
        try:
            barrier.wait(timeout=10)
            action()
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            errors.append(repr(error))
        finally:
            connection.close()

    lesson_completed.connect(hold_transaction_open)
    attempt_finished.connect(hold_transaction_open)
    try:
        threads = [
            threading.Thread(
                target=run, args=(lambda: lesson_complete(user=learner, lesson=LessonPage.objects.get(pk=last.pk)),)
            ),
            threading.Thread(target=run, args=(lambda: attempt_finish(attempt=Attempt.objects.get(pk=attempt.pk)),)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        lesson_completed.disconnect(hold_transaction_open)
        attempt_finished.disconnect(hold_transaction_open)

    assert errors == []
    assert Completion.objects.filter(user=learner, module=module).count() == 1
