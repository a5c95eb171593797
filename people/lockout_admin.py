"""Admin list of locked sign-ins with an unlock button (Settings → Sign-in locks)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import sign_in_locks
from .services import sign_in_lock_reset

UNLOCK_PERMISSION = "axes.delete_accessattempt"


def sign_in_locks_view(request):
    if not request.user.has_perm(UNLOCK_PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        if username and sign_in_lock_reset(username=username, actor=request.user):
            messages.success(request, _("Sign-in unlocked for %(username)s.") % {"username": username})
        else:
            messages.error(request, _("No lock was found for %(username)s.") % {"username": username})
        return redirect("people_sign_in_locks")
    title = _("Sign-in locks")
    context = {
        "locks": sign_in_locks(failure_limit=settings.AXES_FAILURE_LIMIT)[:500],
        "page_title": title,
        "header_icon": "lock",
        "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": _("Home")}, {"url": "", "label": title}],
    }
    return TemplateResponse(request, "people/admin/sign_in_locks.html", context)
