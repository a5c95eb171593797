"""Emails about learners' external training: the learner hears HR's decision, HR of the unit hears of a new entry.

Both go out through the task queue once the transaction that made the change commits.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from people.models import Role, UnitScope
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
QUEUE_URL = "https://melayani.test/admin/rekap/pelatihan-luar/"


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


# HR of the learner's unit hears of a new entry.


def test_a_submission_emails_hr_of_the_unit_once_each_with_a_link_to_the_queue(
    tree, learner_a1, hr_a, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    factories.hr_user(units=[tree[0]], email="ani@example.go.id")

    with django_capture_on_commit_callbacks(execute=True):
        submit(learner_a1, title="Seminar Integritas", jp=6)
    run_tasks()

    assert sorted(email.to[0] for email in mailoutbox) == ["ani@example.go.id", "budi@example.go.id"]
    assert all(len(email.to) == 1 for email in mailoutbox)  # one email each: officers do not see each other
    email = next(email for email in mailoutbox if email.to == ["budi@example.go.id"])
    assert "Siti Rahmawati" in email.subject
    assert "Budi Kepegawaian" in email.body and "Seminar Integritas" in email.body and "6 JP" in email.body
    assert learner_a1.nip in email.body and "Unit A1" in email.body
    assert QUEUE_URL in email.body


def test_hr_of_another_unit_is_not_emailed(tree, learner_a1, run_tasks, mailoutbox, django_capture_on_commit_callbacks):
    factories.hr_user(units=[tree[2]], email="hr-b@example.go.id")

    with django_capture_on_commit_callbacks(execute=True):
        submit(learner_a1)
    run_tasks()

    assert mailoutbox == []


def test_the_submitter_is_not_emailed_about_their_own_entry(
    tree, hr_a, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    officer = factories.hr_user(units=[tree[0]], email="officer@example.go.id")
    officer.nip, officer.unit = factories.next_nip(), tree[1]
    officer.save()

    with django_capture_on_commit_callbacks(execute=True):
        submit(officer)
    run_tasks()

    assert [email.to for email in mailoutbox] == [["budi@example.go.id"]]


def test_inactive_officers_and_officers_without_an_address_are_skipped(
    tree, learner_a1, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    factories.hr_user(units=[tree[0]], email="gone@example.go.id", is_active=False)
    factories.hr_user(units=[tree[0]], email="")

    with django_capture_on_commit_callbacks(execute=True):
        submit(learner_a1)
    run_tasks()

    assert mailoutbox == []


def test_the_nearest_hr_officers_who_see_the_entry_in_their_queue_are_emailed(
    client, tree, learner_a1, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    a, a1, b = tree
    officers = [
        factories.hr_user(units=[a], email="scope-a@example.go.id"),
        factories.hr_user(units=[a1], email="scope-a1@example.go.id"),
        factories.hr_user(units=[b], email="scope-b@example.go.id"),
        factories.hr_user(units=[b, a1], email="scope-b-a1@example.go.id"),
        factories.hr_user(units=[], email="no-scope@example.go.id"),
        factories.UserFactory(unit=a1, email="colleague@example.go.id"),  # a learner of the same unit
        factories.UserFactory(nip=None, username="root", is_superuser=True, is_staff=True, email="root@example.go.id"),
    ]
    trainer = factories.UserFactory(unit=None, nip=None, username="trainer", role=Role.TRAINER, email="t@example.go.id")
    UnitScope.objects.create(user=trainer, unit=a)  # a scope row, but not HR's permission
    officers.append(trainer)

    with django_capture_on_commit_callbacks(execute=True):
        training = submit(learner_a1)
    run_tasks()

    sees_it = set()
    for officer in officers:
        client.force_login(officer)
        queue = client.get("/admin/rekap/pelatihan-luar/")
        if queue.status_code == 200 and training in queue.context["page_obj"]:
            sees_it.add(officer.email)
    assert sees_it == {
        "scope-a@example.go.id",
        "scope-a1@example.go.id",
        "scope-b-a1@example.go.id",
        "root@example.go.id",
    }
    # Of those, HR of the unit itself (A1) is told; HR of unit A and the superuser see it without an email.
    assert sorted(email.to[0] for email in mailoutbox) == ["scope-a1@example.go.id", "scope-b-a1@example.go.id"]


def test_hr_of_the_unit_above_is_told_when_the_unit_has_no_hr_of_its_own(
    tree, learner_a1, hr_a, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    factories.UserFactory(nip=None, username="root", is_superuser=True, is_staff=True, email="root@example.go.id")

    with django_capture_on_commit_callbacks(execute=True):
        submit(learner_a1)
    run_tasks()

    assert [email.to for email in mailoutbox] == [["budi@example.go.id"]]


def test_superusers_are_told_when_no_hr_officer_covers_the_unit(
    tree, learner_a1, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    factories.hr_user(units=[tree[2]], email="hr-b@example.go.id")
    factories.UserFactory(nip=None, username="root", is_superuser=True, is_staff=True, email="root@example.go.id")

    with django_capture_on_commit_callbacks(execute=True):
        submit(learner_a1)
    run_tasks()

    assert [email.to for email in mailoutbox] == [["root@example.go.id"]]


def test_a_rolled_back_submission_emails_nobody(
    learner_a1, hr_a, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Refused), transaction.atomic():
            submit(learner_a1)
            raise Refused
    run_tasks()

    assert callbacks == [] and mailoutbox == []


def test_an_entry_decided_before_the_email_went_out_bothers_nobody(
    learner_a1, hr_a, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        training = submit(learner_a1)
    learner_a1.email = ""  # only HR's email is of interest here
    learner_a1.save()
    external_training_approve(training=training, by=factories.hr_user(units=[learner_a1.unit]))
    run_tasks()

    assert mailoutbox == []
