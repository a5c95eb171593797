"""Front-end views of courses, one module per concept."""

from .learning import lesson_complete_view

__all__ = ["lesson_complete_view"]
