"""Reads in courses, one module per concept; import them from here."""

from .assignments import AssignedModule, assignable_units, assigned_modules, assignments_visible_to
from .catalogue import (
    CatalogueFilters,
    catalogue_filters_from,
    catalogue_listing,
    catalogue_modules,
    module_organiser,
    value_listing,
)
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
    "CatalogueFilters",
    "ModuleProgress",
    "assignable_units",
    "assigned_modules",
    "assignments_visible_to",
    "catalogue_filters_from",
    "catalogue_listing",
    "catalogue_modules",
    "completed_module_ids",
    "enrolments_in_progress",
    "lesson_neighbours",
    "missing_prerequisites",
    "module_lessons",
    "module_organiser",
    "module_prerequisites",
    "module_progress",
    "modules_progress",
    "value_listing",
]
