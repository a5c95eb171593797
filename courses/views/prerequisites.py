"""The page a learner sees when a module's prerequisites are not completed yet."""

from django.http import HttpResponse
from django.template.response import TemplateResponse

from ..models import ModulePage
from ..selectors import missing_prerequisites


def prerequisites_response(request, *, module: ModulePage, missing: list[ModulePage]) -> HttpResponse:
    """403 with the modules to complete first, each linked, and the way back to the module."""
    context = {"module": module, "missing": missing}
    return TemplateResponse(request, "courses/prerequisites_missing.html", context, status=403)


def prerequisites_refusal(request, *, module: ModulePage) -> HttpResponse | None:
    """The refusal page when the signed-in learner lacks a prerequisite of the module, else None.

    Entry points of other apps (the quiz start in quizzes.views) call this one line before they act.
    """
    if not request.user.is_authenticated:
        return None
    missing = missing_prerequisites(user=request.user, module=module)
    return prerequisites_response(request, module=module, missing=missing) if missing else None
