"""Certificate PDFs: a trainer's template → HTML → WeasyPrint, with bundled fonts, a QR code and a locked fetcher."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.safestring import mark_safe

from .engine import RenderRefused, html_to_pdf, pdf_first_page_png
from .fitting import fit_font_size
from .models import Certificate, CertificateSettings, CertificateTemplate
from .placeholders import render_body
from .qr import qr_data_uri

PAGE_MM = {"landscape": (297, 210), "portrait": (210, 297)}
FRAME_MM = 2 * (5 + 12 + 0.6 + 10)  # border, padding, inner rule and inner padding on both sides


def verification_url(certificate: Certificate) -> str:
    return settings.MELAYANI_BASE_URL + reverse("certificates:verify", args=[certificate.token])


# -- what goes on the page ----------------------------------------------------------------------------------------


@dataclass
class Facts:
    """Everything printed on a certificate, from an issued row or from sample data for a preview."""

    number: str
    holder_name: str
    holder_nip: str
    course_title: str
    jp: int
    completed_on: datetime.date
    issuer: str
    city: str
    unit_name: str
    verification_url: str
    signatories: list[dict] = field(default_factory=list)
    valid_until: datetime.date | None = None


def _date(value: datetime.date | None, language: str) -> str:
    if value is None:
        return ""
    with translation.override(language):
        return formats.date_format(value, "j F Y")


def _image_url(image_id) -> str:
    if not image_id:
        return ""
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=image_id).first()
    return settings.MELAYANI_BASE_URL + image.file.url if image else ""


@dataclass(frozen=True)
class DocumentParts:
    """One certificate's HTML in the pieces a bulk chunk shares: certificates whose `lang` and `style` (page size,
    colours, the course title's size) are equal can be laid out as the pages of one document."""

    lang: str
    title: str
    style: str
    sheet: str

    @property
    def shared(self) -> tuple[str, str]:
        return self.lang, self.style


def document_parts(template: CertificateTemplate, facts: Facts, *, image_urls: dict | None = None) -> DocumentParts:
    """The HTML of one certificate: user text escaped, sizes fitted to the bundled fonts.

    `image_urls` caches image look-ups across the certificates of a chunk (signatures, logo, background).
    """
    languages = {"id": ["id"], "en": ["en"], "both": ["id", "en"]}[template.language]
    width, height = PAGE_MM[template.orientation]
    text_width = width - FRAME_MM
    name_pt, name_lines = fit_font_size(facts.holder_name, box_width_mm=text_width, max_pt=28, min_pt=14, max_lines=3)
    course_pt, course_lines = fit_font_size(
        facts.course_title, box_width_mm=text_width - 20, max_pt=16, min_pt=10, max_lines=2
    )
    images = {} if image_urls is None else image_urls

    def image_url(image_id) -> str:
        if image_id not in images:
            images[image_id] = _image_url(image_id)
        return images[image_id]

    blocks = []
    for language in languages:
        values = {
            "name": facts.holder_name,
            "nip": facts.holder_nip,
            "course": facts.course_title,
            "jp": facts.jp,
            "date": _date(facts.completed_on, language),
            "number": facts.number,
            "unit": facts.unit_name,
            "issuer": facts.issuer,
            "city": facts.city,
        }
        blocks.append(
            {
                "language": language,
                "title": template.title_for(language),
                "body": render_body(template.body_for(language), values),
            }
        )
    signatories = [
        {**signatory, "signature_url": image_url(signatory.get("signature"))} for signatory in facts.signatories
    ]
    context = {
        "template": template,
        "facts": facts,
        "blocks": blocks,
        "primary": languages[0],
        "both": len(languages) == 2,
        "page": {"width": width, "height": height, "orientation": template.orientation},
        "name": {"pt": name_pt, "nowrap": name_lines == 1, "width": text_width},
        "course": {"pt": course_pt, "nowrap": course_lines == 1},
        "date_text": _date(facts.completed_on, languages[0]),
        "valid_until_text": _date(facts.valid_until, languages[0]),
        "signatories": signatories,
        "qr": qr_data_uri(facts.verification_url),
        "logo_url": image_url(template.logo_id),
        "background_url": image_url(template.background_id),
    }
    return DocumentParts(
        lang=languages[0],
        title=facts.number,
        style=render_to_string("certificates/certificate_style.html", context),
        sheet=render_to_string("certificates/certificate_sheet.html", context),
    )


def assemble_html(parts: list[DocumentParts], *, title: str | None = None) -> str:
    """One HTML document whose pages are the given sheets (all with the same `shared` pieces), in order."""
    if len({part.shared for part in parts}) != 1:
        raise ValueError("only certificates with the same page style can share a document")
    return render_to_string(
        "certificates/certificate.html",
        {
            "lang": parts[0].lang,
            "title": parts[0].title if title is None else title,
            "style": mark_safe(parts[0].style),  # noqa: S308  # nosec B308 B703 -- our template's output, user text escaped there
            "sheets": [mark_safe(part.sheet) for part in parts],  # noqa: S308  # nosec B308 B703 -- idem
        },
    )


def document_html(template: CertificateTemplate, facts: Facts) -> str:
    """The HTML of one certificate: its sheet as the only page."""
    return assemble_html([document_parts(template, facts)])


def _fallback_template(certificate: Certificate) -> CertificateTemplate:
    """The built-in design, worded for what was completed (a module, or attendance at a workshop)."""
    from .models.template import DEFAULT_BODY, DEFAULT_BODY_EN
    from .selectors import completion_kind

    kind = completion_kind(certificate.completion)
    return CertificateTemplate(name="default", kind=kind, body=DEFAULT_BODY[kind], body_en=DEFAULT_BODY_EN[kind])


def certificate_facts(certificate: Certificate) -> Facts:
    signatories = certificate.signatories or [
        {
            "name": certificate.signatory_name,
            "nip": certificate.signatory_nip,
            "position": certificate.signatory_position,
        }
    ]
    unit = certificate.completion.unit if certificate.completion_id else None
    return Facts(
        number=certificate.number,
        holder_name=certificate.holder_name,
        holder_nip=certificate.holder_nip,
        course_title=certificate.module_title,
        jp=certificate.jp,
        completed_on=certificate.completed_on,
        issuer=certificate.issuer,
        city=certificate.city,
        unit_name=unit.name if unit else "",
        verification_url=verification_url(certificate),
        signatories=signatories,
        valid_until=certificate.valid_until,
    )


def certificate_template(certificate: Certificate) -> CertificateTemplate:
    return certificate.template or _fallback_template(certificate)


def certificate_pdf(certificate: Certificate) -> bytes:
    """The issued certificate's PDF (unsigned) from its frozen facts and its template."""
    return html_to_pdf(document_html(certificate_template(certificate), certificate_facts(certificate)))


SAMPLE_NAME = "Dr. Ir. Raden Ajeng Siti Nurhaliza Kusumawardhani, S.T., M.T."


def sample_facts(template: CertificateTemplate) -> Facts:
    config = CertificateSettings.load()
    signatories = [
        {"name": s.name, "nip": s.nip, "position": s.position, "signature": s.signature_id}
        for s in template.signatories.all()
    ] or [{"name": config.signatory_name, "nip": config.signatory_nip, "position": config.signatory_position}]
    today = datetime.date.today()
    number_format = template.number_format or config.number_format
    return Facts(
        number=number_format.format(seq=1, year=today.year, unit="SDA"),
        holder_name=SAMPLE_NAME,
        holder_nip="198503122010012002",
        course_title="Berorientasi Pelayanan: Melayani dengan Ramah dan Cepat",
        jp=4,
        completed_on=today,
        issuer=template.issuer or config.issuer,
        city=template.city or config.city,
        unit_name="Direktorat Jenderal Sumber Daya Air",
        verification_url=settings.MELAYANI_BASE_URL + reverse("certificates:lookup"),
        signatories=signatories,
        valid_until=None,
    )


def template_preview_pdf(template: CertificateTemplate) -> bytes:
    return html_to_pdf(document_html(template, sample_facts(template)))


def template_preview_png(template: CertificateTemplate, *, dpi: int = 96) -> bytes:
    return pdf_first_page_png(template_preview_pdf(template), dpi=dpi)


__all__ = [
    "RenderRefused",
    "certificate_pdf",
    "html_to_pdf",
    "pdf_first_page_png",
    "template_preview_pdf",
    "template_preview_png",
    "verification_url",
]
