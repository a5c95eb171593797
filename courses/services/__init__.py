"""Writes in courses, one module per concept; import them from here."""

from .learning import enrolment_start, lesson_complete, lesson_visit
from .publishing import (
    moderation_sync,
    section_group_name,
    section_permissions_sync,
    trainer_section_grant,
    unit_section_create,
)

__all__ = [
    "enrolment_start",
    "lesson_complete",
    "lesson_visit",
    "moderation_sync",
    "section_group_name",
    "section_permissions_sync",
    "trainer_section_grant",
    "unit_section_create",
]
