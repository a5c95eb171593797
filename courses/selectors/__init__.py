"""Reads in courses, one module per concept; import them from here."""

from .learning import ModuleProgress, enrolments_in_progress, lesson_neighbours, module_lessons, module_progress
from .prerequisites import completed_module_ids, missing_prerequisites, module_prerequisites

__all__ = [
    "ModuleProgress",
    "completed_module_ids",
    "enrolments_in_progress",
    "lesson_neighbours",
    "missing_prerequisites",
    "module_lessons",
    "module_prerequisites",
    "module_progress",
]
