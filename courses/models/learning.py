"""Enrolment and lesson progress: one row per learner and module or lesson."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .pages import LessonPage, ModulePage


class Enrolment(models.Model):
    """A learner taking a module; remembers the last lesson for "continue where you left off"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="enrolments")
    last_lesson = models.ForeignKey(LessonPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen at"), auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["user", "module"], name="courses_enrolment_unique")]
        indexes = [models.Index(fields=["user", "-last_seen_at"])]

    def __str__(self):
        return f"{self.user} – {self.module}"


class LessonProgress(models.Model):
    """A lesson a learner has finished; one row per person and lesson."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="lesson_progress")
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="courses_lessonprogress_unique")]
        indexes = [models.Index(fields=["user", "module"])]

    def __str__(self):
        return f"{self.user} – {self.lesson}"
