"""A learner's own page: modules in progress, completions, JP this year, certificates."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.utils import timezone

from courses.selectors import enrolments_in_progress, module_progress
from records.selectors import completions_of, jp_earned


@login_required
def my_learning(request):
    user = request.user
    year = timezone.localdate().year
    completions = list(completions_of(user=user).select_related("certificate"))
    completed_ids = {completion.module_id for completion in completions}
    in_progress = [
        {"enrolment": enrolment, "progress": module_progress(user=user, module=enrolment.module)}
        for enrolment in enrolments_in_progress(user=user)
        if enrolment.module_id not in completed_ids
    ]
    earned = jp_earned(user=user, year=year)
    target = settings.MELAYANI_JP_TARGET
    context = {
        "year": year,
        "in_progress": in_progress,
        "completions": completions,
        "jp_earned": earned,
        "jp_target": target,
        "jp_percent": min(100, round(100 * earned / target)) if target else 100,
    }
    return TemplateResponse(request, "reports/my_learning.html", context)
