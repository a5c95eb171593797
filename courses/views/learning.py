"""Front-end actions on lessons and modules; pages render themselves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Enrolment, LessonPage, ModulePage
from ..selectors import lesson_neighbours
from ..services import PrerequisitesMissing, enrolment_start, lesson_complete
from .prerequisites import prerequisites_response


@login_required
@require_POST
def lesson_complete_view(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    try:
        lesson_complete(user=request.user, lesson=lesson)
    except PrerequisitesMissing as refusal:
        return prerequisites_response(request, module=refusal.module, missing=refusal.missing)
    messages.success(request, _("Lesson marked as done."))
    following = lesson_neighbours(lesson=lesson, module=lesson.module)["next_lesson"]
    return redirect(following.url if following else lesson.module.url)


@login_required
@require_POST
def module_enrol_view(request, module_id: int):
    """Self-enrolment; pressing the button twice is harmless."""
    module = get_object_or_404(ModulePage.objects.live().public(), pk=module_id)
    already = Enrolment.objects.filter(user=request.user, module=module).exists()
    try:
        enrolment_start(user=request.user, module=module)
    except PrerequisitesMissing as refusal:
        return prerequisites_response(request, module=refusal.module, missing=refusal.missing)
    if already:
        messages.info(request, _("You are already enrolled in this module."))
    else:
        messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect(module.url)
