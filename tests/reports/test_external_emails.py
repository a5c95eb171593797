"""Emails about learners' external training: the learner hears HR's decision, HR of the unit hears of a new entry.

Both go out through the task queue once the transaction that made the change commits.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from records.models import ExternalTraining
from records.services import (
    external_training_approve,
    external_training_record,
    external_training_submit,
    external_training_withdraw,
)
from tests import factories

pytestmark = pytest.mark.django_db
MY_PAGE_URL = "https://melayani.test/beranda/pelatihan-luar/"


@pytest.fixture
def tree(db):
    a = factories.UnitFactory(code="A", name="Unit A")
    a1 = factories.UnitFactory(code="A1", name="Unit A1", parent=a)
    b = factories.UnitFactory(code="B", name="Unit B")
    return a, a1, b


@pytest.fixture
def learner_a1(tree):
    return factories.UserFactory(unit=tree[1], full_name="Siti Rahmawati", email="siti@example.go.id")


@pytest.fixture
def hr_a(tree):
    return factories.hr_user(units=[tree[0]], full_name="Budi Kepegawaian", email="budi@example.go.id")


class Refused(Exception):
    pass


def submit(person, *, title="Diklat Pelayanan Publik", jp=12):
    return external_training_submit(
        user=person,
        title=title,
        started_on=datetime.date(2026, 3, 1),
        ended_on=datetime.date(2026, 3, 3),
        jp=jp,
        certificate_file=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti"),
    )


def decide_url(training):
    return f"/admin/rekap/jp/{training.user.nip}/eksternal/{training.pk}/putuskan/"


# The learner hears HR's decision.


def test_an_approval_emails_the_learner_that_it_now_counts(
    client, learner_a1, hr_a, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    training = submit(learner_a1)
    client.force_login(hr_a)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(training), {"decision": "approve"})
    run_tasks()

    [email] = mailoutbox
    assert email.to == ["siti@example.go.id"]
    assert "Diklat Pelayanan Publik" in email.subject
    assert "Siti Rahmawati" in email.body and "Diklat Pelayanan Publik" in email.body
    assert "12 JP" in email.body
    assert "3 Maret 2026" in email.body  # the date in Indonesian, whatever the officer's language
    assert MY_PAGE_URL in email.body
    assert email.alternatives == []  # plain text


def test_a_rejection_emails_the_learner_the_reason_hr_gave(
    client, learner_a1, hr_a, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    training = submit(learner_a1)
    client.force_login(hr_a)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(training), {"decision": "reject", "reason": "Sertifikat tidak terbaca"})
    run_tasks()

    [email] = mailoutbox
    assert email.to == ["siti@example.go.id"]
    assert "Sertifikat tidak terbaca" in email.body
    assert "Diklat Pelayanan Publik" in email.body and MY_PAGE_URL in email.body


def test_a_second_click_sends_no_second_email(
    learner_a1, hr_a, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    training = submit(learner_a1)

    with django_capture_on_commit_callbacks(execute=True):
        external_training_approve(training=training, by=hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        external_training_approve(training=training, by=hr_a)
        external_training_withdraw(training=training, by=hr_a, reason="Salah input")  # it counted: not a decision
    run_tasks()

    assert len(mailoutbox) == 1


def test_a_learner_without_an_email_address_gets_none(
    tree, hr_a, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    training = submit(factories.UserFactory(unit=tree[1], email=""))

    with django_capture_on_commit_callbacks(execute=True):
        external_training_approve(training=training, by=hr_a)
    run_tasks()

    assert mailoutbox == []


def test_a_rolled_back_decision_sends_nothing(
    learner_a1, hr_a, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    training = submit(learner_a1)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Refused), transaction.atomic():
            external_training_approve(training=training, by=hr_a)
            raise Refused
        with pytest.raises(Refused), transaction.atomic():
            external_training_withdraw(training=training, by=hr_a, reason="Tidak sah")
            raise Refused
    run_tasks()

    assert callbacks == []
    assert mailoutbox == []
    training.refresh_from_db()
    assert training.status == ExternalTraining.Status.PENDING


def test_an_entry_hr_made_itself_and_then_withdrew_emails_nobody(
    learner_a1, hr_a, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        training = external_training_record(
            user=learner_a1,
            entered_by=hr_a,
            title="Diklat dari HR",
            started_on=datetime.date(2026, 3, 1),
            ended_on=datetime.date(2026, 3, 2),
            jp=4,
        )
        external_training_withdraw(training=training, by=hr_a, reason="Salah orang")
    run_tasks()

    assert mailoutbox == []
