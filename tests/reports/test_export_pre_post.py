"""Pre-test and post-test scores reach every export row of a module, computed per chunk, not per row."""

import pytest
from django.utils import timezone

from quizzes.models import Attempt, Quiz
from records.models import Completion
from reports.exports import COLUMNS, export_rows
from tests import factories
from tests.quizzes import factories as qf

pytestmark = pytest.mark.django_db
PRE, POST = [key for key, _label in COLUMNS].index("pre_test"), [key for key, _label in COLUMNS].index("post_test")


def _finished(user, quiz, score):
    Attempt.objects.create(
        user=user,
        quiz=quiz,
        status=Attempt.Status.FINISHED,
        score=score,
        passed=score >= quiz.pass_mark,
        finished_at=timezone.now(),
    )


def test_the_first_pre_test_and_the_best_post_test_fill_their_columns():
    module = factories.module(lessons=0)
    pre = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.PRE_TEST, title="Pre")
    post = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.POST_TEST, title="Post")
    learner, other = factories.UserFactory(), factories.UserFactory()
    _finished(learner, pre, 40)
    _finished(learner, pre, 90)  # a second pre-test does not replace the first
    _finished(learner, post, 70)
    _finished(learner, post, 85)
    factories.completion(user=learner, module=module)
    factories.completion(user=other, module=module)  # took neither test

    rows = {row[0]: row for row in export_rows(Completion.objects.order_by("pk"))}

    assert (rows[learner.nip][PRE], rows[learner.nip][POST]) == ("40.00", "85.00")
    assert (rows[other.nip][PRE], rows[other.nip][POST]) == ("", "")


def test_the_scores_cost_two_queries_per_chunk_whatever_the_number_of_rows(django_assert_max_num_queries):
    module = factories.module(lessons=0)
    post = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.POST_TEST, title="Post")
    for _ in range(30):
        user = factories.UserFactory()
        _finished(user, post, 80)
        factories.completion(user=user, module=module)

    with django_assert_max_num_queries(4):
        rows = list(export_rows(Completion.objects.all(), chunk_size=1000))
    assert len(rows) == 30 and all(row[POST] == "80.00" for row in rows)
