"""HR's completion records in the Wagtail admin, limited to the units in the officer's scope, and exports."""

import tempfile

from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from operations.files import private_file_response
from people.selectors import units_in_scope

from ..exports import CONTENT_TYPES, FORMATS, csv_bytes
from ..models import ExportJob
from ..selectors import scoped_completions
from ..services import export_download_log, export_start, job_completions

PERMISSION = "records.view_unit_records"


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


def require_hr(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def unit_code_param(request) -> str | None:
    """The ?unit= filter. No unit code holds NUL or runs past 32 characters: such a value is a 400, never a query
    (PostgreSQL refuses NUL in text)."""
    code = request.GET.get("unit", "").strip()
    if "\x00" in code or len(code) > 32:
        raise BadRequest("the unit filter is not a unit code")  # logged, not shown: Django answers 400
    return code or None


def _filters(request) -> dict:
    year = request.GET.get("tahun", "")
    return {
        "year": int(year) if year.isascii() and year.isdigit() and 1900 < int(year) < 3000 else None,
        "unit_code": unit_code_param(request),
    }


def admin_context(title: str, icon: str, *, parent: tuple[str, str] | None = None) -> dict:
    """The Wagtail header and breadcrumbs every HR page shares."""
    crumbs = [{"url": reverse("wagtailadmin_home"), "label": _("Home")}]
    if parent:
        crumbs.append({"url": parent[0], "label": parent[1]})
    crumbs.append({"url": "", "label": title})
    return {"header_title": title, "page_title": title, "header_icon": icon, "breadcrumbs_items": crumbs}


def year_choices() -> range:
    return range(timezone.localdate().year, timezone.localdate().year - 5, -1)


def completion_records(request):
    require_hr(request)
    filters = _filters(request)
    completions = scoped_completions(user=request.user, **filters)
    page = Paginator(completions, 50).get_page(request.GET.get("p"))
    context = {
        "page_obj": page,
        "units": units_in_scope(user=request.user).order_by("path"),
        "filters": filters,
        "years": year_choices(),
        **admin_context(_("Completion records"), "list-ul"),
    }
    return TemplateResponse(request, "reports/completion_records.html", context)


def _export(request, format: str):
    require_hr(request)
    filters = _filters(request)
    job = export_start(owner=request.user, format=format, ip=client_ip(request), **filters)
    if job.in_background:
        return redirect("reports_export_job", job.pk)
    completions = job_completions(job)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"rekap-penyelesaian-{stamp}.{format}"
    if format == "csv":
        response = StreamingHttpResponse(csv_bytes(completions), content_type=CONTENT_TYPES["csv"])
    else:
        # XLSX or ODS, small by definition (under MELAYANI_EXPORT_MAX_ROWS): written to a temporary file, then sent.
        handle = tempfile.TemporaryFile()
        FORMATS[format](completions, handle)
        handle.seek(0)
        response = FileResponse(handle, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def completion_records_csv(request):
    return _export(request, "csv")


def completion_records_xlsx(request):
    return _export(request, "xlsx")


def completion_records_ods(request):
    return _export(request, "ods")


def _own_job(request, job_id: int) -> ExportJob:
    """Only the person who asked for an export may see or download it; everyone else gets a 404."""
    require_hr(request)
    return get_object_or_404(ExportJob, pk=job_id, owner=request.user)


def export_job(request, job_id: int):
    job = _own_job(request, job_id)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {"status": job.status, "percent": job.percent, "rows_done": job.rows_done, "rows_total": job.rows_total}
        )
    context = {
        "job": job,
        **admin_context(_("Export"), "download", parent=(reverse("reports_export_jobs"), _("My exports"))),
    }
    return TemplateResponse(request, "reports/export_job.html", context)


def export_jobs(request):
    require_hr(request)
    jobs = ExportJob.objects.filter(owner=request.user, in_background=True)[:50]
    context = {"jobs": jobs, "now": timezone.now(), **admin_context(_("My exports"), "download")}
    return TemplateResponse(request, "reports/export_job_list.html", context)


def export_download(request, job_id: int):
    job = _own_job(request, job_id)
    if not job.downloadable:
        raise Http404
    export_download_log(job=job, user=request.user, ip=client_ip(request))
    return private_file_response(
        job.file, filename=f"rekap-penyelesaian-{job.pk}.{job.format}", content_type=CONTENT_TYPES[job.format]
    )
