"""Bulk runs: a background issue or ZIP for a course page or a unit, with counts for the progress bar."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .certificate import _private_storage


class BulkRun(models.Model):
    """One trainer's or HR officer's request; the task updates the counts as it goes."""

    class Action(models.TextChoices):
        ISSUE = "issue", _("Issue certificates")
        ZIP = "zip", _("ZIP of certificates")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("course page"), null=True, blank=True, on_delete=models.SET_NULL
    )
    unit = models.ForeignKey("people.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    archive = models.FileField(_("ZIP file"), storage=_private_storage, upload_to="certificates/zips/", blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("bulk run")
        verbose_name_plural = _("bulk runs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=False) | Q(unit__isnull=False), name="certificates_bulkrun_has_scope"
            ),
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="certificates_bulkrun_done_le_total"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * (self.done + self.failed) / self.total))
