"""The last lesson and the passing attempt saved at the same moment still complete the module (PostgreSQL)."""

import time

import pytest

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
from tests.parallel import run_together


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_last_lesson_and_passing_attempt_in_parallel_record_one_completion():
    learner = factories.UserFactory()
    module = factories.module(lessons=2)
    quiz = factories.quiz(module=module, questions=2)
    first, last = list(module_lessons(module=module))
    lesson_complete(user=learner, lesson=first)
    attempt = factories.attempt(user=learner, quiz_instance=quiz, answers=factories.correct_answers(quiz))

    def hold_transaction_open(sender, **kwargs):
        # Runs after records has evaluated, keeping this request's work uncommitted for a while: without the
        # person-row lock, the other request evaluates now, sees neither piece committed, and records nothing.
        time.sleep(0.5)

    lesson_completed.connect(hold_transaction_open)
    attempt_finished.connect(hold_transaction_open)
    try:
        outcomes = run_together(
            [
                lambda: lesson_complete(user=learner, lesson=LessonPage.objects.get(pk=last.pk)),
                lambda: attempt_finish(attempt=Attempt.objects.get(pk=attempt.pk)),
            ]
        )
    finally:
        lesson_completed.disconnect(hold_transaction_open)
        attempt_finished.disconnect(hold_transaction_open)

    errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    assert errors == []
    assert Completion.objects.filter(user=learner, module=module).count() == 1
