"""Issued certificates: frozen facts with a number, a stored PDF and a public verification token."""

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from ..numbering import validate_number_format


def _private_storage():
    return storages["private"]


def _token() -> str:
    return secrets.token_urlsafe(18)


@register_setting(icon="doc-full")
class CertificateSettings(BaseGenericSetting):
    """What every certificate carries: the numbering pattern and the signatory."""

    number_format = models.CharField(
        _("number pattern"),
        max_length=100,
        default="{seq:05d}/BERAKHLAK/{year}",
        validators=[validate_number_format],
        help_text=_("Fields: {seq} (sequence per year, e.g. {seq:05d}), {year}, {unit} (unit code)."),
    )
    issuer = models.CharField(_("issuing agency"), max_length=255, default="Kementerian Pekerjaan Umum")
    city = models.CharField(_("city of issue"), max_length=100, default="Jakarta")
    signatory_name = models.CharField(_("signatory name"), max_length=255, default="Dr. Ir. Bambang Setiawan, M.T.")
    signatory_nip = models.CharField(_("signatory NIP"), max_length=18, default="196805121994031001")
    signatory_position = models.CharField(
        _("signatory position"), max_length=255, default="Kepala Pusat Pengembangan Kompetensi"
    )

    panels = [
        FieldPanel("number_format"),
        FieldPanel("issuer"),
        FieldPanel("city"),
        MultiFieldPanel(
            [FieldPanel("signatory_name"), FieldPanel("signatory_nip"), FieldPanel("signatory_position")],
            heading=_("Signatory"),
        ),
    ]

    class Meta:
        verbose_name = _("certificate settings")


class Certificate(models.Model):
    """One per completion (the unique key makes a second issue impossible); details are frozen at issue."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")

    completion = models.OneToOneField("records.Completion", on_delete=models.PROTECT, related_name="certificate")
    template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    kind = models.CharField(_("kind"), max_length=20, default="completion")
    series = models.CharField(_("number series"), max_length=20, blank=True, default="")
    number = models.CharField(_("number"), max_length=100, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    token = models.CharField(_("verification token"), max_length=32, unique=True, default=_token, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.VALID)
    holder_name = models.CharField(_("holder name"), max_length=255)
    holder_nip = models.CharField(_("holder NIP"), max_length=18, blank=True)
    module_title = models.CharField(_("module"), max_length=255)
    jp = models.PositiveSmallIntegerField(_("JP"))
    completed_on = models.DateField(_("completion date"))
    issuer = models.CharField(_("issuing agency"), max_length=255)
    city = models.CharField(_("city of issue"), max_length=100)
    signatory_name = models.CharField(_("signatory name"), max_length=255)
    signatory_nip = models.CharField(_("signatory NIP"), max_length=18, blank=True)
    signatory_position = models.CharField(_("signatory position"), max_length=255)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    pdf = models.FileField(_("PDF"), storage=_private_storage, upload_to="certificates/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True, db_index=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    signed = models.BooleanField(_("digitally signed"), default=False)
    signatories = models.JSONField(_("signatories"), default=list, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    expiry_reminded_at = models.DateTimeField(_("expiry reminder sent at"), null=True, blank=True)

    # Facts are frozen on the row, so Wagtail's reference index ("usage") has nothing to learn from it, and indexing
    # would queue two background tasks per issued certificate (measured: they doubled the bulk run's queue).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        permissions = [
            ("manage_certificates", _("Can issue, revoke and reissue certificates")),
            ("download_certificates_in_bulk", _("Can download ZIPs of the certificates of the units in scope")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "sequence"], name="certificates_sequence_once_per_series_and_year"
            ),
            models.CheckConstraint(
                condition=Q(status="valid", revoked_at__isnull=True) | Q(status="revoked", revoked_at__isnull=False),
                name="certificates_revoked_has_date",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.VALID

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.valid_until is not None and self.valid_until < timezone.localdate()


class CertificateVersion(models.Model):
    """A superseded PDF kept after a reissue: the number stays, the old file still verifies as replaced."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField(_("version"))
    holder_name = models.CharField(_("holder name"), max_length=255)
    holder_nip = models.CharField(_("holder NIP"), max_length=18, blank=True)
    module_title = models.CharField(_("module"), max_length=255)
    pdf = models.FileField(_("PDF"), storage=_private_storage, upload_to="certificates/versions/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True, db_index=True)
    issued_at = models.DateTimeField(_("issued at"))
    replaced_at = models.DateTimeField(_("replaced at"), auto_now_add=True)
    reason = models.TextField(_("reason for the reissue"))
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("certificate version")
        verbose_name_plural = _("certificate versions")
        ordering = ["certificate", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "version"], name="certificates_version_once"),
        ]

    def __str__(self):
        return f"{self.certificate.number} v{self.version}"
