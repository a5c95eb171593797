"""Writes in courses, one module per concept; import them from here."""

from .learning import enrolment_start, lesson_complete, lesson_visit
from .prerequisites import PrerequisitesMissing, prerequisites_require

__all__ = ["PrerequisitesMissing", "enrolment_start", "lesson_complete", "lesson_visit", "prerequisites_require"]
