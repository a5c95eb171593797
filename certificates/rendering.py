"""Certificate PDFs: a trainer's template → HTML → WeasyPrint, with bundled fonts, a QR code and a locked fetcher."""

import datetime
import mimetypes
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, translation

from .fitting import fit_font_size
from .models import Certificate, CertificateSettings, CertificateTemplate
from .placeholders import render_body

PAGE_MM = {"landscape": (297, 210), "portrait": (210, 297)}
FRAME_MM = 2 * (5 + 12 + 0.6 + 10)  # border, padding, inner rule and inner padding on both sides


class RenderRefused(Exception):
    """The document asked for something a certificate may not contain or took too long."""


def verification_url(certificate: Certificate) -> str:
    return settings.MELAYANI_BASE_URL + reverse("certificates:verify", args=[certificate.token])


def qr_data_uri(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


# -- the fetcher --------------------------------------------------------------------------------------------------


@cache
def platform_only_fetcher_class():
    """The fetcher class, built on first use: WeasyPrint is imported by a render, not by every process at startup."""
    from weasyprint.urls import URLFetcher

    return type("PlatformOnlyFetcher", (_PlatformOnlyFetching, URLFetcher), {})


class _PlatformOnlyFetching:
    """Serves data: URIs and the platform's own static and media files from disk; refuses everything else.

    No file://, no network, so no redirects either; a refused resource stops the render (fail_on_errors).
    """

    def __init__(self):
        super().__init__(allowed_protocols=("data", "http", "https"), allow_redirects=False, fail_on_errors=True)

    def fetch(self, url, headers=None):
        from weasyprint.urls import URLFetcherResponse

        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts, own = urlsplit(url), urlsplit(settings.MELAYANI_BASE_URL)
        if (parts.scheme, parts.netloc) != (own.scheme, own.netloc) or parts.query or "\\" in parts.path:
            raise RenderRefused(f"resource outside the platform refused: {url}")
        path = unquote(parts.path)
        relative = None
        for prefix, opener in ((settings.STATIC_URL, _open_static), (settings.MEDIA_URL, default_storage.open)):
            if prefix and path.startswith(prefix):
                relative = str(PurePosixPath(path[len(prefix) :]))
                if relative.startswith(("/", "..")) or "/../" in relative:
                    break
                handle = opener(relative)
                if handle is None:
                    break
                mime = mimetypes.guess_type(relative)[0] or "application/octet-stream"
                return URLFetcherResponse(url, handle, {"Content-Type": mime})
        raise RenderRefused(f"resource refused: {url}")


def _open_static(relative: str):
    found = finders.find(relative)
    if not found and settings.STATIC_ROOT:
        candidate = settings.STATIC_ROOT / relative
        found = str(candidate) if candidate.is_file() else None
    return open(found, "rb") if found else None  # noqa: SIM115  (WeasyPrint closes it)


# -- parsed once per worker ---------------------------------------------------------------------------------------


@cache
def _shared():
    """The font configuration and the bundled stylesheet (with @font-face), parsed once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    fetcher = platform_only_fetcher_class()()
    base = settings.MELAYANI_BASE_URL
    faces = []
    for family, file, weight, style in (
        ("Melayani Serif", "LiberationSerif-Regular.ttf", 400, "normal"),
        ("Melayani Serif", "LiberationSerif-Bold.ttf", 700, "normal"),
        ("Melayani Serif", "LiberationSerif-Italic.ttf", 400, "italic"),
        ("Melayani Serif", "LiberationSerif-BoldItalic.ttf", 700, "italic"),
        ("Melayani Sans", "LiberationSans-Regular.ttf", 400, "normal"),
        ("Melayani Sans", "LiberationSans-Bold.ttf", 700, "normal"),
    ):
        url = base + static(f"fonts/liberation/{file}")
        faces.append(
            f'@font-face {{ font-family: "{family}"; src: url("{url}"); font-weight: {weight}; font-style: {style}; }}'
        )
    sheet = render_to_string("certificates/certificate.css")
    css = CSS(string="\n".join(faces) + sheet, font_config=font_config, url_fetcher=fetcher, base_url=base)
    return font_config, css, fetcher


@contextmanager
def _deadline(seconds: float):
    """Bound a render's time where a timer signal is available (the worker's main thread)."""
    if threading.current_thread() is not threading.main_thread() or not seconds:
        yield
        return

    def expired(signum, frame):
        raise RenderRefused(f"render took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def html_to_pdf(html: str) -> bytes:
    """The one WeasyPrint call: shared fonts and stylesheet, the locked fetcher, a time limit, no attachments."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    font_config, css, fetcher = _shared()
    try:
        with _deadline(settings.MELAYANI_CERTIFICATE_RENDER_SECONDS):
            document = HTML(string=html, base_url=settings.MELAYANI_BASE_URL, url_fetcher=fetcher).render(
                stylesheets=[css], font_config=font_config
            )
            if document.metadata.attachments:
                raise RenderRefused("attachments are not allowed in a certificate")
            return document.write_pdf()
    except FatalURLFetchingError as error:
        raise RenderRefused(str(error.__cause__ or error)) from error


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


def document_html(template: CertificateTemplate, facts: Facts) -> str:
    """The HTML of one certificate: user text escaped, sizes fitted to the bundled fonts."""
    languages = {"id": ["id"], "en": ["en"], "both": ["id", "en"]}[template.language]
    width, height = PAGE_MM[template.orientation]
    text_width = width - FRAME_MM
    name_pt, name_lines = fit_font_size(facts.holder_name, box_width_mm=text_width, max_pt=28, min_pt=14, max_lines=3)
    course_pt, course_lines = fit_font_size(
        facts.course_title, box_width_mm=text_width - 20, max_pt=16, min_pt=10, max_lines=2
    )
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
        {**signatory, "signature_url": _image_url(signatory.get("signature"))} for signatory in facts.signatories
    ]
    return render_to_string(
        "certificates/certificate.html",
        {
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
            "logo_url": _image_url(template.logo_id),
            "background_url": _image_url(template.background_id),
        },
    )


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


def certificate_pdf(certificate: Certificate) -> bytes:
    """The issued certificate's PDF (unsigned) from its frozen facts and its template."""
    template = certificate.template or _fallback_template(certificate)
    return html_to_pdf(document_html(template, certificate_facts(certificate)))


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


_PDFIUM = threading.Lock()  # PDFium is not thread-safe


def pdf_first_page_png(pdf: bytes, *, dpi: int = 96) -> bytes:
    """The first page as a PNG (PDFium through pypdfium2), for an image preview that needs no PDF viewer."""
    from io import BytesIO

    import pypdfium2

    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            image = document[0].render(scale=dpi / 72).to_pil()
        finally:
            document.close()
    output = BytesIO()
    image.save(output, format="PNG", optimize=False)
    return output.getvalue()


def template_preview_png(template: CertificateTemplate, *, dpi: int = 96) -> bytes:
    return pdf_first_page_png(template_preview_pdf(template), dpi=dpi)


__all__ = [
    "certificate_pdf",
    "html_to_pdf",
    "pdf_first_page_png",
    "template_preview_pdf",
    "template_preview_png",
    "verification_url",
]
