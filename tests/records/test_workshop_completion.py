"""A workshop completes when the attendance rule is met: one Completion with the agenda's JP, and a certificate."""

import pytest
from django.db import IntegrityError, transaction

from certificates.models import Certificate
from courses.services import attendance_correct, attendance_record_participant_token, participant_token_make
from records.models import Completion
from records.signals import completion_recorded
from tests import factories
from tests.courses import workshop_factories as wf

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    trainer = wf.trainer()
    page = wf.workshop(sessions=5, jp_per_session=2, min_percent=80, facilitators=[trainer])
    registration = wf.confirmed(workshop_page=page)
    return {"page": page, "trainer": trainer, "registration": registration, "sessions": wf.sessions_of(page)}


def attend(setup, count):
    code = participant_token_make(registration=setup["registration"])
    for session in setup["sessions"][:count]:
        attendance_record_participant_token(trainer=setup["trainer"], session=session, code=code)


def test_three_of_five_sessions_is_below_eighty_percent(setup):
    attend(setup, 3)
    assert not Completion.objects.exists()


def test_four_of_five_sessions_meets_the_rule_and_credits_the_agendas_jp(setup):
    attend(setup, 4)
    completion = Completion.objects.get()
    assert completion.workshop_id == setup["page"].pk
    assert completion.module is None
    assert completion.course.pk == setup["page"].pk
    assert completion.jp == 10  # the whole agenda: five sessions of two JP, not the four attended
    assert completion.unit == setup["registration"].user.unit
    assert completion.score is None


def test_attending_the_last_session_too_writes_nothing_new(setup):
    attend(setup, 5)
    assert Completion.objects.count() == 1


def test_the_rule_follows_the_workshops_percentage(setup):
    setup["page"].attendance_min_percent = 100
    setup["page"].save()
    attend(setup, 4)
    assert not Completion.objects.exists()
    attend(setup, 5)
    assert Completion.objects.count() == 1


def test_a_trainers_correction_can_complete_the_workshop(setup):
    attend(setup, 3)
    attendance_correct(
        trainer=setup["trainer"],
        registration=setup["registration"],
        session=setup["sessions"][3],
        present=True,
        reason="Hadir, QR gagal dipindai",
    )
    assert Completion.objects.filter(workshop=setup["page"]).exists()


def test_the_completion_is_announced_after_commit_and_the_certificate_is_issued(
    setup, django_capture_on_commit_callbacks, run_tasks
):
    received = []

    def on_recorded(sender, *, completion, **kwargs):
        received.append(completion.pk)

    completion_recorded.connect(on_recorded)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            attend(setup, 4)
    finally:
        completion_recorded.disconnect(on_recorded)
    completion = Completion.objects.get()
    assert received == [completion.pk]
    run_tasks()
    certificate = Certificate.objects.get(completion=completion)
    assert certificate.module_title == setup["page"].title
    assert certificate.jp == 10
    assert certificate.pdf


def test_the_database_refuses_a_completion_of_both_or_neither():
    user = factories.UserFactory()
    module = factories.module(lessons=0)
    page = wf.workshop()
    for module_value, workshop_value in ((module, page), (None, None)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Completion.objects.create(
                user=user, module=module_value, workshop=workshop_value, jp=1, completed_at="2026-11-01T00:00Z"
            )


def test_the_database_refuses_a_second_completion_of_the_same_workshop(setup):
    attend(setup, 4)
    with pytest.raises(IntegrityError), transaction.atomic():
        Completion.objects.create(
            user=setup["registration"].user, workshop=setup["page"], jp=1, completed_at="2026-11-01T00:00Z"
        )
