"""The stored PDF: a real A4 landscape PDF, hashed, naming the holder, carrying the verification URL."""

import hashlib
import os
import re
import shutil
import subprocess
from unittest import mock

import pytest
from django.utils import translation

from certificates import rendering
from certificates.models import Certificate
from certificates.services import _certificate_allocate, certificate_issue, certificate_render_store
from tests import factories

from .helpers import jakarta, pdf_media_boxes, stored_bytes

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext") or next((p for p in ["/usr/bin/pdftotext"] if os.path.exists(p)), None)
A4_LANDSCAPE = (841.89, 595.28)  # points


def pdf_text(data: bytes, tmp_path) -> str:
    source = tmp_path / "certificate.pdf"
    source.write_bytes(data)
    result = subprocess.run(  # noqa: S603
        [PDFTOTEXT, str(source), "-"], capture_output=True, check=True, text=True
    )
    return " ".join(result.stdout.split())


def without_spaces(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def certificate(learner):
    return certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026, 1, 5)))


def test_the_stored_file_is_a_pdf_whose_sha256_is_the_stored_hash(certificate):
    data = stored_bytes(certificate)

    assert data.startswith(b"%PDF-")
    assert certificate.sha256 == hashlib.sha256(data).hexdigest()
    certificate.refresh_from_db()
    assert certificate.sha256 == hashlib.sha256(data).hexdigest()


def test_the_pdf_is_kept_in_the_private_storage_not_under_media(certificate, settings):
    assert certificate.pdf.storage.location == str(settings.PRIVATE_ROOT)
    assert not str(settings.PRIVATE_ROOT).startswith(str(settings.MEDIA_ROOT))
    # Named after the number ("/" is not allowed in a file name); the storage may add a suffix on a clash.
    assert re.fullmatch(r"certificates/\d{4}/00001-BERAKHLAK-2026(_\w+)?\.pdf", certificate.pdf.name)


def test_the_pdf_page_is_a4_landscape(certificate):
    boxes = pdf_media_boxes(stored_bytes(certificate))

    assert boxes, "no /MediaBox found in the PDF"
    for _x0, _y0, width, height in boxes:
        assert (round(width, 2), round(height, 2)) == A4_LANDSCAPE


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_names_the_holder_module_number_and_verification_url(certificate, tmp_path):
    text = pdf_text(stored_bytes(certificate), tmp_path)

    assert "Siti Rahmawati, S.Sos." in text
    assert certificate.module_title in text
    assert "00001/BERAKHLAK/2026" in text
    # The URL under the QR code may wrap over lines.
    assert rendering.verification_url(certificate) in without_spaces(text)


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_is_rendered_in_indonesian_whatever_the_active_language(learner, tmp_path):
    completion = factories.completion(user=learner, completed_at=jakarta(2026, 1, 5))

    with translation.override("en"):
        certificate = certificate_issue(completion=completion)

    text = pdf_text(stored_bytes(certificate), tmp_path)
    assert "5 Januari 2026" in text
    assert "January" not in text


def test_the_verification_url_is_absolute_and_points_at_the_token_page(certificate, settings):
    url = rendering.verification_url(certificate)

    assert url == f"https://melayani.test/verifikasi/{certificate.token}/"
    settings.MELAYANI_BASE_URL = "https://melayani.example.go.id"
    assert rendering.verification_url(certificate) == f"https://melayani.example.go.id/verifikasi/{certificate.token}/"


def test_qr_data_uri_is_a_png_data_uri_that_depends_on_the_url(certificate):
    url = rendering.verification_url(certificate)

    uri = rendering.qr_data_uri(url)

    assert uri.startswith("data:image/png;base64,")
    assert uri == rendering.qr_data_uri(url)
    assert uri != rendering.qr_data_uri(url + "x")


def test_the_qr_code_in_the_pdf_encodes_the_verification_url(learner):
    completion = factories.completion(user=learner, completed_at=jakarta(2026))
    certificate = _certificate_allocate(completion=completion)

    with mock.patch.object(rendering, "qr_data_uri", wraps=rendering.qr_data_uri) as spy:
        rendering.certificate_pdf(certificate)

    spy.assert_called_once_with(f"https://melayani.test/verifikasi/{certificate.token}/")


def test_a_stored_pdf_is_never_replaced(certificate):
    name, digest = certificate.pdf.name, certificate.sha256

    with mock.patch("certificates.services.certificate_pdf") as render:
        again = certificate_render_store(certificate=certificate)
        certificate_issue(completion=certificate.completion)

    render.assert_not_called()
    assert (again.pdf.name, again.sha256) == (name, digest)


def test_issuing_again_renders_a_pdf_that_an_earlier_run_never_stored(learner):
    completion = factories.completion(user=learner, completed_at=jakarta(2026))
    allocated = _certificate_allocate(completion=completion)  # as if the worker died before rendering
    assert not allocated.pdf

    certificate = certificate_issue(completion=completion)

    assert certificate.pk == allocated.pk and certificate.number == allocated.number
    stored = Certificate.objects.get(pk=allocated.pk)
    assert stored.pdf and stored_bytes(stored).startswith(b"%PDF")
    assert stored.sha256 == hashlib.sha256(stored_bytes(stored)).hexdigest()


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_printed_verification_url_is_never_broken_at_a_hyphen(certificate, tmp_path):
    """Tokens may contain "-" and "_"; the URL under the QR code stays on one line, exactly as the QR holds it."""
    from certificates.models import Certificate
    from certificates.services import certificate_render_store

    Certificate.objects.filter(pk=certificate.pk).update(token="abc-def_ghi-jkl-mno-pqrs", pdf="", sha256="")
    certificate.refresh_from_db()
    certificate_render_store(certificate=certificate)

    text = pdf_text(stored_bytes(certificate), tmp_path)

    assert rendering.verification_url(certificate) in text.split()
