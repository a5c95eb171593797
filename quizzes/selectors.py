"""Reads about quizzes and attempts."""

from django.db.models import QuerySet

from .models import Attempt, Question, Quiz


def quiz_for_module(*, module) -> Quiz | None:
    return Quiz.objects.filter(module=module, is_published=True).order_by("pk").first()


def quiz_questions(*, quiz: Quiz) -> QuerySet[Question]:
    return quiz.questions.order_by("sort_order", "pk").prefetch_related("choices")


def attempts_of(*, user, quiz: Quiz) -> QuerySet[Attempt]:
    return Attempt.objects.filter(user=user, quiz=quiz).order_by("-started_at")


def best_finished_attempt(*, user, quiz: Quiz) -> Attempt | None:
    return (
        Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.Status.FINISHED)
        .order_by("-score", "finished_at")
        .first()
    )


def module_quiz_passed(*, user, module) -> tuple[bool, Attempt | None]:
    """Whether the module's quiz is passed (a module without a quiz needs none) and the attempt that counts."""
    quiz = quiz_for_module(module=module)
    if quiz is None:
        return True, None
    best = best_finished_attempt(user=user, quiz=quiz)
    return bool(best and best.passed), best
