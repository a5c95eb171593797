"""Background exports and the HR systems that read the API: rows, so both can be audited and revoked."""

import hashlib
import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _private_storage():
    return storages["private"]


class ExportJob(models.Model):
    """One export asked for by one person: small ones stream at once, large ones run as a task."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        ODS = "ods", "ODS"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    # The filters as given (year, unit code) and the unit paths they covered ("|path|path|"), so a person can
    # find the exports that included their unit (reports.selectors.accesses_to).
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    scope_key = models.TextField(_("unit paths covered"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    in_background = models.BooleanField(_("in the background"), default=False)
    rows_total = models.PositiveIntegerField(_("rows to write"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), storage=_private_storage, upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("download until"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(rows_done__lte=models.F("rows_total")), name="reports_export_progress"),
        ]

    def __str__(self):
        return f"{self.get_format_display()} #{self.pk} ({self.owner})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0

    @property
    def downloadable(self) -> bool:
        return (
            self.status == self.Status.DONE
            and bool(self.file)
            and (self.expires_at is None or self.expires_at > timezone.now())
        )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Integration(models.Model):
    """An HR system that reads the API with its own token, limited to its units (and the units below)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    # Only a SHA-256 of the token is stored; the token itself is shown once when it is made.
    token_prefix = models.CharField(_("token prefix"), max_length=8, editable=False, db_index=True)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    units = models.ManyToManyField("people.Unit", verbose_name=_("units"), related_name="+")
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API integration")
        verbose_name_plural = _("API integrations")

    def __str__(self):
        return self.name

    def set_new_token(self) -> str:
        """Make a fresh token, keep only its hash, and return it (the only time anyone sees it)."""
        token = secrets.token_urlsafe(32)
        self.token_prefix = token[:8]
        self.token_hash = _token_hash(token)
        return token

    @classmethod
    def for_token(cls, token: str) -> "Integration | None":
        return cls.objects.filter(token_hash=_token_hash(token), is_active=True).first()
