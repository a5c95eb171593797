"""Certificate templates: trainers edit them in the admin; they choose wording, signatories, numbering and design."""

import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certificates.models import CertificateTemplate
from certificates.placeholders import render_body, validate_body
from certificates.selectors import template_for
from certificates.services import certificate_issue
from people.models import Role
from tests import factories

from .factories import template
from .helpers import jakarta, stored_bytes

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    return out.stdout


@pytest.fixture
def trainer_client(client):
    trainer = factories.UserFactory(nip=None, username="pengajar-uji", role=Role.TRAINER, is_staff=True)
    client.force_login(trainer)
    client.cookies["django_language"] = "en"
    return client


def template_form(**overrides) -> dict:
    data = {
        "name": "Sertifikat modul",
        "kind": "completion",
        "language": "id",
        "orientation": "landscape",
        "auto_issue": "on",
        "title": "SERTIFIKAT",
        "title_en": "CERTIFICATE",
        "body": "telah menyelesaikan {course} ({jp} JP) pada {date}.",
        "body_en": "",
        "issuer": "",
        "city": "",
        "number_format": "",
        "validity_months": "",
        "primary_colour": "#0b4f8a",
        "accent_colour": "#c9a227",
        "signatories": inline_formset(
            [{"name": "Dr. Ir. Bambang, M.T.", "nip": "196805121994031001", "position": "Kepala Pusat"}]
        ),
        "assigned_pages": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_trainer_creates_a_template_with_a_signatory_in_the_admin(trainer_client):
    response = trainer_client.post(reverse("wagtailsnippets_certificates_certificatetemplate:add"), template_form())

    assert response.status_code == 302, response.content.decode()[:2000]
    created = CertificateTemplate.objects.get()
    assert [s.name for s in created.signatories.all()] == ["Dr. Ir. Bambang, M.T."]


def test_unknown_placeholder_is_a_clear_form_error_and_nothing_is_saved(trainer_client):
    response = trainer_client.post(
        reverse("wagtailsnippets_certificates_certificatetemplate:add"),
        template_form(body="diberikan kepada {nama} untuk {course}"),
    )

    assert response.status_code == 200
    assert "Unknown placeholder(s): {nama}" in response.content.decode()
    assert not CertificateTemplate.objects.exists()


def test_english_language_needs_the_english_body(trainer_client):
    response = trainer_client.post(
        reverse("wagtailsnippets_certificates_certificatetemplate:add"), template_form(language="both")
    )

    assert "Write the English body text" in response.content.decode()
    assert not CertificateTemplate.objects.exists()


@pytest.mark.parametrize("body", ["{name.__class__}", "{name!r}", "{jp:>99999}", "{0}", "an unclosed {brace"], ids=str)
def test_placeholder_validation_refuses_attribute_access_conversions_specs_and_broken_braces(body):
    with pytest.raises(ValidationError):
        validate_body(body)


def test_body_is_escaped_and_filled():
    html = render_body("<b>{name}</b> {{literal}}", {"name": "<script>x</script>"})

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;" in html and "{literal}" in html


def test_a_template_number_pattern_must_be_valid_and_distinct_from_other_series():
    template(number_format="{seq:05d}/PELATIHAN/{year}")
    clash = CertificateTemplate(name="b", number_format="{seq:05d}/PELATIHAN/{year}")
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "number_format" in error.value.message_dict
    with pytest.raises(ValidationError):
        CertificateTemplate(name="c", number_format="{seq:05d}/{bogus}/{year}").full_clean()
    with pytest.raises(ValidationError):
        CertificateTemplate(name="d", number_format="{seq:05d}/BERAKHLAK/{year}").full_clean()  # the global one


def test_each_template_with_its_own_pattern_numbers_its_own_gapless_series(learner):
    module_a, module_b = factories.module(title="A", lessons=0), factories.module(title="B", lessons=0)
    template(number_format="{seq:03d}/A/{unit}/{year}", pages=[module_a])
    template(number_format="{seq:03d}/B/{year}", pages=[module_b])
    numbers = [
        certificate_issue(completion=factories.completion(module=module, completed_at=jakarta(2026))).number
        for module in (module_a, module_b, module_a, module_b)
    ]

    units = [c for c in numbers if "/A/" in c]
    assert [n.split("/")[0] for n in units] == ["001", "002"]
    assert [n for n in numbers if "/B/" in n] == ["001/B/2026", "002/B/2026"]


def test_template_for_prefers_the_page_assignment_then_the_kind_default():
    module, other = factories.module(title="A", lessons=0), factories.module(title="B", lessons=0)
    default = template(name="default", is_default=True)
    assigned = template(name="assigned", pages=[module])
    attendance = template(name="workshop", kind="attendance", is_default=True)

    assert template_for(factories.completion(module=module)) == assigned
    completion = factories.completion(module=other)
    assert template_for(completion) == default
    completion.workshop_id = other.pk  # what a workshop completion carries once workshops land
    assert template_for(completion) == attendance


def test_only_one_default_per_kind():
    template(is_default=True)
    with pytest.raises(ValidationError):
        CertificateTemplate(name="second", is_default=True).full_clean()


def test_live_preview_is_the_rendered_pdf_with_sample_data(tmp_path, rf: RequestFactory):
    instance = template(language="both", body_en="has completed {course} on {date}.", title_en="CERTIFICATE")

    response = instance.serve_preview(rf.get("/"), "")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Raden Ajeng Siti Nurhaliza" in text and "has completed" in text and "Dr. Penandatangan 1" in text


def test_preview_url_in_the_editor_renders_the_unsaved_form(trainer_client):
    url = reverse("wagtailsnippets_certificates_certificatetemplate:preview_on_add")
    posted = trainer_client.post(url, template_form(title="PRATINJAU"))
    assert posted.json()["is_valid"] is True

    response = trainer_client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="needs poppler-utils")
def test_issued_pdf_embeds_the_bundled_fonts(learner, tmp_path):
    template(is_default=True, signatories=2)
    certificate = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))
    path = tmp_path / "c.pdf"
    path.write_bytes(stored_bytes(certificate))

    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout

    rows = [line.split() for line in fonts.splitlines()[2:]]
    names = {row[0].split("+", 1)[1] for row in rows}
    assert {"Melayani-Serif-Bold", "Melayani-Serif", "Melayani-Sans"} <= names
    assert all(row[-5] == "yes" for row in rows), fonts  # "emb" column: every font embedded
    assert len(certificate.signatories) == 2
    text = pdf_text(stored_bytes(certificate), tmp_path)
    assert "Dr. Penandatangan 2, M.Si." in text
