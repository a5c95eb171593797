"""Courses models, one module per concept; import them from here."""

from .learning import Enrolment, LessonProgress
from .pages import CataloguePage, LessonPage, ModulePage
from .values import BerAkhlakValue
from .workshops import SessionAttendance, WorkshopMaterial, WorkshopPage, WorkshopRegistration, WorkshopSession

__all__ = [
    "BerAkhlakValue",
    "CataloguePage",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "SessionAttendance",
    "WorkshopMaterial",
    "WorkshopPage",
    "WorkshopRegistration",
    "WorkshopSession",
]
