"""Downloading one's own certificate and the public verification pages."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from people.validators import mask_nip

from .models import Certificate
from .selectors import certificate_by_number


@login_required
@never_cache
def certificate_download(request, certificate_id: int):
    """The holder's stored PDF; anyone else gets the same 404 as for a number that does not exist."""
    certificate = get_object_or_404(Certificate, pk=certificate_id, completion__user=request.user)
    if not certificate.pdf:
        raise Http404(_("This certificate is still being prepared. Try again in a minute."))
    filename = "sertifikat-" + certificate.number.replace("/", "-") + ".pdf"
    return FileResponse(
        certificate.pdf.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )


def certificate_verify(request, token: str):
    certificate = get_object_or_404(Certificate, token=token)
    return TemplateResponse(
        request,
        "certificates/certificate_verify.html",
        {"certificate": certificate, "masked_nip": mask_nip(certificate.holder_nip)},
    )


def certificate_lookup(request):
    number = request.GET.get("nomor", "").strip()
    context = {"number": number, "not_found": False}
    if number:
        certificate = certificate_by_number(number=number)
        if certificate is not None:
            return redirect("certificates:verify", token=certificate.token)
        context["not_found"] = True
    return TemplateResponse(request, "certificates/certificate_lookup.html", context, status=404 if number else 200)
