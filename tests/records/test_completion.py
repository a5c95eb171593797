"""A module is complete when every lesson is done and its quiz passed; the record is written once."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from quizzes.models import Quiz
from records.models import Completion
from records.selectors import completions_of, jp_earned
from records.services import completion_record_if_earned
from records.signals import completion_recorded
from tests import factories


@pytest.fixture
def module(db):
    return factories.module(jp=6, lessons=2)


@pytest.fixture
def quiz(module):
    return factories.quiz(module=module, questions=4, pass_mark=75)


def _pass(user, quiz, correct=4):
    return factories.attempt(
        user=user, quiz_instance=quiz, answers=factories.answers_scoring(quiz, correct=correct), finish=True
    )


def _fail(user, quiz):
    return _pass(user, quiz, correct=2)


@pytest.mark.django_db
def test_lessons_then_passed_quiz_completes_the_module(learner, module, quiz):
    factories.lessons_complete(user=learner, module_page=module)
    assert not Completion.objects.exists()

    attempt = _pass(learner, quiz)

    completion = Completion.objects.get()
    assert (completion.user, completion.module_id, completion.attempt) == (learner, module.pk, attempt)


@pytest.mark.django_db
def test_passed_quiz_then_lessons_completes_the_module(learner, module, quiz):
    attempt = _pass(learner, quiz)
    factories.lessons_complete(user=learner, module_page=module, count=1)
    assert not Completion.objects.exists()

    factories.lessons_complete(user=learner, module_page=module)

    completion = Completion.objects.get()
    assert (completion.user, completion.module_id, completion.attempt) == (learner, module.pk, attempt)


@pytest.mark.django_db
def test_lessons_alone_do_not_complete_a_module_with_a_quiz(learner, module, quiz):
    factories.lessons_complete(user=learner, module_page=module)

    assert completion_record_if_earned(user=learner, module=module) is None
    assert not Completion.objects.exists()


@pytest.mark.django_db
def test_a_passed_quiz_alone_does_not_complete_the_module(learner, module, quiz):
    factories.lessons_complete(user=learner, module_page=module, count=1)

    _pass(learner, quiz)

    assert completion_record_if_earned(user=learner, module=module) is None
    assert not Completion.objects.exists()


@pytest.mark.django_db
def test_a_failed_quiz_does_not_complete_the_module(learner, module, quiz):
    factories.lessons_complete(user=learner, module_page=module)

    _fail(learner, quiz)

    assert completion_record_if_earned(user=learner, module=module) is None
    assert not Completion.objects.exists()


@pytest.mark.django_db
def test_a_failed_quiz_then_lessons_does_not_complete_the_module(learner, module, quiz):
    _fail(learner, quiz)

    factories.lessons_complete(user=learner, module_page=module)

    assert not Completion.objects.exists()


@pytest.mark.django_db
def test_an_open_attempt_with_right_answers_does_not_count(learner, module, quiz):
    factories.lessons_complete(user=learner, module_page=module)
    factories.attempt(user=learner, quiz_instance=quiz, answers=factories.correct_answers(quiz))

    assert completion_record_if_earned(user=learner, module=module) is None


@pytest.mark.django_db
def test_passing_after_failing_completes_with_the_passing_score(learner, module, quiz):
    factories.lessons_complete(user=learner, module_page=module)
    _fail(learner, quiz)

    passing = _pass(learner, quiz, correct=3)

    completion = Completion.objects.get()
    assert completion.attempt == passing
    assert completion.score == Decimal("75.00")


@pytest.mark.django_db
def test_a_module_without_a_published_quiz_completes_on_lessons_alone(learner):
    module = factories.module(jp=3, lessons=2)
    draft = factories.quiz(module=module, questions=2)
    Quiz.objects.filter(pk=draft.pk).update(is_published=False)

    factories.lessons_complete(user=learner, module_page=module)

    completion = Completion.objects.get()
    assert completion.score is None
    assert completion.attempt is None
    assert completion.jp == 3


@pytest.mark.django_db
def test_another_learners_progress_completes_nothing_for_me(learner, module, quiz):
    other = factories.UserFactory()
    factories.lessons_complete(user=other, module_page=module)
    _pass(other, quiz)
    factories.lessons_complete(user=learner, module_page=module)

    assert list(Completion.objects.values_list("user_id", flat=True)) == [other.pk]


@pytest.mark.django_db
def test_completion_records_unit_at_the_time_jp_of_the_module_and_the_passing_score(learner, unit, module, quiz):
    factories.lessons_complete(user=learner, module_page=module)
    before = timezone.now()

    _pass(learner, quiz, correct=3)

    new_unit = factories.UnitFactory(code="BARU")
    learner.unit = new_unit
    learner.save()
    module.jp = 10
    module.save_revision().publish()
    completion = Completion.objects.get()
    assert completion.unit == unit
    assert completion.jp == 6
    assert completion.score == Decimal("75.00")
    assert before <= completion.completed_at <= timezone.now()


@pytest.mark.django_db
def test_repeated_triggers_keep_one_completion(learner, module, quiz):
    factories.lessons_complete(user=learner, module_page=module)
    first = _pass(learner, quiz, correct=3)
    recorded = Completion.objects.get()

    _pass(learner, quiz, correct=4)
    factories.lessons_complete(user=learner, module_page=module)
    again = completion_record_if_earned(user=learner, module=module)

    assert again == recorded
    assert Completion.objects.count() == 1
    unchanged = Completion.objects.get()
    assert (unchanged.attempt, unchanged.score, unchanged.completed_at) == (
        first,
        Decimal("75.00"),
        recorded.completed_at,
    )


@pytest.mark.django_db
def test_the_database_refuses_a_second_completion_of_the_same_module(learner, module):
    fields = {"user": learner, "module": module, "jp": 1, "completed_at": timezone.now()}
    Completion.objects.create(**fields)

    with pytest.raises(IntegrityError), transaction.atomic():
        Completion.objects.create(**fields)


@pytest.mark.django_db
@pytest.mark.parametrize("score", [Decimal("-1"), Decimal("100.01")])
def test_the_database_refuses_a_completion_score_outside_0_to_100(learner, module, score):
    with pytest.raises(IntegrityError), transaction.atomic():
        Completion.objects.create(user=learner, module=module, jp=1, completed_at=timezone.now(), score=score)


@pytest.mark.django_db
def test_completion_recorded_is_sent_once_after_commit(learner, module, quiz, django_capture_on_commit_callbacks):
    sent = []

    def receiver(sender, completion, **kwargs):
        sent.append(completion.pk)

    completion_recorded.connect(receiver)
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            factories.lessons_complete(user=learner, module_page=module)
            _pass(learner, quiz)
            _pass(learner, quiz)
            completion_record_if_earned(user=learner, module=module)
            assert sent == [], "not sent before the transaction commits"
        for callback in callbacks:
            callback()
    finally:
        completion_recorded.disconnect(receiver)

    assert sent == [Completion.objects.get().pk]


@pytest.mark.django_db
def test_completion_recorded_is_not_sent_when_nothing_is_recorded(
    learner, module, quiz, django_capture_on_commit_callbacks
):
    sent = []

    def receiver(sender, completion, **kwargs):
        sent.append(completion.pk)

    completion_recorded.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            factories.lessons_complete(user=learner, module_page=module)
            _fail(learner, quiz)
    finally:
        completion_recorded.disconnect(receiver)

    assert sent == []


def _completion(user, *, jp, at):
    module = factories.module(jp=jp, lessons=0)
    return Completion.objects.create(user=user, module=module, jp=jp, completed_at=at)


@pytest.mark.django_db
def test_jp_earned_sums_the_years_jp_only(learner):
    """Only the learner's completions of that calendar year count, the year as it is in Jakarta."""
    jakarta = ZoneInfo("Asia/Jakarta")
    _completion(learner, jp=4, at=datetime(2026, 2, 1, 9, tzinfo=jakarta))
    _completion(learner, jp=6, at=datetime(2026, 11, 30, 15, tzinfo=jakarta))
    _completion(learner, jp=8, at=datetime(2025, 12, 31, 23, 0, tzinfo=jakarta))
    _completion(learner, jp=16, at=datetime(2027, 1, 1, 0, 30, tzinfo=jakarta))
    _completion(factories.UserFactory(), jp=32, at=datetime(2026, 5, 5, 10, tzinfo=jakarta))

    assert jp_earned(user=learner, year=2026) == 10
    assert jp_earned(user=learner, year=2025) == 8
    assert jp_earned(user=learner, year=2027) == 16
    assert jp_earned(user=learner, year=2024) == 0


@pytest.mark.django_db
def test_completions_of_lists_only_the_learners_own_newest_first(learner):
    jakarta = ZoneInfo("Asia/Jakarta")
    old = _completion(learner, jp=2, at=datetime(2026, 1, 5, tzinfo=jakarta))
    new = _completion(learner, jp=2, at=datetime(2026, 3, 5, tzinfo=jakarta))
    _completion(factories.UserFactory(), jp=2, at=datetime(2026, 2, 5, tzinfo=jakarta))

    assert list(completions_of(user=learner)) == [new, old]
