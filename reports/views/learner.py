"""A learner's own page: assigned modules with due dates, modules in progress, completions, JP this year."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.utils import timezone

from courses.selectors import assigned_modules, enrolments_in_progress, modules_progress
from courses.selectors.translations import pages_in_language
from records.selectors import completions_of, jp_earned


@login_required
def my_learning(request):
    """About a dozen queries however many modules the learner has (tests/reports/test_my_learning_home.py)."""
    user = request.user
    year = timezone.localdate().year  # Asia/Jakarta: the JP year turns at midnight WIB
    completions = list(completions_of(user=user).select_related("certificate"))
    completed_ids = {completion.module_id for completion in completions}
    assigned = [item for item in assigned_modules(user=user) if item.module.pk not in completed_ids]
    assigned_ids = {item.module.pk for item in assigned}
    # An assigned module shows once, under "Assigned to me", with its progress.
    enrolments = [
        enrolment
        for enrolment in enrolments_in_progress(user=user).filter(module__live=True)
        if enrolment.module_id not in completed_ids and enrolment.module_id not in assigned_ids
    ]
    progress = modules_progress(user=user, modules=[item.module for item in assigned] + [e.module for e in enrolments])
    # An English reader's links go to the English module and lesson where one is live: one query for all of them.
    linked = [item.module for item in assigned] + [e.module for e in enrolments]
    for entry in progress.values():
        linked += [entry.last_lesson, entry.next_lesson]
    earned = jp_earned(user=user, year=year)
    target = settings.MELAYANI_JP_TARGET
    context = {
        "year": year,
        "assigned": [{"item": item, "progress": progress[item.module.pk]} for item in assigned],
        "overdue_count": sum(1 for item in assigned if item.overdue),
        "in_progress": [{"enrolment": e, "progress": progress[e.module_id]} for e in enrolments],
        "completions": completions,
        "reader_pages": pages_in_language(linked),
        "jp_earned": earned,
        "jp_target": target,
        "jp_remaining": max(0, target - earned),
        "jp_percent": min(100, round(100 * earned / target)) if target else 100,
    }
    return TemplateResponse(request, "reports/my_learning.html", context)
