"""Attempts (django-quiz-app's sittings), the questions drawn for each, answers and per-category progress."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Attempt(models.Model):
    """One sitting of a quiz; once finished it is graded and closed for good (essays may be re-marked)."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        FINISHED = "finished", _("Finished")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.PROTECT, related_name="attempts")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.IN_PROGRESS)
    position = models.PositiveSmallIntegerField(
        _("current question"), default=0, help_text=_("Index of the question shown in one-per-page quizzes.")
    )
    is_preview = models.BooleanField(_("preview"), default=False, help_text=_("A trainer trying the quiz out."))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    timed_out = models.BooleanField(_("closed by the time limit"), default=False)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    needs_marking = models.BooleanField(_("essays to mark"), default=False)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        indexes = [models.Index(fields=["user", "quiz", "status"])]
        permissions = [("view_sittings", _("Can see finished attempts and mark essays"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100), name="quizzes_attempt_score_range"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="in_progress", finished_at__isnull=True, score__isnull=True, passed__isnull=True)
                    | Q(status="finished", finished_at__isnull=False, score__isnull=False, passed__isnull=False)
                ),
                name="quizzes_attempt_finished_is_graded",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.quiz} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED


class AttemptQuestion(models.Model):
    """A question drawn for one attempt, in the order that attempt shows it (random order and subsets)."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="drawn")
    question = models.ForeignKey("quizzes.Question", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["attempt", "position"]
        verbose_name = _("drawn question")
        verbose_name_plural = _("drawn questions")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="quizzes_attemptquestion_unique"),
            models.UniqueConstraint(fields=["attempt", "position"], name="quizzes_attemptquestion_position"),
        ]

    def __str__(self):
        return f"{self.attempt_id}#{self.position}: {self.question_id}"


class Answer(models.Model):
    """What a learner gave for one question of one attempt, and the points the server awarded for it."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("quizzes.Question", on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey("quizzes.Choice", on_delete=models.CASCADE, related_name="+", null=True, blank=True)
    choices = models.ManyToManyField(
        "quizzes.Choice", related_name="+", blank=True, help_text=_("Several-answer questions only.")
    )
    text = models.TextField(_("essay answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)
    is_correct = models.BooleanField(_("correct"), null=True, blank=True, help_text=_("Set when graded."))
    points = models.DecimalField(
        _("points"), max_digits=5, decimal_places=4, null=True, blank=True, help_text=_("0 to 1; set when graded.")
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="quizzes_answer_unique"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0, points__lte=1), name="quizzes_answer_points_range"
            ),
        ]

    def __str__(self):
        return f"{self.attempt_id}: {self.question_id} → {self.choice_id or self.text[:20]}"


class CategoryProgress(models.Model):
    """Points earned and possible per learner and category (django-quiz-app's Progress, keyed by id)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_progress")
    category = models.ForeignKey("quizzes.Category", on_delete=models.CASCADE, related_name="progress")
    points = models.DecimalField(_("points"), max_digits=10, decimal_places=4, default=0)
    possible = models.PositiveIntegerField(_("possible"), default=0)

    class Meta:
        verbose_name = _("progress per category")
        verbose_name_plural = _("progress per category")
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="quizzes_categoryprogress_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="quizzes_categoryprogress_points"),
        ]

    def __str__(self):
        return f"{self.user} – {self.category}: {self.points}/{self.possible}"

    @property
    def percent(self) -> float:
        return round(100 * float(self.points) / self.possible, 1) if self.possible else 0.0
