"""Reads of certificates and templates."""

from django.db.models import Q, QuerySet

from records.models import Completion

from .models import BulkRun, Certificate, CertificateEmailPreference, CertificateTemplate, CertificateVersion


def certificates_of(*, user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(completion__user=user).order_by("-completed_on")


def certificate_by_number(*, number: str) -> Certificate | None:
    if "\x00" in number:  # typed into a public form: no number holds NUL, and PostgreSQL would refuse the query
        return None
    return Certificate.objects.filter(number__iexact=number.strip()).first()


def completions_without_certificate_pdf() -> QuerySet[Completion]:
    """Completions whose certificate is missing or has no stored PDF: a worker died, or a render failed."""
    return Completion.objects.filter(Q(certificate__isnull=True) | Q(certificate__pdf="")).order_by("pk")


def completion_kind(completion: Completion) -> str:
    """Attendance for a workshop completion, completion for a module (the workshop field arrives with workshops)."""
    if getattr(completion, "workshop_id", None):
        return CertificateTemplate.Kind.ATTENDANCE
    return CertificateTemplate.Kind.COMPLETION


def template_for(completion: Completion) -> CertificateTemplate | None:
    """The template assigned to the completed course page, else the default for the completion's kind.

    None means no template exists yet: the built-in design and the global settings are used.
    """
    page_id = getattr(completion.course, "pk", None)
    assigned = CertificateTemplate.objects.filter(assigned_pages__page_id=page_id).first() if page_id else None
    return assigned or CertificateTemplate.objects.filter(kind=completion_kind(completion), is_default=True).first()


def completions_for_page(page) -> QuerySet[Completion]:
    """Every completion of a course page; the one place that knows modules and workshops hold them."""
    return Completion.objects.filter(Q(module_id=page.pk) | Q(workshop_id=page.pk))


def completions_for_unit(unit) -> QuerySet[Completion]:
    """Completions earned in a unit or any unit below it (the unit at completion time, as HR counts them)."""
    return Completion.objects.filter(unit__path__startswith=unit.path)


def certificate_by_sha256(digest: str) -> tuple[Certificate | None, CertificateVersion | None]:
    """The certificate whose current PDF has this hash, or the superseded version that had it."""
    certificate = Certificate.objects.filter(sha256=digest).first()
    if certificate is not None:
        return certificate, None
    version = CertificateVersion.objects.filter(sha256=digest).select_related("certificate").first()
    return (version.certificate, version) if version else (None, None)


def wants_expiry_reminders(user) -> bool:
    preference = CertificateEmailPreference.objects.filter(user=user).first()
    return preference is None or preference.expiry_reminders


def bulk_runs_for(user) -> QuerySet[BulkRun]:
    return BulkRun.objects.filter(requested_by=user).select_related("page", "unit")


def course_pages_with_completions():
    """Course pages anyone has completed (modules today; workshops join through completions_for_page)."""
    from wagtail.models import Page

    return Page.objects.filter(pk__in=Completion.objects.values("module_id")).order_by("title")
