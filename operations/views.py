"""Probes for load balancers and orchestrators, and the task queue page in the Wagtail admin."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .health import readiness
from .queue import failed_task_retry, queue_overview, stale_task_requeue

VIEW_PERMISSION = "django_tasks_database.view_dbtaskresult"
RETRY_PERMISSION = "django_tasks_database.change_dbtaskresult"


@never_cache
@require_GET
def healthz(request):
    """Liveness: the process answers. No database, cache or storage, so a database outage restarts nothing."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    """Readiness: every dependency answers; 503 takes this instance out of the load balancer."""
    ready, checks = readiness()
    return JsonResponse({"status": "ok" if ready else "fail", "checks": checks}, status=200 if ready else 503)


def may_see_queue(user) -> bool:
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def task_queue(request):
    if not may_see_queue(request.user):
        raise PermissionDenied
    title = _("Task queue")
    context = {
        "overview": queue_overview(),
        "may_retry": request.user.has_perm(RETRY_PERMISSION),
        "stale_after_minutes": settings.TASK_STALE_AFTER_MINUTES,
        "header_title": title,
        "page_title": title,
        "header_icon": "cogs",
        "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": _("Home")}, {"url": "", "label": title}],
    }
    return TemplateResponse(request, "operations/task_queue.html", context)


@require_POST
def task_retry(request, backend: str, task_id: str):
    if not (may_see_queue(request.user) and request.user.has_perm(RETRY_PERMISSION)):
        raise PermissionDenied
    if failed_task_retry(backend=backend, task_id=task_id):
        messages.success(request, _("The task is back in the queue."))
    else:
        messages.error(request, _("That task is no longer failed: it was retried already or removed."))
    return redirect("operations_task_queue")


@require_POST
def task_requeue_stale(request, task_id: str):
    """A task whose worker died stays RUNNING forever in the database queue; an operator puts it back."""
    if not (may_see_queue(request.user) and request.user.has_perm(RETRY_PERMISSION)):
        raise PermissionDenied
    if stale_task_requeue(task_id=task_id):
        messages.success(request, _("The task is back in the queue."))
    else:
        messages.error(request, _("That task is no longer stuck: it finished, was requeued already or was removed."))
    return redirect("operations_task_queue")
