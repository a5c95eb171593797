"""Downloading one's own certificate, and the public verification pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import _certificate_allocate, certificate_issue
from tests import factories

from .helpers import jakarta, stored_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(learner):
    return certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026, 3, 9)))


def download_url(certificate):
    return reverse("certificates:download", args=[certificate.pk])


def verify_url(certificate):
    return reverse("certificates:verify", args=[certificate.token])


# --- download -----------------------------------------------------------------------------------------------


def test_the_holder_downloads_the_stored_pdf_as_an_attachment(signed_in, certificate):
    response = signed_in.get(download_url(certificate))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="sertifikat-00001-BERAKHLAK-2026.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == stored_bytes(certificate)


def test_a_stored_pdf_lost_from_disk_gives_a_clear_404_not_a_server_error(signed_in, certificate, caplog):
    certificate.pdf.storage.delete(certificate.pdf.name)

    response = signed_in.get(download_url(certificate))

    assert response.status_code == 404
    assert "private file missing from storage" in caplog.text


def test_the_download_is_not_cached(signed_in, certificate):
    response = signed_in.get(download_url(certificate))

    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_another_learner_gets_404_for_someone_elses_certificate(client, certificate, unit):
    client.force_login(factories.UserFactory(unit=unit))

    assert client.get(download_url(certificate)).status_code == 404


def test_a_certificate_id_that_does_not_exist_is_404(signed_in):
    assert signed_in.get(reverse("certificates:download", args=[999999])).status_code == 404


def test_anonymous_download_redirects_to_sign_in(client, certificate):
    response = client.get(download_url(certificate))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:login"))
    assert "next=" in response["Location"]


def test_a_certificate_whose_pdf_is_not_rendered_yet_is_404_for_its_holder(signed_in, learner):
    pending = _certificate_allocate(completion=factories.completion(user=learner))
    assert not pending.pdf

    assert signed_in.get(download_url(pending)).status_code == 404


# --- verification -------------------------------------------------------------------------------------------


def test_the_verification_page_is_public_and_shows_a_valid_certificate(client, certificate, learner):
    response = client.get(verify_url(certificate))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="status valid"' in html
    assert "Sertifikat ini sah." in html
    assert "00001/BERAKHLAK/2026" in html
    assert "Siti Rahmawati, S.Sos." in html
    assert certificate.module_title in html
    assert "9 Maret 2026" in html
    assert certificate.issuer in html
    assert 'class="status revoked"' not in html


def test_the_verification_page_masks_the_nip_and_never_shows_it_whole(client, certificate, learner):
    html = client.get(verify_url(certificate)).content.decode()

    masked = learner.nip[:4] + "*" * 11 + learner.nip[-3:]
    assert masked in html
    assert learner.nip not in html


def test_the_verification_page_of_a_revoked_certificate_says_so_with_date_and_reason(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.REVOKED,
        revoked_at=datetime.datetime(2026, 4, 2, 9, 0, tzinfo=datetime.UTC),
        revoked_reason="Kuis dikerjakan oleh orang lain.",
    )

    response = client.get(verify_url(certificate))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="status revoked"' in html
    assert "Sertifikat ini telah dicabut." in html
    assert "Dicabut pada 2 April 2026." in html
    assert "Kuis dikerjakan oleh orang lain." in html
    assert "Sertifikat ini sah." not in html


def test_an_unknown_token_is_404(client, certificate):
    assert client.get(reverse("certificates:verify", args=["tidak-ada-token-ini"])).status_code == 404


def test_lookup_by_number_redirects_to_the_token_page(client, certificate):
    response = client.get(reverse("certificates:lookup"), {"nomor": "00001/BERAKHLAK/2026"})

    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate)


def test_lookup_by_number_ignores_case_and_surrounding_spaces(client, certificate):
    response = client.get(reverse("certificates:lookup"), {"nomor": "  00001/berakhlak/2026 "})

    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate)


def test_lookup_of_an_unknown_number_shows_a_not_found_message_with_404(client, certificate):
    response = client.get(reverse("certificates:lookup"), {"nomor": "99999/BERAKHLAK/2026"})

    assert response.status_code == 404
    html = response.content.decode()
    assert "Tidak ada sertifikat dengan nomor “99999/BERAKHLAK/2026”" in html
    assert 'role="alert"' in html


def test_the_lookup_form_without_a_number_is_200_without_an_error(client):
    response = client.get(reverse("certificates:lookup"))

    assert response.status_code == 200
    assert 'name="nomor"' in response.content.decode()
    assert 'role="alert"' not in response.content.decode()


def test_revoked_at_is_shown_in_jakarta_time(client, certificate):
    # 20:00 UTC on 1 April is already 2 April in Jakarta.
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.REVOKED,
        revoked_at=datetime.datetime(2026, 4, 1, 20, 0, tzinfo=datetime.UTC),
        revoked_reason="Data salah.",
    )

    html = client.get(verify_url(certificate)).content.decode()

    assert timezone.get_current_timezone_name() == "Asia/Jakarta"
    assert "Dicabut pada 2 April 2026." in html
