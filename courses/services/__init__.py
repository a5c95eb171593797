"""Writes in courses, one module per concept; import them from here."""

from .learning import enrolment_start, lesson_complete, lesson_visit

__all__ = ["enrolment_start", "lesson_complete", "lesson_visit"]
