"""Trainers' and HR's certificate actions in the Wagtail admin: revoke, reissue, issue by hand, bulk runs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.models import Page

from operations.files import private_file_response
from people.models import Unit
from people.selectors import units_in_scope
from records.models import Completion

from ..bulk import bulk_run_start
from ..forms import BulkRunForm, ReasonForm
from ..models import BulkRun, Certificate
from ..selectors import completions_for_page, course_pages_with_completions
from ..services import certificate_issue, certificate_reissue, certificate_revoke

MANAGE = "certificates.manage_certificates"
BULK_ZIP = "certificates.download_certificates_in_bulk"


def may_run_bulk(user) -> bool:
    return user.has_perm(MANAGE) or user.has_perm(BULK_ZIP)


class ActionsColumn(Column):
    """Revoke and reissue links in the certificate listing, for those who may."""

    def __init__(self):
        super().__init__("actions", label=_("Actions"))

    def get_value(self, instance):
        if instance.status != Certificate.Status.VALID:
            return "—"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("certificates_revoke", args=[instance.pk]),
            _("Revoke"),
            reverse("certificates_reissue", args=[instance.pk]),
            _("Reissue"),
        )


def _admin_context(title: str, **extra) -> dict:
    return {
        "header_title": title,
        "page_title": title,
        "header_icon": "doc-full",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": title},
        ],
        **extra,
    }


def _lifecycle(request, pk: int, *, action: str):
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if action == "revoke":
                certificate_revoke(certificate=certificate, reason=reason, user=request.user)
                messages.success(request, _("Certificate %(number)s revoked.") % {"number": certificate.number})
            else:
                certificate_reissue(certificate=certificate, reason=reason, user=request.user)
                messages.success(request, _("Certificate %(number)s reissued.") % {"number": certificate.number})
        except ValueError:
            messages.error(request, _("A revoked certificate cannot be reissued."))
        return redirect("wagtailsnippets_certificates_certificate:inspect", certificate.pk)
    title = _("Revoke certificate") if action == "revoke" else _("Reissue certificate")
    return TemplateResponse(
        request,
        "certificates/admin/certificate_action.html",
        _admin_context(title, certificate=certificate, form=form, action=action),
    )


def certificate_revoke_view(request, pk: int):
    return _lifecycle(request, pk, action="revoke")


def certificate_reissue_view(request, pk: int):
    return _lifecycle(request, pk, action="reissue")


@require_POST
def certificate_issue_view(request, completion_id: int):
    """A trainer issues one person's certificate now (templates that do not issue automatically)."""
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    completion = get_object_or_404(Completion, pk=completion_id)
    certificate = certificate_issue(completion=completion)
    messages.success(request, _("Certificate %(number)s issued.") % {"number": certificate.number})
    following = request.POST.get("next", "")
    # Only back to a page of this site: "next" is posted by the form, so anyone could make it point elsewhere.
    if not url_has_allowed_host_and_scheme(
        following, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        following = reverse("certificates_bulk_new")
    return redirect(following)


def _scope(user) -> tuple:
    """Trainers and admins: every course page and unit. HR: ZIPs of their own units only."""
    if user.has_perm(MANAGE):
        return course_pages_with_completions(), Unit.objects.order_by("path"), False
    return course_pages_with_completions(), units_in_scope(user=user).order_by("path"), True


def bulk_run_new(request):
    if not may_run_bulk(request.user):
        raise PermissionDenied
    pages, units, hr_only = _scope(request.user)
    form = BulkRunForm(request.POST or None, pages=pages, units=units, hr_only=hr_only)
    if request.method == "POST" and form.is_valid():
        run = bulk_run_start(
            action=form.cleaned_data["action"],
            user=request.user,
            page=form.cleaned_data["page"],
            unit=form.cleaned_data["unit"],
        )
        log(instance=run, action="melayani.certificate.bulk", user=request.user, data={"action": run.action})
        return redirect("certificates_bulk_detail", run.pk)
    pending = []
    page_id = request.GET.get("halaman", "")
    # ASCII digits that fit a database integer (SQLite overflows on a 40-digit id instead of finding nothing).
    if not hr_only and page_id.isascii() and page_id.isdigit() and len(page_id) <= 18:
        pending = (
            completions_for_page(page=Page(pk=int(page_id)))
            .filter(certificate__isnull=True)
            .select_related("user")
            .order_by("user__full_name")[:200]
        )
    return TemplateResponse(
        request,
        "certificates/admin/bulk_run_new.html",
        _admin_context(
            _("Bulk certificates"),
            form=form,
            runs=BulkRun.objects.filter(requested_by=request.user).select_related("page", "unit")[:20],
            pages=pages,
            pending=pending,
            page_id=page_id,
            hr_only=hr_only,
        ),
    )


def _own_run(request, pk: int) -> BulkRun:
    run = get_object_or_404(BulkRun.objects.select_related("page", "unit"), pk=pk)
    if run.requested_by_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    return run


def bulk_run_detail(request, pk: int):
    run = _own_run(request, pk)
    return TemplateResponse(
        request, "certificates/admin/bulk_run_detail.html", _admin_context(_("Bulk certificates"), run=run)
    )


def bulk_run_status(request, pk: int):
    run = _own_run(request, pk)
    return JsonResponse(
        {
            "status": run.status,
            "status_label": run.get_status_display(),
            "total": run.total,
            "done": run.done,
            "failed": run.failed,
            "percent": run.percent,
            "download": reverse("certificates_bulk_download", args=[run.pk]) if run.archive else "",
        }
    )


def bulk_run_download(request, pk: int):
    run = _own_run(request, pk)
    if not run.archive:
        raise Http404
    return private_file_response(run.archive, filename=f"sertifikat-{run.pk}.zip", content_type="application/zip")
