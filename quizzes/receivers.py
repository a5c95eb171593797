"""Keeps every question in the quiz it is written in, however it was saved (editor, import, code); renews the
questions kept per process (quizzes.selectors.content) when a question, choice, value score or image changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model

from .models import Choice, ChoiceValueScore, Question, QuizQuestion
from .selectors import content_changed
from .services import question_link_home


@receiver(post_save, sender=Question, dispatch_uid="quizzes.question_saved")
def _on_question_saved(sender, *, instance, raw=False, **kwargs):
    if not raw:
        question_link_home(question=instance)


def _content_changed(sender, *, instance, **kwargs):
    """A question, a choice, a value score, a quiz's question list or an image changed: processes drop their copies."""
    content_changed()


for _model in (Question, Choice, ChoiceValueScore, QuizQuestion, get_image_model()):
    for _signal in (post_save, post_delete):
        _signal.connect(_content_changed, sender=_model, dispatch_uid=f"quizzes.content_changed.{_model.__name__}")
