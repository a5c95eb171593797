"""Writes in courses, one module per concept; import them from here."""

from .assignments import AssignmentRejected, AssignmentResult, NipProblem, assignment_create, split_nips
from .learning import enrolment_start, lesson_complete, lesson_visit
from .prerequisites import PrerequisitesMissing, prerequisites_require

__all__ = [
    "AssignmentRejected",
    "AssignmentResult",
    "NipProblem",
    "PrerequisitesMissing",
    "assignment_create",
    "enrolment_start",
    "lesson_complete",
    "lesson_visit",
    "prerequisites_require",
    "split_nips",
]
