"""quizzes 0003 keeps every question in its quiz and every attempt, drawn question and answer valid, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import factories

BEFORE = [("quizzes", "0002_parity_timer_sjt")]
AFTER = [("quizzes", "0003_question_reuse")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrating_forwards_links_every_question_and_backwards_keeps_every_attempt():
    learner_id = factories.UserFactory(username="lama-migrasi").pk
    old = _migrate(BEFORE)
    Quiz, Question = old.get_model("quizzes", "Quiz"), old.get_model("quizzes", "Question")
    Choice, Attempt = old.get_model("quizzes", "Choice"), old.get_model("quizzes", "Attempt")
    AttemptQuestion, Answer = old.get_model("quizzes", "AttemptQuestion"), old.get_model("quizzes", "Answer")
    quizzes = [Quiz.objects.create(title=f"Kuis {n}", slug=f"kuis-migrasi-{n}") for n in range(2)]
    questions = []
    for quiz in quizzes:
        for order in (1, 0):  # written in reverse, so the order has to come from sort_order
            question = Question.objects.create(quiz=quiz, text=f"{quiz.title} soal {order}", sort_order=order)
            Choice.objects.create(question=question, text="Benar", is_correct=True, sort_order=0)
            questions.append(question)
    attempt = Attempt.objects.create(user_id=learner_id, quiz=quizzes[0])
    for position, question in enumerate(questions[:2]):
        AttemptQuestion.objects.create(attempt=attempt, question=question, position=position)
        Answer.objects.create(attempt=attempt, question=question, choice=question.choices.first())

    new = _migrate(AFTER)
    QuizQuestion = new.get_model("quizzes", "QuizQuestion")
    for quiz in quizzes:
        linked = list(
            QuizQuestion.objects.filter(quiz_id=quiz.pk).order_by("sort_order", "pk").values_list("question__text")
        )
        assert linked == [(f"{quiz.title} soal 0",), (f"{quiz.title} soal 1",)]
    assert QuizQuestion.objects.count() == 4
    # A question reused in the second quiz after the migration; its attempt rows are untouched.
    QuizQuestion.objects.create(quiz_id=quizzes[1].pk, question_id=questions[0].pk, sort_order=5)
    NewAnswer = new.get_model("quizzes", "Answer")
    assert NewAnswer.objects.filter(attempt_id=attempt.pk).count() == 2

    back = _migrate(BEFORE)
    assert back.get_model("quizzes", "AttemptQuestion").objects.filter(attempt_id=attempt.pk).count() == 2
    assert back.get_model("quizzes", "Answer").objects.filter(attempt_id=attempt.pk).count() == 2
    assert back.get_model("quizzes", "Question").objects.count() == 4
    assert "quizzes_quizquestion" not in connection.introspection.table_names()

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # every app at its latest again
