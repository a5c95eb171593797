"""Hostile input on certificates: the template editor's fields and signatories, the revoke/reissue reason, the
"next" address of issuing by hand, and hostile holder names on the PDF and the public verification page."""

import pytest
from django.urls import reverse

from certificates.models import Certificate, CertificateTemplate
from certificates.services import certificate_issue
from people.models import Role
from tests import factories
from tests.certificates.test_templates import template_form

from .test_hostile_input import BAD_NIPS, SQLISH, UNICODE, XSS, assert_escaped

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_certificates_certificatetemplate:add"


@pytest.fixture
def trainer_client(client):
    trainer = factories.UserFactory(nip=None, username="pengajar-uji", role=Role.TRAINER, is_staff=True)
    client.force_login(trainer)
    client.cookies["django_language"] = "en"
    return client


def signatory(**fields) -> dict:
    return {"name": "Dr. Bambang", "nip": "196805121994031001", "position": "Kepala Pusat", **fields}


def test_hostile_template_text_is_saved_verbatim_listed_escaped_and_rendered_to_a_pdf(trainer_client):
    from wagtail.test.utils.form_data import inline_formset

    payloads = [XSS[0], XSS[1], UNICODE[0], UNICODE[3], SQLISH[1]]
    for index, payload in enumerate(payloads):
        form = template_form(
            name=f"{payload[:100]} {index}",
            title=payload[:80],
            body=payload + " {name} {course}",
            issuer=payload[:200],
            city=payload[:100],
            signatories=inline_formset([signatory(name=payload, position=payload)]),
        )
        response = trainer_client.post(reverse(ADD), form)
        assert response.status_code == 302, (payload, response.content[:3000])
    assert CertificateTemplate.objects.count() == len(payloads)
    listing = trainer_client.get(reverse("wagtailsnippets_certificates_certificatetemplate:list"))
    assert listing.status_code == 200
    for payload in payloads:
        assert_escaped(listing, payload)
    instance = CertificateTemplate.objects.get(name__startswith=XSS[0])
    assert instance.body == XSS[0] + " {name} {course}"
    preview = trainer_client.get(
        reverse("wagtailsnippets_certificates_certificatetemplate:preview_on_edit", args=[instance.pk])
    )
    assert preview.status_code == 200


@pytest.mark.parametrize("nip", [*BAD_NIPS, "19680512199403100A", "196813121994031001", "19680512 1994031001"])
def test_a_signatory_with_a_bad_nip_is_a_form_error_and_nothing_is_saved(trainer_client, nip):
    from wagtail.test.utils.form_data import inline_formset

    response = trainer_client.post(reverse(ADD), template_form(signatories=inline_formset([signatory(nip=nip)])))
    assert response.status_code == 200
    assert not CertificateTemplate.objects.exists()
    assert b"NIP" in response.content


@pytest.mark.parametrize("field", ["name", "title", "body", "issuer", "city"])
def test_nul_characters_in_template_fields_are_a_form_error(trainer_client, field):
    response = trainer_client.post(reverse(ADD), template_form(**{field: "Sertifikat\x00"}))
    assert response.status_code == 200
    assert b"Null characters are not allowed." in response.content
    assert not CertificateTemplate.objects.exists()


@pytest.fixture
def hostile_certificate(db):
    person = factories.UserFactory(full_name=XSS[0] + " " + UNICODE[2])
    module = factories.module(title=XSS[1], lessons=0)
    return certificate_issue(completion=factories.completion(user=person, module=module))


def test_a_hostile_holder_name_and_title_are_escaped_on_the_verification_page(client, hostile_certificate):
    response = client.get(reverse("certificates:verify", args=[hostile_certificate.token]))
    assert response.status_code == 200
    assert_escaped(response, XSS[0])
    assert_escaped(response, XSS[1])
    with hostile_certificate.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


@pytest.fixture
def admin_client(client):
    client.force_login(factories.UserFactory(nip=None, username="akar", is_superuser=True, is_staff=True))
    client.cookies["django_language"] = "en"
    return client


def test_a_hostile_revocation_reason_is_shown_escaped_on_the_public_page(admin_client, client, hostile_certificate):
    url = reverse("certificates_revoke", args=[hostile_certificate.pk])
    for reason in ["Alasan\x00", "x" * 1001, "   "]:
        response = admin_client.post(url, {"reason": reason})
        assert response.status_code == 200, reason
        assert b"errorlist" in response.content or b"error-message" in response.content
    hostile_certificate.refresh_from_db()
    assert hostile_certificate.status == Certificate.Status.VALID
    assert admin_client.post(url, {"reason": XSS[1] + " " + UNICODE[3]}).status_code == 302
    public = client.get(reverse("certificates:verify", args=[hostile_certificate.token]))
    assert public.status_code == 200
    assert_escaped(public, XSS[1])
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in public.content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example", "\x00"]
)
def test_issuing_by_hand_never_redirects_off_the_site(admin_client, target):
    completion = factories.completion()
    response = admin_client.post(reverse("certificates_issue", args=[completion.pk]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates_bulk_new")


def test_issuing_by_hand_returns_to_a_page_of_the_site(admin_client):
    completion = factories.completion()
    response = admin_client.post(reverse("certificates_issue", args=[completion.pk]), {"next": "/admin/sertifikat/"})
    assert response["Location"] == "/admin/sertifikat/"
