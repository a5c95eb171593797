"""Reads in courses, one module per concept; import them from here."""

from .learning import ModuleProgress, enrolments_in_progress, lesson_neighbours, module_lessons, module_progress

__all__ = ["ModuleProgress", "enrolments_in_progress", "lesson_neighbours", "module_lessons", "module_progress"]
