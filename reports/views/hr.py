"""HR's completion records in the Wagtail admin, limited to the units in the officer's scope."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from people.selectors import units_in_scope

from ..exports import csv_lines
from ..selectors import scoped_completions

PERMISSION = "records.view_unit_records"


def _filters(request) -> dict:
    year = request.GET.get("tahun", "")
    return {
        "year": int(year) if year.isdigit() else None,
        "unit_code": request.GET.get("unit", "").strip() or None,
    }


def completion_records(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    filters = _filters(request)
    completions = scoped_completions(user=request.user, **filters)
    page = Paginator(completions, 50).get_page(request.GET.get("p"))
    context = {
        "page_obj": page,
        "units": units_in_scope(user=request.user).order_by("path"),
        "filters": filters,
        "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
        "header_title": _("Completion records"),
        "page_title": _("Completion records"),
        "header_icon": "list-ul",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": _("Completion records")},
        ],
    }
    return TemplateResponse(request, "reports/completion_records.html", context)


def completion_records_csv(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    completions = scoped_completions(user=request.user, **_filters(request)).iterator(chunk_size=2000)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(csv_lines(completions), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rekap-penyelesaian-{stamp}.csv"'
    return response
