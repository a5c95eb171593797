"""module_progress: how far a learner is and which lesson to open next."""

import pytest

from courses.selectors import enrolments_in_progress, lesson_neighbours, module_progress
from courses.services import lesson_complete, lesson_visit
from tests import factories

pytestmark = pytest.mark.django_db


def test_nothing_done_is_zero_percent_and_the_first_lesson_is_next(learner):
    module = factories.module(lessons=2)
    progress = module_progress(user=learner, module=module)
    assert (progress.done, progress.total, progress.percent) == (0, 2, 0)
    assert progress.next_lesson.pk == module.lessons().first().pk
    assert progress.last_lesson is None
    assert not progress.all_lessons_done


def test_one_of_two_lessons_done_is_fifty_percent_and_the_second_is_next(learner):
    module = factories.module(lessons=2)
    first, second = module.lessons()
    lesson_complete(user=learner, lesson=first)
    progress = module_progress(user=learner, module=module)
    assert (progress.done, progress.percent) == (1, 50)
    assert progress.next_lesson.pk == second.pk
    assert not progress.all_lessons_done


def test_the_next_lesson_is_the_first_one_not_done_even_if_a_later_one_is(learner):
    module = factories.module(lessons=3)
    first, _second, third = module.lessons()
    lesson_complete(user=learner, lesson=third)
    assert module_progress(user=learner, module=module).next_lesson.pk == first.pk


@pytest.mark.parametrize("lessons,done,percent", [(3, 1, 33), (3, 2, 67), (4, 3, 75), (1, 1, 100)])
def test_percent_is_rounded_to_a_whole_number(learner, lessons, done, percent):
    module = factories.module(lessons=lessons)
    for lesson in list(module.lessons())[:done]:
        lesson_complete(user=learner, lesson=lesson)
    assert module_progress(user=learner, module=module).percent == percent


def test_all_lessons_done_leaves_no_next_lesson(learner):
    module = factories.module(lessons=2)
    for lesson in module.lessons():
        lesson_complete(user=learner, lesson=lesson)
    progress = module_progress(user=learner, module=module)
    assert progress.percent == 100
    assert progress.next_lesson is None
    assert progress.all_lessons_done


def test_a_module_without_lessons_is_zero_percent_and_not_done(learner):
    module = factories.module(lessons=0)
    progress = module_progress(user=learner, module=module)
    assert (progress.total, progress.percent, progress.next_lesson) == (0, 0, None)
    assert not progress.all_lessons_done


def test_a_draft_lesson_is_not_counted(learner):
    module = factories.module(lessons=2)
    factories.draft_lesson(module=module)
    for lesson in module.lessons():
        lesson_complete(user=learner, lesson=lesson)
    progress = module_progress(user=learner, module=module)
    assert progress.total == 2
    assert progress.all_lessons_done


def test_a_lesson_unpublished_after_it_was_done_no_longer_counts(learner):
    module = factories.module(lessons=3)
    first, second, _third = module.lessons()
    lesson_complete(user=learner, lesson=first)
    lesson_complete(user=learner, lesson=second)
    second.unpublish()
    progress = module_progress(user=learner, module=module)
    assert (progress.done, progress.total, progress.percent) == (1, 2, 50)


def test_progress_is_per_learner(learner, unit):
    module = factories.module(lessons=2)
    other = factories.UserFactory(unit=unit)
    lesson_complete(user=other, lesson=module.lessons().first())
    assert module_progress(user=learner, module=module).done == 0
    assert module_progress(user=other, module=module).done == 1


def test_progress_is_per_module(learner):
    module = factories.module(lessons=2)
    other_module = factories.module(lessons=2)
    lesson_complete(user=learner, lesson=other_module.lessons().first())
    assert module_progress(user=learner, module=module).done == 0


def test_last_lesson_is_the_last_one_visited(learner):
    module = factories.module(lessons=2)
    _first, second = module.lessons()
    lesson_visit(user=learner, lesson=second)
    assert module_progress(user=learner, module=module).last_lesson.pk == second.pk


def test_lesson_neighbours_give_previous_next_and_position():
    module = factories.module(lessons=3)
    first, second, third = module.lessons()
    middle = lesson_neighbours(lesson=second, module=module)
    assert middle["previous_lesson"].pk == first.pk
    assert middle["next_lesson"].pk == third.pk
    assert (middle["lesson_number"], middle["lesson_count"]) == (2, 3)
    assert lesson_neighbours(lesson=first, module=module)["previous_lesson"] is None
    assert lesson_neighbours(lesson=third, module=module)["next_lesson"] is None


def test_enrolments_in_progress_lists_the_most_recent_first(learner):
    older = factories.module(lessons=1)
    newer = factories.module(lessons=1)
    lesson_visit(user=learner, lesson=older.lessons().first())
    lesson_visit(user=learner, lesson=newer.lessons().first())
    assert [enrolment.module_id for enrolment in enrolments_in_progress(user=learner)] == [newer.pk, older.pk]
