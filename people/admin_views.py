"""Roster and unit-tree imports in the Wagtail admin: upload, dry run, per-row errors, an error report."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importing import ROSTER_COLUMNS, UNIT_COLUMNS, roster_import, units_import
from .tables import RowError, errors_csv

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
SHOWN_ERRORS = 200
SESSION_KEY = "melayani_import_errors"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy("UTF-8 CSV (comma or semicolon) or an Excel workbook; the first row is the header."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: check the file and show what would change, change nothing"),
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(gettext_lazy("The file is larger than 50 MB; split it by unit."))
        return upload


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _page(request, *, kind: str, title: str, columns: list[str], run_import, sample: str):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = run_import(data=upload.read(), filename=upload.name, dry_run=form.cleaned_data["dry_run"])
        if result.errors:
            stored = request.session.get(SESSION_KEY, {})
            stored = {key: value for key, value in stored.items() if key != str(result.run.pk)}
            stored = dict(list(stored.items())[-4:])  # keep the last few reports only
            stored[str(result.run.pk)] = [[e.row, e.column, e.message] for e in result.errors]
            request.session[SESSION_KEY] = stored
    context = {
        "form": form,
        "result": result,
        "shown_errors": result.errors[:SHOWN_ERRORS] if result else [],
        "columns": columns,
        "sample": sample,
        "kind": kind,
        "header_title": title,
        "page_title": title,
        "header_icon": "upload",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": title},
        ],
    }
    return TemplateResponse(request, "people/import_run.html", context)


def roster_import_view(request):
    if not request.user.has_perm("people.import_roster"):
        raise PermissionDenied
    user = request.user
    scope = None if user.is_superuser else [s.unit for s in user.unit_scopes.select_related("unit")]

    def run(**kwargs):
        return roster_import(actor=user, scope=scope, ip=client_ip(request), **kwargs)

    return _page(
        request,
        kind="roster",
        title=_("Import roster"),
        columns=ROSTER_COLUMNS,
        run_import=run,
        sample="roster.csv",
    )


def units_import_view(request):
    if not request.user.has_perm("people.import_units"):
        raise PermissionDenied

    def run(**kwargs):
        return units_import(actor=request.user, ip=client_ip(request), **kwargs)

    return _page(
        request, kind="units", title=_("Import unit tree"), columns=UNIT_COLUMNS, run_import=run, sample="units.csv"
    )


def import_errors_csv(request, run_id: int):
    """The error report of one of this user's recent imports (kept in their session, nobody else's)."""
    if not (request.user.has_perm("people.import_roster") or request.user.has_perm("people.import_units")):
        raise PermissionDenied
    stored = request.session.get(SESSION_KEY, {}).get(str(run_id))
    if stored is None:
        raise Http404
    body = errors_csv([RowError(row, column, message) for row, column, message in stored])
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kesalahan-impor-{run_id}.csv"'
    return response
