"""Courses models, one module per concept; import them from here."""

from .assignments import Assignment
from .content import ContentPage, ValuePage
from .learning import Enrolment, LessonProgress
from .pages import CataloguePage, LessonPage, ModulePage
from .sections import UnitSectionPage
from .values import BerAkhlakValue, IppAspectTag
from .workshops import SessionAttendance, WorkshopMaterial, WorkshopPage, WorkshopRegistration, WorkshopSession

__all__ = [
    "Assignment",
    "BerAkhlakValue",
    "CataloguePage",
    "ContentPage",
    "Enrolment",
    "IppAspectTag",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "SessionAttendance",
    "UnitSectionPage",
    "ValuePage",
    "WorkshopMaterial",
    "WorkshopPage",
    "WorkshopRegistration",
    "WorkshopSession",
]
