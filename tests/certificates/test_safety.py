"""Rendering safety: only the platform's own files, no file:// or network, a time limit, escaped text; the QR scans."""

import shutil
import subprocess

import pytest

from certificates import rendering
from certificates.rendering import RenderRefused, html_to_pdf
from certificates.services import certificate_issue
from tests import factories

from .helpers import jakarta, stored_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "resource",
    [
        '<img src="file:///etc/passwd">',
        '<img src="http://169.254.169.254/latest/meta-data/">',
        '<img src="https://example.org/logo.png">',
        '<link rel="stylesheet" href="file:///etc/hostname">',
        "<style>@import url(http://example.org/x.css);</style>",
        '<div style="background: url(ftp://example.org/x.png)">x</div>',
    ],
    ids=["file-img", "metadata-http", "https-img", "file-css", "http-import", "ftp-background"],
)
def test_a_document_asking_for_a_foreign_resource_is_refused(resource):
    with pytest.raises(RenderRefused):
        html_to_pdf(f"<html><body>{resource}<p>x</p></body></html>")


def test_the_platforms_own_static_files_are_allowed(settings):
    url = settings.MELAYANI_BASE_URL + "/static/fonts/liberation/LiberationSans-Regular.ttf"
    html = f'<html><head><style>@font-face {{ font-family: X; src: url("{url}"); }}</style></head><body>x</body></html>'

    assert html_to_pdf(html).startswith(b"%PDF-")


def test_a_path_escape_from_static_is_refused(settings):
    url = settings.MELAYANI_BASE_URL + "/static/../../config/settings/base.py"
    with pytest.raises(RenderRefused):
        html_to_pdf(f'<html><body><img src="{url}"></body></html>')


def test_attachments_are_refused(settings):
    url = settings.MELAYANI_BASE_URL + "/static/fonts/liberation/LICENSE-OFL.txt"
    with pytest.raises(RenderRefused):
        html_to_pdf(f'<html><head><link rel="attachment" href="{url}"></head><body>x</body></html>')


def test_a_render_over_the_time_limit_is_stopped(settings):
    settings.MELAYANI_CERTIFICATE_RENDER_SECONDS = 0.001
    with pytest.raises(RenderRefused):
        html_to_pdf("<html><body>" + "<p>baris</p>" * 3000 + "</body></html>")


def test_user_text_is_escaped_in_the_certificate(learner, monkeypatch):
    learner.full_name = '<img src="file:///etc/passwd"> Siti'
    learner.save()

    certificate = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))

    assert certificate.pdf  # rendered: the markup was printed as text, not fetched


@pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")), reason="needs zbar-tools, poppler")
def test_the_qr_code_in_the_stored_pdf_decodes_to_the_verification_url(learner, tmp_path):
    certificate = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))
    (tmp_path / "c.pdf").write_bytes(stored_bytes(certificate))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "c.pdf", "c"], cwd=tmp_path, check=True)

    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(tmp_path / "c.png")], capture_output=True, check=True, text=True
    ).stdout.strip()

    assert decoded == rendering.verification_url(certificate)
    assert decoded.endswith(f"/verifikasi/{certificate.token}/")
