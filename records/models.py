"""Completions: the facts HR counts and certificates are issued from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Completion(models.Model):
    """A person completed a module (all lessons done, quiz passed) or a workshop (attendance rule met). Written once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="completions")
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.PROTECT, null=True, blank=True, related_name="completions"
    )
    workshop = models.ForeignKey(
        "courses.WorkshopPage", on_delete=models.PROTECT, null=True, blank=True, related_name="completions"
    )
    # The unit at completion time: HR scope follows where the person worked when they earned it.
    unit = models.ForeignKey("people.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    jp = models.PositiveSmallIntegerField(_("JP"))
    completed_at = models.DateTimeField(_("completed at"), db_index=True)
    attempt = models.ForeignKey("quizzes.Attempt", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="records_completion_once_per_module"),
            models.UniqueConstraint(fields=["user", "workshop"], name="records_completion_once_per_workshop"),
            models.CheckConstraint(
                condition=Q(module__isnull=False, workshop__isnull=True)
                | Q(module__isnull=True, workshop__isnull=False),
                name="records_completion_module_xor_workshop",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100), name="records_completion_score_range"
            ),
        ]
        indexes = [models.Index(fields=["unit", "completed_at"])]
        permissions = [("view_unit_records", _("Can see completion records of the units in scope"))]

    def __str__(self):
        return f"{self.user} – {self.course}"

    @property
    def course(self):
        """The page that was completed, a module or a workshop; downstream code reads this, not `module`."""
        return self.module if self.module_id is not None else self.workshop


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class ExternalTraining(models.Model):
    """Training done outside Melayani (diklat, seminar, workshop elsewhere) that HR credits to the JP ledger."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        PENDING = "pending", _("Waiting for review")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="external_trainings")
    title = models.CharField(_("training title"), max_length=255)
    organiser = models.CharField(_("organiser"), max_length=255, blank=True)
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), db_index=True)
    jp = models.PositiveSmallIntegerField(_("JP"))
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    certificate_file = models.FileField(
        _("scanned certificate"), storage=_private_storage, upload_to="external-training/%Y/", blank=True
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPROVED)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    withdrawn_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("external training")
        verbose_name_plural = _("external training")
        constraints = [
            models.CheckConstraint(condition=Q(jp__gt=0, jp__lte=500), name="records_external_jp_range"),
            models.CheckConstraint(
                condition=Q(ended_on__gte=models.F("started_on")), name="records_external_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["user", "ended_on"])]

    def __str__(self):
        return f"{self.user} – {self.title}"


class JpYear(models.Model):
    """A person's JP in one Jakarta year, kept by the services that write completions and external training.

    The HR dashboard reads one row per person instead of summing every completion; `rebuild_jp_summaries`
    recomputes it from the facts (after bulk loads), and tests/records/test_jp_summary.py checks it stays equal.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    platform_jp = models.PositiveIntegerField(_("JP on the platform"), default=0)
    external_jp = models.PositiveIntegerField(_("JP from approved external training"), default=0)
    entries = models.PositiveIntegerField(_("ledger entries counted"), default=0)

    class Meta:
        verbose_name = _("yearly JP summary")
        verbose_name_plural = _("yearly JP summaries")
        constraints = [models.UniqueConstraint(fields=["user", "year"], name="records_jpyear_once")]
        indexes = [models.Index(fields=["year", "user"], name="records_jpyear_year_user")]

    def __str__(self):
        return f"{self.user_id} {self.year}: {self.platform_jp + self.external_jp} JP"


class CompletionTally(models.Model):
    """Completions of one course in one unit (at completion time) and Jakarta year: the dashboard's module table."""

    unit = models.ForeignKey("people.Unit", on_delete=models.CASCADE, related_name="+")
    course_id = models.PositiveIntegerField(_("module or workshop page"))
    year = models.PositiveSmallIntegerField(_("year"))
    completions = models.PositiveIntegerField(_("completions"), default=0)
    jp = models.PositiveIntegerField(_("JP"), default=0)
    score_sum = models.DecimalField(_("sum of scores"), max_digits=14, decimal_places=2, default=0)
    scored = models.PositiveIntegerField(_("completions with a score"), default=0)

    class Meta:
        verbose_name = _("completion tally")
        verbose_name_plural = _("completion tallies")
        constraints = [
            models.UniqueConstraint(fields=["unit", "course_id", "year"], name="records_completiontally_once")
        ]
        indexes = [models.Index(fields=["year", "unit"], name="records_tally_year_unit")]

    def __str__(self):
        return f"{self.unit_id}/{self.course_id} {self.year}: {self.completions}"
