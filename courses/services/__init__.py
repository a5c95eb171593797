"""Writes in courses, one module per concept; import them from here."""

from ..tokens import participant_token_make, session_token_make
from .assignments import AssignmentRejected, AssignmentResult, NipProblem, assignment_create, split_nips
from .learning import enrolment_start, lesson_complete, lesson_visit
from .prerequisites import (
    PrerequisiteCycle,
    PrerequisitesMissing,
    module_prerequisites_set,
    prerequisite_cycle_message,
    prerequisites_require,
)
from .publishing import (
    moderation_sync,
    section_group_name,
    section_permissions_sync,
    trainer_section_grant,
    unit_section_create,
)
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
    "AssignmentRejected",
    "AssignmentResult",
    "AttendanceRefused",
    "AttendanceResult",
    "NipProblem",
    "PrerequisiteCycle",
    "PrerequisitesMissing",
    "RegistrationRefused",
    "assignment_create",
    "attendance_correct",
    "attendance_record_participant_token",
    "attendance_record_session_token",
    "enrolment_start",
    "lesson_complete",
    "lesson_visit",
    "moderation_sync",
    "module_prerequisites_set",
    "participant_token_make",
    "prerequisite_cycle_message",
    "prerequisites_require",
    "registration_cancel",
    "registration_create",
    "section_group_name",
    "section_permissions_sync",
    "session_token_make",
    "split_nips",
    "trainer_section_grant",
    "unit_section_create",
]
