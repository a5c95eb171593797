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
from sequences import get_next_value, get_next_values
from wagtail.log_actions import log

from records.models import Completion

from .engine import gc_paused
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


def _certificate_row(
    *, completion: Completion, template: CertificateTemplate | None, config: CertificateSettings, seq: int
) -> Certificate:
    """The frozen facts of one certificate (unsaved): holder, module, JP, date in Asia/Jakarta, signatories."""
    completed_on = timezone.localtime(completion.completed_at).date()
    signatories = _signatories(template, config)
    pattern = (template.number_format if template else "") or config.number_format
    validity = template.validity_months if template else None
    user = completion.user
    return Certificate(
        completion=completion,
        template=template,
        kind=template.kind if template else completion_kind(completion),
        series=template.series if template else "",
        number=format_number(
            pattern, seq=seq, year=completed_on.year, unit=completion.unit.code if completion.unit else ""
        ),
        year=completed_on.year,
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


def _series_and_year(completion: Completion, template: CertificateTemplate | None) -> tuple[str, int]:
    return (template.series if template else ""), timezone.localtime(completion.completed_at).date().year


def _locked_completions(completion_ids: list[int]) -> list[Completion]:
    return list(
        Completion.objects.select_for_update(of=("self",))  # unit is nullable: PostgreSQL cannot lock an outer join
        .select_related("user", "module", "workshop", "unit")
        .filter(pk__in=completion_ids)
        .order_by("pk")
    )


@transaction.atomic
def _certificate_allocate(*, completion: Completion) -> Certificate:
    """The short, locked part: one row and one number per completion, even under concurrent workers."""
    (completion,) = _locked_completions([completion.pk])
    existing = Certificate.objects.filter(completion=completion).first()
    if existing is not None:
        return existing
    config = CertificateSettings.load()
    template = template_for(completion)
    series, year = _series_and_year(completion, template)
    seq = get_next_value(sequence_name(year, series))
    certificate = _certificate_row(completion=completion, template=template, config=config, seq=seq)
    certificate.save(force_insert=True)
    log(instance=certificate, action="melayani.certificate.issue", data={"number": certificate.number})
    return certificate


@transaction.atomic
def _certificates_allocate(*, completion_ids: list[int]) -> list[Certificate]:
    """A bulk chunk's rows in one transaction: one block of numbers per series and year (gapless: the block and the
    rows commit or roll back together), templates looked up once per course page, one audit-log insert."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.log_actions import get_active_log_context
    from wagtail.models import ModelLogEntry

    completions = _locked_completions(completion_ids)
    existing = {
        c.completion_id: c for c in Certificate.objects.filter(completion__in=completions).select_related("template")
    }
    config = CertificateSettings.load()
    templates: dict[tuple, CertificateTemplate | None] = {}
    groups: dict[tuple[str, int], list[tuple[Completion, CertificateTemplate | None]]] = {}
    for completion in completions:
        if completion.pk in existing:
            continue
        key = (getattr(completion.course, "pk", None), completion_kind(completion))
        if key not in templates:
            templates[key] = template_for(completion)
        template = templates[key]
        groups.setdefault(_series_and_year(completion, template), []).append((completion, template))
    rows = []
    for (series, year), members in sorted(groups.items()):  # a fixed lock order across workers: no deadlock
        block = get_next_values(len(members), sequence_name(year, series))
        rows += [
            _certificate_row(completion=completion, template=template, config=config, seq=seq)
            for (completion, template), seq in zip(members, block, strict=True)
        ]
    created = Certificate.objects.bulk_create(rows)
    if created:
        content_type = ContentType.objects.get_for_model(Certificate, for_concrete_model=False)
        context = get_active_log_context()
        ModelLogEntry.objects.bulk_create(
            ModelLogEntry(
                content_type=content_type,
                label=str(certificate),
                action="melayani.certificate.issue",
                timestamp=timezone.now(),
                data={"number": certificate.number},
                object_id=str(certificate.pk),
                user=context.user,
                uuid=context.uuid,
            )
            for certificate in created
        )
    by_completion = {**existing, **{c.completion_id: c for c in created}}
    return [by_completion[completion.pk] for completion in completions]


def certificate_issue(*, completion: Completion) -> Certificate:
    """Idempotent: returns the existing certificate, and renders its PDF if an earlier run died before that."""
    certificate = _certificate_allocate(completion=completion)
    if not certificate.pdf:
        certificate_render_store(certificate=certificate)
    return certificate


def certificates_issue(*, completion_ids: list[int]) -> tuple[list[Certificate], list[int]]:
    """A bulk chunk: allocate all rows at once, lay out their pages together (batch.py), then sign and store each;
    returns (issued, failed completion ids).

    Idempotent like `certificate_issue`: issued completions are returned as they are, unrendered ones are rendered.
    """
    try:
        certificates = _certificates_allocate(completion_ids=completion_ids)
    except Exception:  # one bad completion must not fail the chunk: fall back to one at a time
        logger.exception("batch allocation failed; issuing one by one")
        issued, failed = [], []
        for pk in completion_ids:
            try:
                issued.append(certificate_issue(completion=Completion.objects.get(pk=pk)))
            except Exception:
                logger.exception("completion %s failed", pk)
                failed.append(pk)
        return issued, failed
    from .batch import certificates_pdfs

    rendered = certificates_pdfs([certificate for certificate in certificates if not certificate.pdf])
    issued, failed = [], []
    for certificate in certificates:
        try:
            if not certificate.pdf:
                result = rendered[certificate.pk]
                if isinstance(result, Exception):
                    raise result
                certificate_render_store(certificate=certificate, rendered=result)
            issued.append(certificate)
        except Exception:
            logger.exception("certificate %s could not be rendered", certificate.number)
            failed.append(certificate.completion_id)
    return issued, failed


def certificate_issue_if_automatic(*, completion: Completion) -> Certificate | None:
    """The completion event's path: issue unless the template says a trainer issues by hand."""
    template = template_for(completion)
    if template is not None and not template.auto_issue and not hasattr(completion, "certificate"):
        return None
    return certificate_issue(completion=completion)


def _sign(pdf: bytes) -> tuple[bytes, bool]:
    signer = configured_signer()
    with gc_paused():  # building the CMS allocates like a layout does (see engine.gc_paused)
        return signer.sign(pdf), signer.signs


def _signed_pdf(certificate: Certificate) -> tuple[bytes, bool]:
    return _sign(certificate_pdf(certificate))


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


def certificate_render_store(*, certificate: Certificate, rendered: bytes | None = None) -> Certificate:
    """Render (unless a bulk chunk's batch already did: `rendered`), sign and freeze once: a stored PDF is never
    replaced by this function.

    No lock is held while rendering; the row is claimed by a conditional UPDATE (pdf still empty). If another worker
    stored the PDF first, its file stands and this render is deleted.
    """
    if certificate.pdf:
        return certificate
    content, signed = _signed_pdf(certificate) if rendered is None else _sign(rendered)
    _store_atomically(certificate.pdf, f"{certificate.number.replace('/', '-')}.pdf", content)
    digest = hashlib.sha256(content).hexdigest()
    claimed = Certificate.objects.filter(pk=certificate.pk, pdf="").update(
        pdf=certificate.pdf.name, sha256=digest, signed=signed
    )
    if not claimed:
        storages["private"].delete(certificate.pdf.name)
        certificate.refresh_from_db(fields=["pdf", "sha256", "signed"])
        return certificate
    certificate.sha256, certificate.signed = digest, signed
    transaction.on_commit(lambda: _notify_issued(certificate))
    return certificate


def _notify_issued(certificate: Certificate) -> None:
    from .emails import certificate_issued_email

    try:
        certificate_issued_email(certificate=certificate)
    except Exception:  # an unreachable mail server must not undo or fail an issued certificate
        logger.exception("could not email certificate %s", certificate.pk)


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
