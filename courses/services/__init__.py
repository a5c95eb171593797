"""Writes in courses, one module per concept; import them from here."""

from ..tokens import participant_token_make, session_token_make
from .learning import enrolment_start, lesson_complete, lesson_visit
from .workshops import (
    AttendanceRefused,
    AttendanceResult,
    RegistrationRefused,
    attendance_correct,
    attendance_record_participant_token,
    attendance_record_session_token,
    registration_cancel,
    registration_create,
)

__all__ = [
    "AttendanceRefused",
    "AttendanceResult",
    "RegistrationRefused",
    "attendance_correct",
    "attendance_record_participant_token",
    "attendance_record_session_token",
    "enrolment_start",
    "lesson_complete",
    "lesson_visit",
    "participant_token_make",
    "registration_cancel",
    "registration_create",
    "session_token_make",
]
