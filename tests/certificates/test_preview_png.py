"""The template preview as a PNG image: the first page of the preview PDF rendered by PDFium at 96 dpi."""

import io

import pytest
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from people.models import Role
from tests import factories

from .factories import template
from .test_templates import template_form

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def size_at_96_dpi(width_mm: float, height_mm: float) -> tuple[int, int]:
    return round(width_mm / 25.4 * 96), round(height_mm / 25.4 * 96)


def assert_page_png(data: bytes, expected: tuple[int, int]) -> Image.Image:
    assert data.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG"
    assert abs(image.width - expected[0]) <= 1 and abs(image.height - expected[1]) <= 1, image.size
    return image


@pytest.mark.parametrize(("orientation", "size_mm"), [("landscape", (297, 210)), ("portrait", (210, 297))])
def test_the_png_preview_is_the_first_page_at_the_templates_paper_size(orientation, size_mm, rf: RequestFactory):
    instance = template(orientation=orientation, primary_colour="#8a1c1c")

    response = instance.serve_preview(rf.get("/"), "png")

    assert response["Content-Type"] == "image/png"
    image = assert_page_png(response.content, size_at_96_dpi(*size_mm)).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert len(colours) > 50  # a drawn certificate, not a blank page
    assert any(abs(r - 0x8A) < 12 and abs(g - 0x1C) < 12 and abs(b - 0x1C) < 12 for _n, (r, g, b) in colours)


def test_the_editor_offers_the_png_mode_for_the_unsaved_form(client):
    trainer = factories.UserFactory(nip=None, username="pengajar-png", role=Role.TRAINER, is_staff=True)
    client.force_login(trainer)
    url = reverse("wagtailsnippets_certificates_certificatetemplate:preview_on_add")
    assert client.post(url, template_form(title="PRATINJAU")).json()["is_valid"] is True

    response = client.get(url, {"mode": "png"})

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert_page_png(response.content, size_at_96_dpi(297, 210))
