"""Assigning modules in the Wagtail admin (Learning → Assign a module), for HR officers and trainers."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages

from ..assignment_forms import AssignmentForm
from ..selectors import assignments_visible_to
from ..services import AssignmentRejected, assignment_create

ADD_PERMISSION = "courses.add_assignment"
VIEW_PERMISSION = "courses.view_assignment"


def _admin_context(title: str, *crumbs: tuple[str, str]) -> dict:
    """Wagtail's slim header with breadcrumbs, like the other admin reports."""
    items = [{"url": reverse("wagtailadmin_home"), "label": _("Home")}]
    items += [{"url": url, "label": label} for url, label in crumbs]
    return {"header_title": title, "page_title": title, "header_icon": "calendar-check", "breadcrumbs_items": items}


def assignment_index(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    page = Paginator(assignments_visible_to(user=request.user), 50).get_page(request.GET.get("p"))
    context = {
        "page_obj": page,
        "can_add": request.user.has_perm(ADD_PERMISSION),
        **_admin_context(_("Assignments"), ("", _("Assignments"))),
    }
    return TemplateResponse(request, "courses/assignment_index.html", context)


def assignment_create_view(request):
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied
    form = AssignmentForm(request.POST or None, user=request.user)
    problems, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = assignment_create(
                    assigned_by=request.user,
                    module=data["module"],
                    due_date=data["due_date"],
                    unit=data["unit"],
                    nips=data["nip_list"],
                    partial=data["partial"],
                )
            except AssignmentRejected as rejection:
                problems = rejection.problems
                form.add_error(
                    "nips",
                    ngettext(
                        "%(count)d NIP cannot be assigned (see the list below); nothing was saved.",
                        "%(count)d NIPs cannot be assigned (see the list below); nothing was saved.",
                        len(problems),
                    )
                    % {"count": len(problems)},
                )
            else:
                messages.success(
                    request,
                    _("“%(module)s” assigned: %(created)d new, %(updated)d with a new due date.")
                    % {"module": data["module"].title, "created": result.created, "updated": result.updated},
                )
                if result.skipped:
                    messages.warning(
                        request,
                        _("Skipped, not assigned: %(nips)s")
                        % {"nips": "; ".join(f"{problem.nip} ({problem.reason})" for problem in result.skipped)},
                    )
                return redirect("courses_assignments")
    context = {
        "form": form,
        "problems": problems,
        **_admin_context(
            _("Assign a module"), (reverse("courses_assignments"), _("Assignments")), ("", _("Assign a module"))
        ),
    }
    return TemplateResponse(request, "courses/assignment_form.html", context, status=status)
