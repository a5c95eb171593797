"""Front-end views of courses, one module per concept."""

from .learning import lesson_complete_view, module_enrol_view
from .prerequisites import prerequisites_refusal, prerequisites_response

__all__ = ["lesson_complete_view", "module_enrol_view", "prerequisites_refusal", "prerequisites_response"]
