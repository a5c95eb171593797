"""A person's JP ledger for HR (scope-checked, logged), with external training entered by HR."""

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from operations.files import private_file_response
from records.models import ExternalTraining
from records.selectors import jp_ledger
from records.services import external_training_record, external_training_withdraw

from ..forms import ExternalTrainingForm
from ..selectors import person_in_scope
from ..services import external_file_download_log, ledger_view_log
from .dashboard import _year
from .hr import admin_context, client_ip, require_hr, year_choices


def jp_ledger_view(request, nip: str):
    require_hr(request)
    person = person_in_scope(user=request.user, nip=nip)
    if person is None:
        raise Http404
    year = _year(request)
    form = ExternalTrainingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        external_training_record(
            user=person,
            entered_by=request.user,
            title=data["title"],
            organiser=data["organiser"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            jp=data["jp"],
            certificate_number=data["certificate_number"],
            certificate_file=data.get("certificate_file") or None,
        )
        messages.success(request, _("External training added to the ledger."))
        return redirect(reverse("reports_jp_ledger", args=[nip]) + f"?tahun={data['ended_on'].year}")
    if request.method == "GET":
        ledger_view_log(person=person, user=request.user, year=year, ip=client_ip(request))
    context = {
        "person": person,
        "ledger": jp_ledger(user=person, year=year),
        "form": form,
        "year": year,
        "years": year_choices(),
        **admin_context(
            _("JP ledger of %(name)s") % {"name": person.display_name},
            "table",
            parent=(reverse("reports_jp_shortfall"), _("Short of the JP target")),
        ),
    }
    return TemplateResponse(request, "reports/jp_ledger.html", context)


def scoped_training(request, nip: str, training_id: int) -> ExternalTraining:
    """An external-training entry of a person in the HR officer's scope; 404 for anything else, as for a wrong id."""
    require_hr(request)
    person = person_in_scope(user=request.user, nip=nip)
    if person is None:
        raise Http404
    return get_object_or_404(ExternalTraining.objects.select_related("user"), pk=training_id, user=person)


def external_certificate(request, nip: str, training_id: int):
    training = scoped_training(request, nip, training_id)
    if not training.certificate_file:
        raise Http404
    external_file_download_log(training=training, user=request.user, ip=client_ip(request))
    return private_file_response(training.certificate_file, filename=Path(training.certificate_file.name).name)


@require_POST
def external_withdraw(request, nip: str, training_id: int):
    """An entry made in error leaves the count but not the record: rejected, with the reason, in the audit log."""
    training = scoped_training(request, nip, training_id)
    try:
        withdrawn = external_training_withdraw(
            training=training, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError:
        messages.error(request, _("Say why the entry is withdrawn."))
    else:
        if withdrawn:
            messages.success(request, _("The external training no longer counts; it stays on record as withdrawn."))
        else:
            messages.warning(request, _("That entry was withdrawn already."))
    return redirect(reverse("reports_jp_ledger", args=[nip]) + f"?tahun={training.ended_on.year}")
