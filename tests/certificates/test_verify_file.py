"""'Verify a file': upload a PDF and learn whether it is exactly one we issued, revoked, replaced, or unknown."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates.services import certificate_issue, certificate_reissue, certificate_revoke
from tests import factories

from .helpers import jakarta, stored_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def issued(learner):
    return certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))


def upload(client, data: bytes, name="sertifikat.pdf"):
    file = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(reverse("certificates:verify_file"), {"file": file})


def test_the_genuine_file_is_recognised_with_masked_nip(english, issued, learner):
    page = upload(english, stored_bytes(issued)).content.decode()

    assert "a certificate we issued, unchanged, and it is valid" in page
    assert issued.number in page
    assert learner.nip not in page and learner.nip[-3:] in page


def test_a_modified_file_is_unknown(english, issued):
    data = bytearray(stored_bytes(issued))
    data[len(data) // 2] ^= 0x01

    page = upload(english, bytes(data)).content.decode()

    assert "Unknown file" in page and issued.number not in page


def test_a_foreign_pdf_is_unknown(english, issued):
    page = upload(english, b"%PDF-1.7\n% someone else's certificate\n%%EOF\n").content.decode()

    assert "Unknown file" in page


def test_a_revoked_certificate_file_says_revoked_with_the_reason(english, issued):
    certificate_revoke(certificate=issued, reason="Peserta tidak hadir")

    page = upload(english, stored_bytes(issued)).content.decode()

    assert "it has been revoked" in page and "Peserta tidak hadir" in page


def test_the_file_replaced_by_a_reissue_is_recognised_as_an_earlier_version(english, issued, learner):
    old = stored_bytes(issued)
    learner.full_name = "Siti Rahmawati Putri, S.Sos."
    learner.save()
    certificate_reissue(certificate=issued, reason="Nama diperbaiki")

    page = upload(english, old).content.decode()

    assert "an earlier version" in page


def test_a_file_that_is_not_a_pdf_gets_a_clear_message(english):
    response = upload(english, b"PK\x03\x04 a zip file", name="sertifikat.pdf")

    assert response.status_code == 400
    assert "This is not a PDF file" in response.content.decode()


def test_a_file_over_the_limit_gets_a_clear_message(english, settings):
    settings.MELAYANI_VERIFY_UPLOAD_MAX_BYTES = 1024

    response = upload(english, b"%PDF-" + b"0" * 2048)

    assert response.status_code == 400
    assert "The file is larger than 1.0" in response.content.decode()


def test_no_file_gets_a_clear_message(english):
    response = english.post(reverse("certificates:verify_file"), {})

    assert response.status_code == 400
    assert "Choose the PDF file of the certificate." in response.content.decode()


def test_the_verify_file_page_is_public(english):
    response = english.get(reverse("certificates:verify_file"))

    assert response.status_code == 200 and "Check a certificate file" in response.content.decode()
