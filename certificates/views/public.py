"""Downloading one's own certificate, the public verification pages and the learner's email choices."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from operations.files import private_file_response
from people.validators import mask_nip

from ..forms import EmailPreferenceForm, VerifyFileForm
from ..models import Certificate, CertificateEmailPreference
from ..selectors import certificate_by_number, certificate_by_sha256
from ..signing import signature_check


@login_required
@never_cache
def certificate_download(request, certificate_id: int):
    """The holder's stored PDF; anyone else gets the same 404 as for a number that does not exist."""
    certificate = get_object_or_404(Certificate, pk=certificate_id, completion__user=request.user)
    if not certificate.pdf:
        raise Http404(_("This certificate is still being prepared. Try again in a minute."))
    filename = "sertifikat-" + certificate.number.replace("/", "-") + ".pdf"
    return private_file_response(certificate.pdf, filename=filename, content_type="application/pdf")


def _stored_signature(certificate: Certificate):
    if not certificate.pdf:
        return None
    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    check = signature_check(data)
    check.hash_matches = hashlib.sha256(data).hexdigest() == certificate.sha256
    return check


def certificate_verify(request, token: str):
    if "\x00" in token:  # no token holds NUL; PostgreSQL would refuse the query (a 500 instead of a 404)
        raise Http404
    certificate = get_object_or_404(Certificate, token=token)
    return TemplateResponse(
        request,
        "certificates/certificate_verify.html",
        {
            "certificate": certificate,
            "masked_nip": mask_nip(certificate.holder_nip),
            "signature": _stored_signature(certificate),
        },
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


def certificate_verify_file(request):
    """Upload a PDF: exactly a file we issued (current or superseded version), or unknown. Nothing is stored."""
    result = None
    posted = request.method == "POST"
    form = VerifyFileForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        digest = hashlib.sha256()
        for chunk in form.cleaned_data["file"].chunks():
            digest.update(chunk)
        certificate, version = certificate_by_sha256(digest.hexdigest())
        if certificate is None:
            result = {"outcome": "unknown"}
        elif version is not None:
            result = {"outcome": "superseded", "certificate": certificate, "version": version}
        else:
            result = {"outcome": "valid" if certificate.is_valid else "revoked", "certificate": certificate}
        if certificate is not None:
            result["masked_nip"] = mask_nip(certificate.holder_nip)
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return TemplateResponse(
        request, "certificates/certificate_verify_file.html", {"form": form, "result": result}, status=status
    )


@login_required
def email_preferences(request):
    preference = CertificateEmailPreference.objects.filter(user=request.user).first() or CertificateEmailPreference(
        user=request.user
    )
    form = EmailPreferenceForm(request.POST if request.method == "POST" else None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your email choices are saved."))
        return redirect("certificates:email_preferences")
    return TemplateResponse(request, "certificates/certificate_email_preference.html", {"form": form})
