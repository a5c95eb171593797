"""Writes in courses, one module per concept; import them from here."""

from .assignments import AssignmentRejected, AssignmentResult, NipProblem, assignment_create, split_nips
from .learning import enrolment_start, lesson_complete, lesson_visit
from .prerequisites import PrerequisitesMissing, prerequisites_require
from .publishing import (
    moderation_sync,
    section_group_name,
    section_permissions_sync,
    trainer_section_grant,
    unit_section_create,
)

__all__ = [
    "AssignmentRejected",
    "AssignmentResult",
    "NipProblem",
    "PrerequisitesMissing",
    "assignment_create",
    "enrolment_start",
    "lesson_complete",
    "lesson_visit",
    "moderation_sync",
    "prerequisites_require",
    "section_group_name",
    "section_permissions_sync",
    "split_nips",
    "trainer_section_grant",
    "unit_section_create",
]
