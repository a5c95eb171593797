"""The quiz and its settings (django-quiz-app's Quiz, plus time limit, attempt limits and review)."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.search import index

from ..forms import QuizForm


def new_slug() -> str:
    """A unique address for a quiz made in code; trainers replace it with a readable one."""
    return f"kuis-{secrets.token_hex(5)}"


class Quiz(index.Indexed, ClusterableModel):
    """A graded quiz, on a module or on its own; passing a module's quiz is one of its completion rules."""

    class Display(models.TextChoices):
        ALL = "all", _("All questions on one page")
        ONE = "one", _("One question per page")

    class Purpose(models.TextChoices):
        QUIZ = "quiz", _("Quiz (counts for completion)")
        PRE_TEST = "pre", _("Pre-test (before the lessons)")
        POST_TEST = "post", _("Post-test (counts for completion)")

    class GradingMethod(models.TextChoices):
        HIGHEST = "highest", _("Highest attempt")
        LAST = "last", _("Last attempt")
        FIRST = "first", _("First attempt")
        AVERAGE = "average", _("Average of attempts")

    class Review(models.TextChoices):
        SCORE = "score", _("Score only")
        ANSWERS = "answers", _("Score and the learner's answers marked right or wrong")
        FULL = "full", _("Everything: answers, correct answers and explanations")

    module = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("module"),
        on_delete=models.PROTECT,
        related_name="quizzes",
        null=True,
        blank=True,
        help_text=_("Leave empty for a quiz that stands on its own (reached by its address)."),
    )
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("address (slug)"), max_length=80, unique=True, default=new_slug, help_text=_("Used in the quiz's URL.")
    )
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        "quizzes.Category",
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quizzes",
    )
    purpose = models.CharField(_("purpose"), max_length=8, choices=Purpose.choices, default=Purpose.QUIZ)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, help_text=_("Lowest score, in percent, that passes.")
    )
    display = models.CharField(_("display"), max_length=8, choices=Display.choices, default=Display.ALL)
    random_order = models.BooleanField(
        _("random question order"), default=False, help_text=_("Each attempt gets its own order of questions.")
    )
    max_questions = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        help_text=_("Draw this many questions at random for each attempt; empty means all questions."),
    )
    answers_at_end = models.BooleanField(
        _("answers at the end"),
        default=True,
        help_text=_(
            "Show correct answers only after the attempt. When off, one-question-per-page quizzes show "
            "whether the previous (locked) answer was right."
        ),
    )
    exam_paper = models.BooleanField(
        _("keep every paper"),
        default=True,
        help_text=_(
            "Keep the learner's answers of every attempt (needed for essay marking). When off, only the answers "
            "of the latest attempt are kept; every score is kept."
        ),
    )
    single_attempt = models.BooleanField(_("single attempt"), default=False, help_text=_("One attempt per learner."))
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), null=True, blank=True, help_text=_("Empty means unlimited.")
    )
    grading_method = models.CharField(
        _("grading method"), max_length=8, choices=GradingMethod.choices, default=GradingMethod.HIGHEST
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty means no time limit.")
    )
    grace_seconds = models.PositiveSmallIntegerField(
        _("grace period (seconds)"),
        default=30,
        help_text=_("Answers arriving this long after the time limit still count (slow connections)."),
    )
    review = models.CharField(
        _("after finishing, the learner sees"), max_length=8, choices=Review.choices, default=Review.FULL
    )
    success_text = models.TextField(_("text when passed"), blank=True)
    fail_text = models.TextField(_("text when not passed"), blank=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Unpublished quizzes are drafts: only previews can open them.")
    )

    panels = [
        MultiFieldPanel(
            [
                PageChooserPanel("module", "courses.ModulePage"),
                FieldPanel("title"),
                FieldPanel("slug"),
                FieldPanel("description"),
                FieldPanel("category"),
                FieldPanel("purpose"),
                FieldPanel("is_published"),
            ],
            heading=_("Quiz"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("grading_method")]),
                FieldRowPanel([FieldPanel("display"), FieldPanel("random_order"), FieldPanel("max_questions")]),
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("grace_seconds")]),
                FieldRowPanel([FieldPanel("single_attempt"), FieldPanel("max_attempts"), FieldPanel("exam_paper")]),
                FieldRowPanel([FieldPanel("answers_at_end"), FieldPanel("review")]),
                FieldPanel("success_text"),
                FieldPanel("fail_text"),
            ],
            heading=_("Settings"),
        ),
        InlinePanel("questions", label=_("Questions"), min_num=1),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title"), index.FilterField("is_published")]
    base_form_class = QuizForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="quizzes_quiz_pass_mark_percent"),
            models.CheckConstraint(
                condition=Q(max_questions__isnull=True) | Q(max_questions__gte=1), name="quizzes_quiz_max_questions"
            ),
            models.CheckConstraint(
                condition=Q(max_attempts__isnull=True) | Q(max_attempts__gte=1), name="quizzes_quiz_max_attempts"
            ),
            models.CheckConstraint(
                condition=Q(time_limit_minutes__isnull=True) | Q(time_limit_minutes__gte=1),
                name="quizzes_quiz_time_limit",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def attempt_limit(self) -> int | None:
        """single_attempt is django-quiz-app's name for a limit of one."""
        return 1 if self.single_attempt else self.max_attempts
