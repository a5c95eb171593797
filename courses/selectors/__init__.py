"""Reads in courses, one module per concept; import them from here."""

from .assignments import AssignedModule, assignable_units, assigned_modules, assignments_visible_to
from .learning import (
    ModuleProgress,
    enrolments_in_progress,
    lesson_neighbours,
    module_lessons,
    module_progress,
    modules_progress,
)
from .prerequisites import completed_module_ids, missing_prerequisites, module_prerequisites

__all__ = [
    "AssignedModule",
    "assignable_units",
    "assigned_modules",
    "assignments_visible_to",
    "ModuleProgress",
    "completed_module_ids",
    "enrolments_in_progress",
    "lesson_neighbours",
    "missing_prerequisites",
    "module_lessons",
    "module_prerequisites",
    "module_progress",
    "modules_progress",
]
