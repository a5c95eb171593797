"""Front-end actions on lessons; pages render themselves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import LessonPage
from ..selectors import lesson_neighbours
from ..services import lesson_complete


@login_required
@require_POST
def lesson_complete_view(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    lesson_complete(user=request.user, lesson=lesson)
    messages.success(request, _("Lesson marked as done."))
    following = lesson_neighbours(lesson=lesson, module=lesson.module)["next_lesson"]
    return redirect(following.url if following else lesson.module.url)
