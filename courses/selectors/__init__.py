"""Reads in courses, one module per concept; import them from here."""

from .catalogue import (
    CatalogueFilters,
    catalogue_filters_from,
    catalogue_listing,
    catalogue_modules,
    module_organiser,
    value_listing,
)
from .learning import ModuleProgress, enrolments_in_progress, lesson_neighbours, module_lessons, module_progress

__all__ = [
    "CatalogueFilters",
    "ModuleProgress",
    "catalogue_filters_from",
    "catalogue_listing",
    "catalogue_modules",
    "enrolments_in_progress",
    "lesson_neighbours",
    "module_lessons",
    "module_organiser",
    "module_progress",
    "value_listing",
]
