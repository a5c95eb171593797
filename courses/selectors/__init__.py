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
    lesson_state,
    module_lessons,
    module_progress,
    modules_progress,
)
from .prerequisites import completed_module_ids, missing_prerequisites, module_prerequisites, prerequisite_cycle
from .workshops import (
    AttendanceRow,
    AttendanceSummary,
    catalogue_workshops,
    qr_svg,
    workshop_attendance_grid,
    workshop_attendance_summary,
    workshop_can_run,
    workshop_page_context,
    workshop_seats,
    workshop_sessions,
)

__all__ = [
    "AssignedModule",
    "AttendanceRow",
    "AttendanceSummary",
    "CatalogueFilters",
    "ModuleProgress",
    "assignable_units",
    "assigned_modules",
    "assignments_visible_to",
    "catalogue_filters_from",
    "catalogue_listing",
    "catalogue_modules",
    "catalogue_workshops",
    "completed_module_ids",
    "enrolments_in_progress",
    "lesson_neighbours",
    "lesson_state",
    "missing_prerequisites",
    "module_lessons",
    "module_organiser",
    "module_prerequisites",
    "prerequisite_cycle",
    "module_progress",
    "modules_progress",
    "qr_svg",
    "value_listing",
    "workshop_attendance_grid",
    "workshop_attendance_summary",
    "workshop_can_run",
    "workshop_page_context",
    "workshop_seats",
    "workshop_sessions",
]
