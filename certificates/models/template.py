"""Certificate templates: what trainers design in the Wagtail admin (a snippet with signatories)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from people.validators import validate_nip

from ..numbering import validate_number_format
from ..placeholders import validate_body

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits, e.g. #0b4f8a.")
)

DEFAULT_BODY = {
    "completion": (
        "telah menyelesaikan modul pembelajaran\n{course}\ndengan beban belajar {jp} JP, pada tanggal {date}."
    ),
    "attendance": "telah mengikuti konsinyasi\n{course}\nsebanyak {jp} JP, pada tanggal {date}.",
    "participation": "telah berpartisipasi dalam\n{course}\npada tanggal {date}.",
}
DEFAULT_BODY_EN = {
    "completion": "has completed the learning module\n{course}\nworth {jp} learning hours (JP), on {date}.",
    "attendance": "has attended the workshop\n{course}\nworth {jp} learning hours (JP), on {date}.",
    "participation": "has taken part in\n{course}\non {date}.",
}


class CertificateTemplate(PreviewableMixin, ClusterableModel):
    """A design and wording for one kind of certificate; assigned to course pages or used as the kind's default."""

    class Kind(models.TextChoices):
        COMPLETION = "completion", _("Completion (module)")
        ATTENDANCE = "attendance", _("Attendance (workshop)")
        PARTICIPATION = "participation", _("Participation")

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("Landscape")
        PORTRAIT = "portrait", _("Portrait")

    class Language(models.TextChoices):
        INDONESIAN = "id", _("Indonesian")
        ENGLISH = "en", _("English")
        BOTH = "both", _("Indonesian and English")

    name = models.CharField(_("name"), max_length=120, help_text=_("Only shown in the admin."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPLETION)
    is_default = models.BooleanField(
        _("default for this kind"), default=False, help_text=_("Used for every course page without its own template.")
    )
    auto_issue = models.BooleanField(
        _("issue automatically"),
        default=True,
        help_text=_("Issue as soon as the completion is recorded; otherwise a trainer issues it from the admin."),
    )
    title = models.CharField(_("title"), max_length=80, default="SERTIFIKAT")
    title_en = models.CharField(_("title in English"), max_length=80, default="CERTIFICATE", blank=True)
    body = models.TextField(
        _("body text"),
        default=DEFAULT_BODY["completion"],
        validators=[validate_body],
        help_text=_(
            "Placeholders: {name}, {nip}, {course}, {jp}, {date}, {number}, {unit}, {issuer}, {city}. "
            "A blank line starts a new paragraph."
        ),
    )
    body_en = models.TextField(
        _("body text in English"),
        blank=True,
        validators=[validate_body],
        help_text=_("Needed when the language is English or both."),
    )
    language = models.CharField(_("language"), max_length=4, choices=Language.choices, default=Language.INDONESIAN)
    issuer = models.CharField(
        _("issuing agency"), max_length=255, blank=True, help_text=_("Blank: the global setting.")
    )
    city = models.CharField(_("city of issue"), max_length=100, blank=True, help_text=_("Blank: the global setting."))
    number_format = models.CharField(
        _("number pattern"),
        max_length=100,
        blank=True,
        validators=[validate_number_format],
        help_text=_(
            "E.g. {seq:05d}/BERAKHLAK/{unit}/{year}. A template with its own pattern numbers its own series "
            "(gapless per year). Blank: the global pattern and series."
        ),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), null=True, blank=True, help_text=_("Blank: the certificate never expires.")
    )
    orientation = models.CharField(
        _("orientation"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    primary_colour = models.CharField(_("main colour"), max_length=7, default="#0b4f8a", validators=[colour_validator])
    accent_colour = models.CharField(_("accent colour"), max_length=7, default="#c9a227", validators=[colour_validator])
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    background = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("background image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language"), FieldPanel("orientation")]),
        FieldRowPanel([FieldPanel("is_default"), FieldPanel("auto_issue")]),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("body"), FieldPanel("title_en"), FieldPanel("body_en")],
            heading=_("Wording"),
        ),
        MultiFieldPanel(
            [FieldPanel("issuer"), FieldPanel("city"), FieldPanel("number_format"), FieldPanel("validity_months")],
            heading=_("Issuing"),
        ),
        InlinePanel("signatories", heading=_("Signatories"), label=_("Signatory"), min_num=1, max_num=3),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("background"),
                FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")]),
            ],
            heading=_("Design"),
        ),
        InlinePanel("assigned_pages", heading=_("Course pages using this template"), label=_("Course page")),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(is_default=True), name="certificates_one_default_template_per_kind"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.language in (self.Language.ENGLISH, self.Language.BOTH) and not self.body_en.strip():
            errors["body_en"] = _("Write the English body text, or choose Indonesian as the language.")
        if self.is_default:
            others = CertificateTemplate.objects.filter(kind=self.kind, is_default=True).exclude(pk=self.pk)
            if others.exists():
                errors["is_default"] = _("“%(name)s” is already the default for this kind; untick it there first.") % {
                    "name": others.first().name
                }
        if self.number_format:
            from .certificate import CertificateSettings

            same = CertificateTemplate.objects.filter(number_format=self.number_format).exclude(pk=self.pk)
            if same.exists() or self.number_format == CertificateSettings.load().number_format:
                errors["number_format"] = _(
                    "Another series already uses this pattern, so numbers would clash. Make it distinct "
                    "(e.g. add a code), or leave it blank to share the global series."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def series(self) -> str:
        """Templates with their own pattern number their own series; the rest share the global one."""
        return f"t{self.pk}" if self.number_format and self.pk else ""

    def body_for(self, language: str) -> str:
        return self.body_en if language == "en" else self.body

    def title_for(self, language: str) -> str:
        return (self.title_en or "CERTIFICATE") if language == "en" else self.title

    # Live preview in the editor: the PDF rendered from the unsaved form with sample data, or its first page as a
    # PNG image (shows in any browser's preview panel, including those that will not embed a PDF).
    preview_modes = [("", _("PDF")), ("png", _("Image (PNG)"))]

    def serve_preview(self, request, mode_name):
        from ..rendering import template_preview_pdf, template_preview_png

        if mode_name == "png":
            return HttpResponse(template_preview_png(self), content_type="image/png")
        return HttpResponse(template_preview_pdf(self), content_type="application/pdf")


class CertificateSignatory(Orderable):
    """A person who signs; their name and NIP are frozen on each certificate at issue."""

    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name with titles"), max_length=255)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[validate_nip])
    position = models.CharField(_("position"), max_length=255)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("nip"), FieldPanel("position"), FieldPanel("signature")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return self.name


class CertificateTemplatePage(Orderable):
    """A course page (module or workshop) that uses this template instead of its kind's default."""

    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="assigned_pages")
    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("course page"), on_delete=models.CASCADE, related_name="certificate_template"
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("course page")
        verbose_name_plural = _("course pages")

    def __str__(self):
        return str(self.page)
