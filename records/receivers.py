"""Courses and quizzes announce progress; records decides whether it completes a module or a workshop."""

from django.dispatch import receiver

from courses.signals import attendance_recorded, completed_modules_requested, lesson_completed
from quizzes.signals import attempt_finished

from .selectors import completed_module_ids
from .services import completion_record_if_earned, completion_record_workshop_if_earned


@receiver(lesson_completed, dispatch_uid="records.lesson_completed")
def _on_lesson_completed(sender, *, user, module, **kwargs):
    completion_record_if_earned(user=user, module=module)


@receiver(attempt_finished, dispatch_uid="records.attempt_finished")
def _on_attempt_finished(sender, *, attempt, **kwargs):
    if attempt.passed and attempt.quiz.module_id:
        completion_record_if_earned(user=attempt.user, module=attempt.quiz.module)


@receiver(completed_modules_requested, dispatch_uid="records.completed_modules_requested")
def _on_completed_modules_requested(sender, *, user, module_ids, **kwargs):
    return completed_module_ids(user=user, module_ids=module_ids)


@receiver(attendance_recorded, dispatch_uid="records.attendance_recorded")
def _on_attendance_recorded(sender, *, user, workshop, **kwargs):
    completion_record_workshop_if_earned(user=user, workshop=workshop)
