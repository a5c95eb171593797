"""Courses models, one module per concept; import them from here."""

from .assignments import Assignment
from .learning import Enrolment, LessonProgress
from .pages import CataloguePage, LessonPage, ModulePage
from .values import BerAkhlakValue

__all__ = [
    "Assignment",
    "BerAkhlakValue",
    "CataloguePage",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
]
