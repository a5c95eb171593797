"""Attendance by the session QR code, by a participant's personal code, and by a trainer's correction."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from courses.models import SessionAttendance, WorkshopRegistration
from courses.services import (
    AttendanceRefused,
    attendance_correct,
    attendance_record_participant_token,
    attendance_record_session_token,
    participant_token_make,
    registration_create,
    session_token_make,
)
from courses.services.workshops import OFFLINE_MAX_DELAY, SESSION_TOKEN_TTL
from tests import factories
from tests.courses import workshop_factories as wf

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    trainer = wf.trainer()
    page = wf.workshop(capacity=2, facilitators=[trainer])
    registration = wf.confirmed(workshop_page=page)
    return {"page": page, "trainer": trainer, "registration": registration, "sessions": wf.sessions_of(page)}


def scan(setup, *, token=None, session=None, user=None, **kwargs):
    session = session or setup["sessions"][0]
    return attendance_record_session_token(
        user=user or setup["registration"].user,
        session=session,
        token=token if token is not None else session_token_make(session=session),
        **kwargs,
    )


def test_a_fresh_session_code_records_attendance_once(setup):
    result = scan(setup)
    assert result.created
    assert result.attendance.method == SessionAttendance.Method.SESSION_QR
    assert not result.attendance.queued_offline


def test_a_replayed_code_records_nothing_new(setup):
    session = setup["sessions"][0]
    token = session_token_make(session=session)
    scan(setup, token=token)
    again = scan(setup, token=token)
    assert not again.created
    assert SessionAttendance.objects.count() == 1


def test_an_expired_code_is_refused(setup):
    session = setup["sessions"][0]
    shown = timezone.now() - SESSION_TOKEN_TTL - datetime.timedelta(seconds=5)
    with pytest.raises(AttendanceRefused) as refusal:
        scan(setup, token=session_token_make(session=session, now=shown))
    assert refusal.value.code == "expired"
    assert not SessionAttendance.objects.exists()


def test_a_code_for_another_session_is_refused(setup):
    first, second = setup["sessions"][:2]
    with pytest.raises(AttendanceRefused) as refusal:
        scan(setup, session=first, token=session_token_make(session=second))
    assert refusal.value.code == "other_session"


def test_a_forged_or_personal_code_is_not_a_session_code(setup):
    for token in ("s1:abc:def", participant_token_make(registration=setup["registration"])):
        with pytest.raises(AttendanceRefused) as refusal:
            scan(setup, token=token)
        assert refusal.value.code == "invalid"


def test_a_person_on_the_waiting_list_of_a_full_workshop_is_refused(setup):
    wf.confirmed(workshop_page=setup["page"])  # the second and last seat
    waiting = registration_create(user=factories.UserFactory(), workshop=setup["page"])
    assert waiting.status == WorkshopRegistration.Status.WAITLISTED
    with pytest.raises(AttendanceRefused) as refusal:
        scan(setup, user=waiting.user)
    assert refusal.value.code == "waitlisted"


def test_a_person_not_registered_is_refused(setup):
    with pytest.raises(AttendanceRefused) as refusal:
        scan(setup, user=factories.UserFactory())
    assert refusal.value.code == "not_registered"


def test_an_offline_scan_arriving_hours_later_is_accepted_once(setup):
    session = setup["sessions"][0]
    shown = timezone.now() - datetime.timedelta(hours=5)
    token = session_token_make(session=session, now=shown)
    scanned = shown + datetime.timedelta(seconds=20)

    result = scan(setup, token=token, scanned_at=scanned)
    again = scan(setup, token=token, scanned_at=scanned)

    assert result.created and result.attendance.queued_offline
    assert abs(result.attendance.scanned_at - scanned) < datetime.timedelta(seconds=1)
    assert not again.created
    assert SessionAttendance.objects.count() == 1


def test_an_offline_scan_beyond_the_delay_is_refused(setup):
    session = setup["sessions"][0]
    shown = timezone.now() - OFFLINE_MAX_DELAY - datetime.timedelta(minutes=1)
    with pytest.raises(AttendanceRefused) as refusal:
        scan(setup, token=session_token_make(session=session, now=shown), scanned_at=shown)
    assert refusal.value.code == "too_late"


def test_an_offline_scan_of_a_code_that_had_already_expired_is_refused(setup):
    session = setup["sessions"][0]
    shown = timezone.now() - datetime.timedelta(hours=2)
    with pytest.raises(AttendanceRefused) as refusal:
        scan(
            setup, token=session_token_make(session=session, now=shown), scanned_at=shown + datetime.timedelta(hours=1)
        )
    assert refusal.value.code == "expired"


def test_the_trainer_scans_a_participants_personal_code(setup):
    registration = setup["registration"]
    result = attendance_record_participant_token(
        trainer=setup["trainer"], session=setup["sessions"][1], code=participant_token_make(registration=registration)
    )
    assert result.created
    assert result.attendance.method == SessionAttendance.Method.PERSONAL_QR
    assert result.attendance.recorded_by == setup["trainer"]


def test_a_personal_code_for_another_workshop_is_refused(setup):
    other = wf.workshop()
    registration = wf.confirmed(workshop_page=other)
    with pytest.raises(AttendanceRefused) as refusal:
        attendance_record_participant_token(
            trainer=setup["trainer"],
            session=setup["sessions"][0],
            code=participant_token_make(registration=registration),
        )
    assert refusal.value.code == "other_workshop"


def test_a_manual_correction_needs_a_reason_and_is_audited(setup):
    registration, session = setup["registration"], setup["sessions"][2]
    with pytest.raises(AttendanceRefused):
        attendance_correct(
            trainer=setup["trainer"], registration=registration, session=session, present=True, reason=""
        )

    assert attendance_correct(
        trainer=setup["trainer"], registration=registration, session=session, present=True, reason="Lupa memindai"
    )
    row = SessionAttendance.objects.get(registration=registration, session=session)
    assert row.method == SessionAttendance.Method.MANUAL
    entry = PageLogEntry.objects.get(page=setup["page"], action="courses.attendance_correct")
    assert entry.user == setup["trainer"]
    assert entry.data["reason"] == "Lupa memindai" and entry.data["present"] is True

    assert attendance_correct(
        trainer=setup["trainer"], registration=registration, session=session, present=False, reason="Salah orang"
    )
    assert not SessionAttendance.objects.filter(registration=registration, session=session).exists()
    assert PageLogEntry.objects.filter(page=setup["page"], action="courses.attendance_correct").count() == 2
