"""Issuing certificates: allocate a gapless number once, then render and freeze the PDF."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from sequences import get_next_value

from records.models import Completion

from .models import Certificate, CertificateSettings
from .numbering import format_number, sequence_name
from .rendering import certificate_pdf


@transaction.atomic
def _certificate_allocate(*, completion: Completion) -> Certificate:
    """The short, locked part: one row and one number per completion, even under concurrent workers."""
    completion = (
        Completion.objects.select_for_update(of=("self",))  # unit is nullable: PostgreSQL cannot lock an outer join
        .select_related("user", "module", "workshop", "unit")
        .get(pk=completion.pk)
    )
    existing = Certificate.objects.filter(completion=completion).first()
    if existing is not None:
        return existing
    config = CertificateSettings.load()
    completed_on = timezone.localtime(completion.completed_at).date()
    year = completed_on.year
    seq = get_next_value(sequence_name(year))
    user = completion.user
    return Certificate.objects.create(
        completion=completion,
        number=format_number(
            config.number_format, seq=seq, year=year, unit=completion.unit.code if completion.unit else ""
        ),
        year=year,
        sequence=seq,
        holder_name=user.display_name,
        holder_nip=user.nip or "",
        module_title=completion.course.title,
        jp=completion.jp,
        completed_on=completed_on,
        issuer=config.issuer,
        city=config.city,
        signatory_name=config.signatory_name,
        signatory_nip=config.signatory_nip,
        signatory_position=config.signatory_position,
    )


def certificate_issue(*, completion: Completion) -> Certificate:
    """Idempotent: returns the existing certificate, and renders its PDF if an earlier run died before that."""
    certificate = _certificate_allocate(completion=completion)
    if not certificate.pdf:
        certificate_render_store(certificate=certificate)
    return certificate


@transaction.atomic
def certificate_render_store(*, certificate: Certificate) -> Certificate:
    """Render once and freeze: a stored PDF is never replaced by this function."""
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.pdf:
        return locked
    content = certificate_pdf(locked)
    safe_number = locked.number.replace("/", "-")
    locked.pdf.save(f"{safe_number}.pdf", ContentFile(content), save=False)
    locked.sha256 = hashlib.sha256(content).hexdigest()
    locked.save(update_fields=["pdf", "sha256"])
    certificate.pdf, certificate.sha256 = locked.pdf, locked.sha256
    return locked
