"""Courses and quizzes announce progress; records decides whether it completes a module."""

from django.dispatch import receiver

from courses.signals import lesson_completed
from quizzes.signals import attempt_finished

from .services import completion_record_if_earned


@receiver(lesson_completed, dispatch_uid="records.lesson_completed")
def _on_lesson_completed(sender, *, user, module, **kwargs):
    completion_record_if_earned(user=user, module=module)


@receiver(attempt_finished, dispatch_uid="records.attempt_finished")
def _on_attempt_finished(sender, *, attempt, **kwargs):
    if attempt.passed and attempt.quiz.module_id:
        completion_record_if_earned(user=attempt.user, module=attempt.quiz.module)
