"""Certificate PDFs: HTML template → WeasyPrint, with a QR code of the public verification URL."""

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from people.validators import mask_nip

from .models import Certificate


def verification_url(certificate: Certificate) -> str:
    return settings.MELAYANI_BASE_URL + reverse("certificates:verify", args=[certificate.token])


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def certificate_pdf(certificate: Certificate) -> bytes:
    """Render the certificate in Indonesian, whatever language the triggering request used."""
    from weasyprint import HTML

    url = verification_url(certificate)
    with translation.override("id"):
        html = render_to_string(
            "certificates/certificate.html",
            {"certificate": certificate, "verification_url": url, "qr": qr_data_uri(url), "masked": mask_nip},
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
