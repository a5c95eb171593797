"""Keeps every question in the quiz it is written in, however it was saved (editor, import, code)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Question
from .services import question_link_home


@receiver(post_save, sender=Question, dispatch_uid="quizzes.question_saved")
def _on_question_saved(sender, *, instance, raw=False, **kwargs):
    if not raw:
        question_link_home(question=instance)
