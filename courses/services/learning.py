"""Writes about learning: enrolling and finishing lessons."""

from functools import cache

from django.db import connection, transaction
from django.utils import timezone

from ..models import Enrolment, LessonPage, LessonProgress, ModulePage
from ..selectors.translations import canonical_page
from ..signals import lesson_completed
from .prerequisites import prerequisites_require


@transaction.atomic
def enrolment_start(*, user, module: ModulePage) -> Enrolment:
    """Enrol a learner once (calling it again returns the same row); refused until prerequisites are met."""
    module = canonical_page(module)  # an English translation is the same module
    prerequisites_require(user=user, module=module)
    enrolment, _created = Enrolment.objects.get_or_create(user=user, module=module)
    return enrolment


def lesson_visit(*, user, lesson: LessonPage) -> None:
    """Remember the lesson a learner opened so the module page can offer to continue there.

    Runs on every lesson view, so an enrolled learner costs one UPDATE and nothing else, outside a transaction
    (the UPDATE is atomic on its own; the lesson page reads the enrolment with its lessons anyway); the first
    visit enrols in a transaction.
    """
    lesson = canonical_page(lesson)  # progress is kept on the Indonesian source, whatever language is read
    module = lesson.module
    prerequisites_require(user=user, module=module)
    if not _enrolment_touch(user_id=user.pk, module_id=module.pk, lesson_id=lesson.pk):
        _enrol_at(user=user, module=module, lesson=lesson)


def _enrolment_touch(*, user_id: int, module_id: int, lesson_id: int) -> int:
    """The visit's UPDATE as one fixed statement (the ORM spent more CPU building it than the database running it);
    the number of rows updated, 0 when not enrolled."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_touch_sql(), [lesson_id, now, user_id, module_id])
        return cursor.rowcount


@cache
def _touch_sql() -> str:
    table = connection.ops.quote_name(Enrolment._meta.db_table)
    return f"UPDATE {table} SET last_lesson_id = %s, last_seen_at = %s WHERE user_id = %s AND module_id = %s"  # noqa: S608  # nosec B608 -- table from the model, values as parameters


@transaction.atomic
def _enrol_at(*, user, module: ModulePage, lesson: LessonPage) -> None:
    enrolment, _created = Enrolment.objects.get_or_create(user=user, module=module)
    enrolment.last_lesson = lesson
    enrolment.save(update_fields=["last_lesson", "last_seen_at"])


@transaction.atomic
def lesson_complete(*, user, lesson: LessonPage) -> LessonProgress:
    """Mark a lesson done once; completion of the module is decided downstream (records)."""
    lesson = canonical_page(lesson)  # an English lesson completes its Indonesian source, so the module once
    module = lesson.module
    prerequisites_require(user=user, module=module)
    Enrolment.objects.get_or_create(user=user, module=module)
    progress, created = LessonProgress.objects.get_or_create(user=user, lesson=lesson, defaults={"module": module})
    if created:
        lesson_completed.send(sender=LessonProgress, user=user, module=module)
    return progress
