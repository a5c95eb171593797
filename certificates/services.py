"""Issuing and the certificate lifecycle: allocate a gapless number once, render, sign and freeze the PDF."""

import calendar
import datetime
import hashlib
import logging
import os
import tempfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from sequences import get_next_value
from wagtail.log_actions import log

from records.models import Completion

from .models import Certificate, CertificateSettings, CertificateTemplate, CertificateVersion
from .numbering import format_number, sequence_name
from .rendering import certificate_pdf
from .selectors import completion_kind, template_for
from .signing import configured_signer

logger = logging.getLogger(__name__)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _signatories(template: CertificateTemplate | None, config: CertificateSettings) -> list[dict]:
    if template is not None:
        rows = [
            {"name": s.name, "nip": s.nip, "position": s.position, "signature": s.signature_id}
            for s in template.signatories.all()
        ]
        if rows:
            return rows
    return [{"name": config.signatory_name, "nip": config.signatory_nip, "position": config.signatory_position}]


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
    template = template_for(completion)
    completed_on = timezone.localtime(completion.completed_at).date()
    year = completed_on.year
    series = template.series if template else ""
    seq = get_next_value(sequence_name(year, series))
    user = completion.user
    signatories = _signatories(template, config)
    pattern = (template.number_format if template else "") or config.number_format
    validity = template.validity_months if template else None
    certificate = Certificate.objects.create(
        completion=completion,
        template=template,
        kind=template.kind if template else completion_kind(completion),
        series=series,
        number=format_number(pattern, seq=seq, year=year, unit=completion.unit.code if completion.unit else ""),
        year=year,
        sequence=seq,
        holder_name=user.display_name,
        holder_nip=user.nip or "",
        module_title=completion.course.title,
        jp=completion.jp,
        completed_on=completed_on,
        issuer=(template.issuer if template else "") or config.issuer,
        city=(template.city if template else "") or config.city,
        signatory_name=signatories[0]["name"],
        signatory_nip=signatories[0]["nip"],
        signatory_position=signatories[0]["position"],
        signatories=signatories,
        valid_until=add_months(completed_on, validity) if validity else None,
    )
    log(instance=certificate, action="melayani.certificate.issue", data={"number": certificate.number})
    return certificate


def certificate_issue(*, completion: Completion) -> Certificate:
    """Idempotent: returns the existing certificate, and renders its PDF if an earlier run died before that."""
    certificate = _certificate_allocate(completion=completion)
    if not certificate.pdf:
        certificate_render_store(certificate=certificate)
    return certificate


def certificate_issue_if_automatic(*, completion: Completion) -> Certificate | None:
    """The completion event's path: issue unless the template says a trainer issues by hand."""
    template = template_for(completion)
    if template is not None and not template.auto_issue and not hasattr(completion, "certificate"):
        return None
    return certificate_issue(completion=completion)


def _signed_pdf(certificate: Certificate) -> tuple[bytes, bool]:
    signer = configured_signer()
    return signer.sign(certificate_pdf(certificate)), signer.signs


def _store_atomically(field_file, name: str, content: bytes) -> None:
    """Write to a temporary file beside the target and let the storage move it in, so no half file ever exists
    under a certificate's name (FileSystemStorage renames a temporary file; object stores write whole objects)."""
    storage = storages["private"]
    location = getattr(storage, "location", None)
    directory = Path(location) / ".tmp" if location else None
    if directory:
        directory.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=directory, suffix=".pdf", delete=False)  # noqa: SIM115
    try:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        wrapped = File(open(handle.name, "rb"), name=name)  # noqa: SIM115
        wrapped.temporary_file_path = lambda: handle.name
        with wrapped:
            field_file.save(name, wrapped, save=False)
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)


@transaction.atomic
def certificate_render_store(*, certificate: Certificate) -> Certificate:
    """Render, sign and freeze once: a stored PDF is never replaced by this function."""
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.pdf:
        return locked
    content, signed = _signed_pdf(locked)
    _store_atomically(locked.pdf, f"{locked.number.replace('/', '-')}.pdf", content)
    locked.sha256 = hashlib.sha256(content).hexdigest()
    locked.signed = signed
    locked.save(update_fields=["pdf", "sha256", "signed"])
    certificate.pdf, certificate.sha256, certificate.signed = locked.pdf, locked.sha256, locked.signed
    transaction.on_commit(lambda: _notify_issued(locked.pk))
    return locked


def _notify_issued(certificate_id: int) -> None:
    from .emails import certificate_issued_email

    try:
        certificate_issued_email(certificate_id=certificate_id)
    except Exception:  # an unreachable mail server must not undo or fail an issued certificate
        logger.exception("could not email certificate %s", certificate_id)


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, user=None) -> Certificate:
    """Revoked for good: the number is never reused and the verification page shows the date and reason."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a revocation needs a reason")
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.status == Certificate.Status.REVOKED:
        return locked
    locked.status = Certificate.Status.REVOKED
    locked.revoked_at = timezone.now()
    locked.revoked_reason = reason
    locked.save(update_fields=["status", "revoked_at", "revoked_reason"])
    log(instance=locked, action="melayani.certificate.revoke", user=user, data={"reason": reason})
    return locked


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, reason: str, user=None) -> Certificate:
    """After a name or data correction: same number and token, a new PDF, the old one kept as a version."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a reissue needs a reason")
    locked = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("completion__user", "completion__unit")
        .get(pk=certificate.pk)
    )
    if locked.status == Certificate.Status.REVOKED:
        raise ValueError("a revoked certificate cannot be reissued")
    CertificateVersion.objects.create(
        certificate=locked,
        version=locked.version,
        holder_name=locked.holder_name,
        holder_nip=locked.holder_nip,
        module_title=locked.module_title,
        pdf=locked.pdf.name,
        sha256=locked.sha256,
        issued_at=locked.issued_at,
        reason=reason,
        replaced_by=user,
    )
    completion = locked.completion
    locked.holder_name = completion.user.display_name
    locked.holder_nip = completion.user.nip or ""
    locked.module_title = completion.course.title
    locked.version += 1
    content, signed = _signed_pdf(locked)
    locked.pdf = None
    _store_atomically(locked.pdf, f"{locked.number.replace('/', '-')}-v{locked.version}.pdf", content)
    locked.sha256 = hashlib.sha256(content).hexdigest()
    locked.signed = signed
    locked.save()
    log(
        instance=locked,
        action="melayani.certificate.reissue",
        user=user,
        data={"reason": reason, "version": locked.version},
    )
    return locked
