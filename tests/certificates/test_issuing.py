"""Issuing by the template's rule, by hand and in bulk: idempotent, frozen, atomic, announced by email."""

import os

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.urls import reverse

from certificates.bulk import bulk_run_execute, bulk_run_start, safe_filename
from certificates.models import BulkRun, Certificate
from certificates.services import certificate_issue, certificate_issue_if_automatic
from people.models import Role
from tests import factories

from .factories import template
from .helpers import jakarta, stored_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(db):
    return factories.UserFactory(nip=None, username="pengajar-terbit", role=Role.TRAINER, is_staff=True)


def private_files() -> list[str]:
    root = storages["private"].location
    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files]


def test_a_template_that_does_not_issue_automatically_waits_for_a_trainer(learner):
    module = factories.module(lessons=0)
    template(pages=[module], auto_issue=False)
    completion = factories.completion(user=learner, module=module, completed_at=jakarta(2026))

    assert certificate_issue_if_automatic(completion=completion) is None
    assert not Certificate.objects.exists()


def test_automatic_templates_issue_on_completion(learner):
    template(is_default=True)
    completion = factories.completion(user=learner, completed_at=jakarta(2026))

    certificate = certificate_issue_if_automatic(completion=completion)

    assert certificate.template.is_default and certificate.pdf


def test_a_trainer_issues_one_certificate_by_hand_and_again_changes_nothing(client, trainer, learner):
    completion = factories.completion(user=learner, completed_at=jakarta(2026))
    client.force_login(trainer)

    client.post(reverse("certificates_issue", args=[completion.pk]))
    client.post(reverse("certificates_issue", args=[completion.pk]))

    certificate = Certificate.objects.get()
    assert certificate.completion == completion and certificate.pdf


def test_a_learner_cannot_issue_by_hand(client, learner):
    completion = factories.completion(user=learner, completed_at=jakarta(2026))
    staff = factories.UserFactory(is_staff=True)  # admin access but no certificate permission
    client.force_login(staff)

    response = client.post(reverse("certificates_issue", args=[completion.pk]))

    assert response.status_code in (302, 403)
    assert not Certificate.objects.exists()


def test_bulk_issue_for_a_course_page_counts_progress_and_is_idempotent(trainer, django_capture_on_commit_callbacks):
    module, other = factories.module(title="A", lessons=0), factories.module(title="B", lessons=0)
    for _ in range(3):
        factories.completion(module=module, completed_at=jakarta(2026))
    factories.completion(module=other, completed_at=jakarta(2026))
    certificate_issue(completion=module.completions.first())  # one already issued

    with django_capture_on_commit_callbacks():
        run = bulk_run_start(action=BulkRun.Action.ISSUE, user=trainer, page=module)
    run = bulk_run_execute(run_id=run.pk)
    again = bulk_run_execute(run_id=bulk_run_start(action=BulkRun.Action.ISSUE, user=trainer, page=module).pk)

    assert (run.status, run.total, run.done, run.failed, run.percent) == ("done", 3, 3, 0, 100)
    assert again.done == 3
    assert Certificate.objects.filter(completion__module=module).count() == 3
    assert not Certificate.objects.filter(completion__module=other).exists()
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == [1, 2, 3]


def test_the_bulk_page_starts_a_run_and_shows_its_progress(client, trainer):
    module = factories.module(lessons=0)
    factories.completion(module=module, completed_at=jakarta(2026))
    client.force_login(trainer)
    client.cookies["django_language"] = "en"

    response = client.post(reverse("certificates_bulk_new"), {"action": "issue", "page": module.pk, "unit": ""})

    run = BulkRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("certificates_bulk_detail", args=[run.pk])
    assert client.get(response["Location"]).status_code == 200
    bulk_run_execute(run_id=run.pk)
    status = client.get(reverse("certificates_bulk_status", args=[run.pk])).json()
    assert status["status"] == "done" and status["percent"] == 100 and status["done"] == 1


def test_bulk_form_needs_a_scope(client, trainer):
    client.force_login(trainer)
    client.cookies["django_language"] = "en"

    response = client.post(reverse("certificates_bulk_new"), {"action": "issue", "page": "", "unit": ""})

    assert "Choose a course page, a unit, or both." in response.content.decode()
    assert not BulkRun.objects.exists()


def test_someone_elses_bulk_run_is_404(client, trainer):
    module = factories.module(lessons=0)
    run = bulk_run_start(action=BulkRun.Action.ISSUE, user=trainer, page=module)
    other = factories.UserFactory(nip=None, username="pengajar-lain", role=Role.TRAINER, is_staff=True)
    client.force_login(other)

    assert client.get(reverse("certificates_bulk_status", args=[run.pk])).status_code == 404


def test_a_render_killed_midway_leaves_no_file_and_the_next_run_finishes(learner, monkeypatch):
    completion = factories.completion(user=learner, completed_at=jakarta(2026))
    before = set(private_files())

    def killed(certificate):
        raise SystemExit("worker killed")

    monkeypatch.setattr("certificates.services._signed_pdf", killed)
    with pytest.raises(SystemExit):
        certificate_issue(completion=completion)
    certificate = Certificate.objects.get()
    assert not certificate.pdf and set(private_files()) == before
    monkeypatch.undo()

    finished = certificate_issue(completion=completion)

    assert finished.number == certificate.number and finished.pdf
    assert stored_bytes(finished).startswith(b"%PDF-")
    assert not [path for path in private_files() if "/.tmp/" in path]


def test_a_storage_failure_after_writing_leaves_no_half_file_under_the_name(learner, monkeypatch):
    completion = factories.completion(user=learner, completed_at=jakarta(2026))
    before = set(private_files())
    storage = storages["private"]
    monkeypatch.setattr(type(storage), "_save", lambda self, name, content: (_ for _ in ()).throw(OSError("disk")))

    with pytest.raises(OSError):
        certificate_issue(completion=completion)

    assert set(private_files()) == before
    assert not Certificate.objects.get().pdf


def test_issuing_emails_the_holder_once(learner, django_capture_on_commit_callbacks):
    learner.email = "siti@example.go.id"
    learner.save()
    completion = factories.completion(user=learner, completed_at=jakarta(2026))

    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(completion=completion)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_issue(completion=completion)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["siti@example.go.id"]
    assert certificate.number in mail.outbox[0].subject
    assert certificate.token in mail.outbox[0].body


def test_the_date_is_the_jakarta_completion_date_in_indonesian(learner, tmp_path):
    import datetime
    import subprocess

    completion = factories.completion(
        user=learner, completed_at=datetime.datetime(2026, 12, 31, 18, 30, tzinfo=datetime.UTC)
    )
    certificate = certificate_issue(completion=completion)
    path = tmp_path / "c.pdf"
    path.write_bytes(stored_bytes(certificate))

    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout

    assert certificate.completed_on == datetime.date(2027, 1, 1)
    assert "1 Januari 2027" in " ".join(text.split())


def test_zip_file_names_start_with_the_unique_number_and_are_plain_ascii():
    assert safe_filename("00001/BERAKHLAK/2026", "Dr. Ir. Siti Nurhalizah, S.T.") == (
        "00001-BERAKHLAK-2026_Dr.-Ir.-Siti-Nurhalizah-S.T.pdf"
    )
    assert safe_filename("00002/X/2026", "Ñoño Ülrich") == "00002-X-2026_Nono-Ulrich.pdf"
