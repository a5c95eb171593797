"""An answer submit costs a fixed, small number of queries, whatever the quiz's length (the bench's hot path)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.models import Attempt, Quiz
from tests import factories


def _one_per_page(questions: int) -> Quiz:
    module = factories.module(lessons=1)
    return factories.quiz(module=module, questions=questions, display=Quiz.Display.ONE)


def _submits(client, quiz) -> list[int]:
    """Queries for each answer POST of one attempt, the last one finishing it."""
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    client.get(url)
    key = factories.correct_answers(quiz)
    counts = []
    ordered = list(attempt.drawn.order_by("position").values_list("question_id", flat=True))
    for position, question_id in enumerate(ordered):
        action = "finish" if position == len(ordered) - 1 else "next"
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, {"position": position, f"q{question_id}": key[question_id], "action": action})
        assert response.status_code == 302
        counts.append(len(queries))
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 100
    return counts


@pytest.mark.django_db
def test_an_answer_submit_costs_the_same_few_queries_for_a_short_and_a_long_quiz(signed_in):
    short = _submits(signed_in, _one_per_page(3))
    long = _submits(signed_in, _one_per_page(20))
    print(short, long)
    assert short[1:-1] and set(short[1:-1]) == set(long[1:-1])
    # 10 with the session, the user and the transaction's savepoint pair (12 before the questions were kept, q7).
    assert max(long[:-1]) <= 10
    assert long[-1] == short[-1]
