"""HR's dashboard and the list of people short of the JP target: aggregates for the officer's units only."""

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from people.selectors import units_in_scope

from ..selectors import dashboard, learning_gain_by_unit, short_of_target
from .hr import admin_context, require_hr, unit_code_param, year_choices


def _year(request) -> int:
    value = request.GET.get("tahun", "")
    this_year = timezone.localdate().year
    return (
        int(value)
        if value.isascii() and value.isdigit() and this_year - 20 <= int(value) <= this_year + 1
        else this_year
    )


def hr_dashboard(request):
    require_hr(request)
    year = _year(request)
    unit_code = unit_code_param(request)
    numbers = dashboard(user=request.user, year=year, unit_code=unit_code)
    chart = {
        "units": [row["unit"].name for row in numbers["by_unit"]],
        "percent": [row["percent"] for row in numbers["by_unit"]],
        "modules": [row["title"] for row in numbers["by_module"]],
        "module_counts": [row["n"] for row in numbers["by_module"]],
    }
    context = {
        "numbers": numbers,
        "chart": chart,
        "year": year,
        "years": year_choices(),
        "unit_code": unit_code,
        "units": units_in_scope(user=request.user).order_by("path")[:500],
        "target": settings.MELAYANI_JP_TARGET,
        **admin_context(_("HR dashboard"), "table"),
    }
    return TemplateResponse(request, "reports/hr_dashboard.html", context)


def jp_shortfall(request):
    require_hr(request)
    year = _year(request)
    unit_code = unit_code_param(request)
    people = short_of_target(user=request.user, year=year, unit_code=unit_code)
    page = Paginator(people, 50).get_page(request.GET.get("p"))
    context = {
        "page_obj": page,
        "year": year,
        "years": year_choices(),
        "unit_code": unit_code,
        "units": units_in_scope(user=request.user).order_by("path")[:500],
        "target": settings.MELAYANI_JP_TARGET,
        **admin_context(_("Short of the JP target"), "warning"),
    }
    return TemplateResponse(request, "reports/jp_shortfall.html", context)


def learning_gain(request):
    """Pre/post-test gain and the Ber-AKHLAK value profile per unit, for HR's units only."""
    require_hr(request)
    unit_code = unit_code_param(request)
    report = learning_gain_by_unit(user=request.user, unit_code=unit_code)
    context = {
        "report": report,
        "unit_code": unit_code,
        "units": units_in_scope(user=request.user).order_by("path")[:500],
        **admin_context(_("Learning gain and values"), "doc-full"),
    }
    return TemplateResponse(request, "reports/learning_gain.html", context)
