"""Reads in courses, one module per concept; import them from here."""

from .learning import ModuleProgress, enrolments_in_progress, lesson_neighbours, module_lessons, module_progress
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
    "AttendanceRow",
    "AttendanceSummary",
    "ModuleProgress",
    "catalogue_workshops",
    "enrolments_in_progress",
    "lesson_neighbours",
    "module_lessons",
    "module_progress",
    "qr_svg",
    "workshop_attendance_grid",
    "workshop_attendance_summary",
    "workshop_can_run",
    "workshop_page_context",
    "workshop_seats",
    "workshop_sessions",
]
