"""Hooks for learning: lessons refuse learners who lack a module's prerequisites."""

from wagtail import hooks

from ..models import LessonPage
from ..views.prerequisites import prerequisites_refusal


@hooks.register("before_serve_page")
def refuse_lesson_without_prerequisites(page, request, serve_args, serve_kwargs):
    """A lesson of a module whose prerequisites are not completed shows what is missing instead.

    Runs for the live site only (previews do not call this hook); anonymous visitors fall through to the
    lesson's own sign-in redirect.
    """
    if isinstance(page, LessonPage):
        return prerequisites_refusal(request, module=page.module)
    return None
