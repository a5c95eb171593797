"""External training a learner submits with evidence, and the queue where HR of their unit approves or rejects it."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from operations.files import private_file_response
from records.models import ExternalTraining
from records.selectors import external_trainings_of
from records.services import external_training_approve, external_training_submit, external_training_withdraw

from ..forms import ExternalTrainingSubmitForm
from ..selectors import external_waiting_review
from .hr import admin_context, require_hr
from .ledger import scoped_training


@login_required
def my_external_training(request):
    """Nothing the learner typed is lost on a refusal: the form comes back filled, with the reason beside it."""
    user = request.user
    may_submit = bool(user.nip and user.unit_id)
    form = ExternalTrainingSubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and may_submit and form.is_valid():
        data = form.cleaned_data
        try:
            external_training_submit(
                user=user,
                title=data["title"],
                organiser=data["organiser"],
                started_on=data["started_on"],
                ended_on=data["ended_on"],
                jp=data["jp"],
                certificate_number=data["certificate_number"],
                certificate_file=data["certificate_file"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Sent to HR. The JP count once HR of your unit approves the entry."))
            return redirect("reports:my_external_training")
    context = {"form": form, "may_submit": may_submit, "entries": external_trainings_of(user=user)}
    return TemplateResponse(request, "reports/external_training.html", context)


@login_required
def my_external_scan(request, training_id: int):
    """Only the person it belongs to (HR reads it from the ledger); anyone else gets the same 404 as a wrong id."""
    training = get_object_or_404(ExternalTraining, pk=training_id, user=request.user)
    if not training.certificate_file:
        raise Http404
    return private_file_response(training.certificate_file, filename=Path(training.certificate_file.name).name)


def external_review(request):
    require_hr(request)
    page = Paginator(external_waiting_review(user=request.user), 50).get_page(request.GET.get("p"))
    context = {"page_obj": page, **admin_context(_("External training to review"), "tasks")}
    return TemplateResponse(request, "reports/external_training_review.html", context)


@require_POST
def external_decide(request, nip: str, training_id: int):
    """Approve (it counts from now on) or reject with a reason (it stays on record); both go in the audit log."""
    training = scoped_training(request, nip, training_id)
    person = training.user
    decision = request.POST.get("decision")
    try:
        if decision == "approve":
            done = external_training_approve(training=training, by=request.user)
            success = _("Approved: the JP now count for %(name)s.") % {"name": person.display_name}
        elif decision == "reject":
            done = external_training_withdraw(training=training, by=request.user, reason=request.POST.get("reason", ""))
            success = _("Rejected: %(name)s sees your reason.") % {"name": person.display_name}
        else:
            raise ValidationError(_("Choose approve or reject."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if done:
            messages.success(request, success)
        else:
            messages.warning(request, _("That entry was decided already."))
    return redirect(reverse("reports_external_review"))
