"""Courses models, one module per concept; import them from here."""

from .learning import Enrolment, LessonProgress
from .pages import CataloguePage, LessonPage, ModulePage
from .values import BerAkhlakValue

__all__ = ["BerAkhlakValue", "CataloguePage", "Enrolment", "LessonPage", "LessonProgress", "ModulePage"]
