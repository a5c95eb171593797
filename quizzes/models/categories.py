"""Categories and sub-categories of questions and quizzes (django-quiz-app's Category and SubCategory)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A category; with a parent it is a sub-category, so progress can be kept per category id."""

    name = models.CharField(_("name"), max_length=250)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Leave empty for a category; choose one to make this a sub-category."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="quizzes_category_unique_top"
            ),
            models.UniqueConstraint(fields=["parent", "name"], name="quizzes_category_unique_child"),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("id")), name="quizzes_category_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": _("A sub-category cannot have sub-categories of its own.")})

    @property
    def top(self) -> "Category":
        return self.parent if self.parent_id else self
