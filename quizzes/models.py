"""Quizzes attached to modules; attempts and answers are rows so grading can be checked and audited."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable
from wagtail.search import index

from .forms import QuizForm


class Quiz(index.Indexed, ClusterableModel):
    """A graded quiz on a module; passing it is one of the module's completion rules."""

    class Display(models.TextChoices):
        ALL = "all", _("All questions on one page")
        ONE = "one", _("One question per page")

    module = models.ForeignKey(
        "courses.ModulePage", verbose_name=_("module"), on_delete=models.PROTECT, related_name="quizzes"
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, help_text=_("Lowest score, in percent, that passes.")
    )
    display = models.CharField(_("display"), max_length=8, choices=Display.choices, default=Display.ALL)
    is_published = models.BooleanField(_("published"), default=False)

    panels = [
        PageChooserPanel("module", "courses.ModulePage"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("pass_mark"),
        FieldPanel("display"),
        FieldPanel("is_published"),
        InlinePanel("questions", label=_("Questions"), min_num=1),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    base_form_class = QuizForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="quizzes_quiz_pass_mark_percent"),
        ]

    def __str__(self):
        return self.title


class Question(ClusterableModel, Orderable):
    """A question with its choices; true/false is a two-choice question graded the same way."""

    class Kind(models.TextChoices):
        MULTIPLE_CHOICE = "mc", _("Multiple choice (one answer)")
        TRUE_FALSE = "tf", _("True / false")

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.MULTIPLE_CHOICE)
    text = models.TextField(_("question"))
    explanation = models.TextField(_("explanation"), blank=True, help_text=_("Shown after the attempt is finished."))

    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("explanation"),
        InlinePanel("choices", label=_("Choices"), min_num=2),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:80]


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)

    panels = [FieldPanel("text"), FieldPanel("is_correct")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class Attempt(models.Model):
    """One sitting of a quiz; once finished it is graded and closed for good."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        FINISHED = "finished", _("Finished")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.IN_PROGRESS)
    position = models.PositiveSmallIntegerField(
        _("current question"), default=0, help_text=_("Index of the question shown in one-per-page quizzes.")
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        indexes = [models.Index(fields=["user", "quiz", "status"])]
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


class Answer(models.Model):
    """The choice a learner picked for one question of one attempt."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)
    is_correct = models.BooleanField(_("correct"), null=True, blank=True, help_text=_("Set when graded."))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="quizzes_answer_unique")]

    def __str__(self):
        return f"{self.attempt_id}: {self.question_id} → {self.choice_id}"
