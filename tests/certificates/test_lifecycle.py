"""Revoke with a reason, reissue keeping the number with a version history, expiry reminders, the audit log."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.emails import expiry_reminders_send
from certificates.models import Certificate, CertificateEmailPreference
from certificates.services import add_months, certificate_issue, certificate_reissue, certificate_revoke
from people.models import Role
from tests import factories

from .factories import template
from .helpers import jakarta, stored_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(db):
    return factories.UserFactory(nip=None, username="pengajar-siklus", role=Role.TRAINER, is_staff=True)


@pytest.fixture
def issued(learner):
    return certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))


def actions_for(certificate) -> list[str]:
    return list(ModelLogEntry.objects.for_instance(certificate).order_by("pk").values_list("action", flat=True))


def test_a_trainer_revokes_with_a_reason_and_the_public_page_shows_it(client, trainer, issued):
    client.force_login(trainer)
    client.cookies["django_language"] = "en"

    empty = client.post(reverse("certificates_revoke", args=[issued.pk]), {"reason": ""})
    assert "Write the reason" in empty.content.decode()
    client.post(reverse("certificates_revoke", args=[issued.pk]), {"reason": "Data kehadiran tidak sah"})
    client.logout()
    client.cookies["django_language"] = "en"
    page = client.get(reverse("certificates:verify", args=[issued.token])).content.decode()

    issued.refresh_from_db()
    assert issued.status == "revoked" and issued.revoked_reason == "Data kehadiran tidak sah"
    assert "This certificate has been revoked." in page and "Data kehadiran tidak sah" in page
    assert actions_for(issued) == ["melayani.certificate.issue", "melayani.certificate.revoke"]
    assert ModelLogEntry.objects.for_instance(issued).order_by("pk").last().user == trainer


def test_a_revoked_number_is_never_reused(issued, learner):
    certificate_revoke(certificate=issued, reason="salah")

    later = certificate_issue(completion=factories.completion(completed_at=jakarta(2026)))

    assert later.sequence == issued.sequence + 1


def test_a_learner_cannot_revoke(client, issued):
    staff = factories.UserFactory(is_staff=True)
    client.force_login(staff)

    response = client.post(reverse("certificates_revoke", args=[issued.pk]), {"reason": "x"})

    assert response.status_code in (302, 403)
    issued.refresh_from_db()
    assert issued.status == "valid"


def test_reissue_after_a_name_correction_keeps_number_and_token_and_keeps_the_old_file(issued, learner, trainer):
    old_pdf, old_hash = stored_bytes(issued), issued.sha256
    learner.full_name = "Siti Rahmawati Putri, S.Sos., M.A.P."
    learner.save()

    reissued = certificate_reissue(certificate=issued, reason="Nama salah eja", user=trainer)

    assert (reissued.number, reissued.token, reissued.version) == (issued.number, issued.token, 2)
    assert reissued.holder_name == "Siti Rahmawati Putri, S.Sos., M.A.P."
    assert reissued.sha256 != old_hash and stored_bytes(reissued) != old_pdf
    version = reissued.versions.get()
    assert (version.version, version.sha256, version.holder_name) == (1, old_hash, "Siti Rahmawati, S.Sos.")
    with version.pdf.open("rb") as handle:
        assert handle.read() == old_pdf
    assert actions_for(reissued)[-1] == "melayani.certificate.reissue"
    assert Certificate.objects.count() == 1


def test_a_revoked_certificate_cannot_be_reissued(issued):
    certificate_revoke(certificate=issued, reason="salah")

    with pytest.raises(ValueError):
        certificate_reissue(certificate=issued, reason="coba")


def test_expiry_comes_from_the_template_and_shows_on_the_verification_page(client, learner):
    template(is_default=True, validity_months=24)
    certificate = certificate_issue(
        completion=factories.completion(user=learner, completed_at=jakarta(2024, month=1, day=31))
    )
    client.cookies["django_language"] = "en"

    assert certificate.valid_until == datetime.date(2026, 1, 31)
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    if certificate.valid_until < timezone.localdate():
        page = client.get(reverse("certificates:verify", args=[certificate.token])).content.decode()
        assert "This certificate expired on" in page


def test_expiry_reminder_is_sent_once_and_respects_the_opt_out(learner):
    template(is_default=True, validity_months=1)
    learner.email = "siti@example.go.id"
    learner.save()
    other = factories.UserFactory(email="budi@example.go.id")
    CertificateEmailPreference.objects.create(user=other, expiry_reminders=False)
    recent = timezone.now() - datetime.timedelta(days=20)
    mine = certificate_issue(completion=factories.completion(user=learner, completed_at=recent))
    certificate_issue(completion=factories.completion(user=other, completed_at=recent))
    mail.outbox.clear()

    assert expiry_reminders_send() == 1
    assert expiry_reminders_send() == 0

    assert [message.to for message in mail.outbox] == [["siti@example.go.id"]]
    assert mine.number in mail.outbox[0].subject


def test_a_learner_opts_out_of_reminders_on_their_page(client, learner):
    client.force_login(learner)

    client.post(reverse("certificates:email_preferences"), {})

    assert CertificateEmailPreference.objects.get(user=learner).expiry_reminders is False


def test_the_daily_reminder_command_reports_what_it_sent(learner):
    from io import StringIO

    from django.core.management import call_command

    template(is_default=True, validity_months=1)
    learner.email = "siti@example.go.id"
    learner.save()
    certificate_issue(
        completion=factories.completion(user=learner, completed_at=timezone.now() - datetime.timedelta(days=10))
    )
    out = StringIO()

    call_command("send_certificate_reminders", stdout=out)

    assert out.getvalue().strip() == "1 reminder(s) sent"


def test_certificates_in_the_admin_can_be_listed_and_inspected_but_never_added_edited_or_deleted(client, issued):
    admin = factories.UserFactory(nip=None, username="admin-uji", is_staff=True, is_superuser=True)
    client.force_login(admin)

    listing = client.get(reverse("wagtailsnippets_certificates_certificate:list"))
    inspect = client.get(reverse("wagtailsnippets_certificates_certificate:inspect", args=[issued.pk]))
    add = client.get(reverse("wagtailsnippets_certificates_certificate:add"))
    edit = client.post(reverse("wagtailsnippets_certificates_certificate:edit", args=[issued.pk]), {"number": "X"})
    delete = client.post(reverse("wagtailsnippets_certificates_certificate:delete", args=[issued.pk]))

    assert listing.status_code == 200 and issued.number in listing.content.decode()
    assert inspect.status_code == 200
    assert add.status_code != 200 and edit.status_code != 200 and delete.status_code != 200
    issued.refresh_from_db()
    assert issued.number != "X" and Certificate.objects.filter(pk=issued.pk).exists()
