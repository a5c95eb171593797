"""Modules assigned by HR or a trainer, with a due date, to one person or to a unit and everything below it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .pages import ModulePage


class Assignment(models.Model):
    """One module to take by a due date; for a unit it is resolved when read, so newcomers to the unit get it too."""

    module = models.ForeignKey(
        ModulePage, verbose_name=_("module"), on_delete=models.CASCADE, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="module_assignments",
    )
    unit = models.ForeignKey(
        "people.Unit",
        verbose_name=_("unit kerja (with its sub-units)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("due date"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, unit__isnull=True) | Q(user__isnull=True, unit__isnull=False),
                name="courses_assignment_one_target",
            ),
            models.UniqueConstraint(
                fields=["module", "user"], condition=Q(user__isnull=False), name="courses_assignment_once_per_person"
            ),
            models.UniqueConstraint(
                fields=["module", "unit"], condition=Q(unit__isnull=False), name="courses_assignment_once_per_unit"
            ),
        ]

    def __str__(self):
        return f"{self.module} → {self.user or self.unit} ({self.due_date:%Y-%m-%d})"
