"""Upload checks: documents must be what their extension says; SVG, HTML and oversized files are refused."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook
from wagtail.documents.models import Document
from wagtail.images.models import Image

from people.models import User
from tests import factories

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>fetch('/api/')</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def zip_bytes(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "x")
    return buffer.getvalue()


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("akar", "akar@example.go.id", factories.PASSWORD))
    return client


def upload_document(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "collection": 1, "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("panduan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        ("data.xlsx", xlsx_bytes()),
        ("catatan.txt", "Catatan rapat: layanan publik ✓\n".encode()),
    ],
)
def test_real_files_of_allowed_types_are_accepted(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302, response.content[:2000]
    assert Document.objects.filter(title=name).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("halaman.html", HTML, b"is not allowed"),
        ("gambar.svg", SVG, b"is not allowed"),
        ("skrip.js", b"alert(1)", b"is not allowed"),
        ("laporan.pdf", HTML, b"is not a .pdf file"),
        ("surat.docx", HTML, b"is not a .docx file"),
        ("surat.docx", zip_bytes("evil.html"), b"is not a .docx file"),
        ("data.xlsx", zip_bytes("word/document.xml"), b"is not a .xlsx file"),
        ("catatan.txt", HTML, b"HTML, SVG or script markup"),
        ("catatan.txt", SVG, b"HTML, SVG or script markup"),
        ("catatan.txt", b"\x00\x01\x02binary", b"is not a .txt file"),
        ("video.mp4", HTML, b"is not a .mp4 file"),
    ],
)
def test_hostile_or_renamed_documents_are_refused_with_a_message(admin_client, name, content, message):
    admin_client.cookies["django_language"] = "en"
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert message in response.content
    assert not Document.objects.exists()


@override_settings(MELAYANI_DOCUMENT_MAX_BYTES=1024)
def test_oversized_document_is_refused(admin_client):
    admin_client.cookies["django_language"] = "en"
    response = upload_document(admin_client, "besar.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    assert response.status_code == 200
    assert b"the largest allowed is 1.0" in response.content
    assert not Document.objects.exists()


def test_multiple_upload_checks_content_too(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("laporan.pdf", HTML)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not Document.objects.exists()


@pytest.mark.parametrize(("name", "content"), [("logo.svg", SVG), ("logo.png", SVG), ("foto.jpg", HTML)])
def test_svg_and_disguised_images_are_refused(admin_client, name, content):
    response = admin_client.post(
        reverse("wagtailimages:add"), {"title": name, "collection": 1, "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_oversized_request_body_gets_a_400_not_a_500(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(reverse("people:login"), {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400
