"""Questions, their choices and, for situational-judgement questions, each choice's score per value."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

SJT_MAX_SCORE = 4


class Question(index.Indexed, ClusterableModel, Orderable):
    """A question of a quiz; its kind decides how the server grades it."""

    class Kind(models.TextChoices):
        MULTIPLE_CHOICE = "mc", _("Multiple choice (one answer)")
        TRUE_FALSE = "tf", _("True / false")
        MULTIPLE_CORRECT = "multi", _("Multiple choice (several answers, all-or-nothing)")
        ESSAY = "essay", _("Essay (marked by a trainer)")
        SITUATIONAL = "sjt", _("Situational judgement (each option scored per value)")

    class AnswerOrder(models.TextChoices):
        WRITTEN = "written", _("As written")
        ALPHABETICAL = "content", _("Alphabetical")
        RANDOM = "random", _("Random (per attempt)")
        NONE = "none", _("None (order of creation)")

    # The quiz the question was written in (edited inline there); the quizzes it is used in are its quiz_links.
    quiz = ParentalKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.MULTIPLE_CHOICE)
    text = models.TextField(_("question"))
    figure = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("figure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    explanation = models.TextField(_("explanation"), blank=True, help_text=_("Shown after the attempt is finished."))
    category = models.ForeignKey(
        "quizzes.Category",
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
    )
    value = models.ForeignKey(
        "courses.BerAkhlakValue",
        verbose_name=_("Ber-AKHLAK value"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The value this question measures; feeds the learner's value profile."),
    )
    answer_order = models.CharField(
        _("answer order"), max_length=8, choices=AnswerOrder.choices, default=AnswerOrder.WRITTEN
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("answer_order")]),
        FieldPanel("text"),
        FieldPanel("figure"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("value")]),
        FieldPanel("explanation"),
        InlinePanel("choices", label=_("Choices")),
    ]
    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("kind"),
        index.FilterField("category"),
        index.FilterField("value"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:80]

    @property
    def has_choices(self) -> bool:
        return self.kind != self.Kind.ESSAY


class Choice(ClusterableModel, Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("text"), max_length=1000)
    is_correct = models.BooleanField(_("correct"), default=False)

    panels = [
        FieldPanel("text"),
        FieldPanel("is_correct"),
        InlinePanel("value_scores", label=_("Scores per value (situational judgement only)")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class ChoiceValueScore(Orderable):
    """How well choosing this option shows one Ber-AKHLAK value (0 = not at all … 4 = fully)."""

    choice = ParentalKey(Choice, on_delete=models.CASCADE, related_name="value_scores")
    value = models.ForeignKey("courses.BerAkhlakValue", verbose_name=_("value"), on_delete=models.PROTECT)
    score = models.PositiveSmallIntegerField(_("score (0–4)"), default=0)

    panels = [FieldRowPanel([FieldPanel("value"), FieldPanel("score")])]

    class Meta(Orderable.Meta):
        verbose_name = _("score per value")
        verbose_name_plural = _("scores per value")
        constraints = [
            models.UniqueConstraint(fields=["choice", "value"], name="quizzes_choicevaluescore_unique"),
            models.CheckConstraint(condition=Q(score__lte=SJT_MAX_SCORE), name="quizzes_choicevaluescore_range"),
        ]

    def __str__(self):
        return f"{self.value}: {self.score}"


class QuizQuestion(models.Model):
    """A question's place in one quiz: a question can be used by several quizzes, each with its own order."""

    quiz = models.ForeignKey("quizzes.Quiz", verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="links")
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="quiz_links"
    )
    sort_order = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["quiz", "sort_order", "pk"]
        verbose_name = _("question in a quiz")
        verbose_name_plural = _("questions in quizzes")
        constraints = [models.UniqueConstraint(fields=["quiz", "question"], name="quizzes_quizquestion_unique")]

    def __str__(self):
        return f"{self.quiz_id}#{self.sort_order}: {self.question_id}"
