"""Reads of certificates."""

from django.db.models import QuerySet

from .models import Certificate


def certificates_of(*, user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(completion__user=user).order_by("-completed_on")


def certificate_by_number(*, number: str) -> Certificate | None:
    return Certificate.objects.filter(number__iexact=number.strip()).first()


def completions_without_certificate_pdf():
    """Completions whose certificate is missing or has no stored PDF: a worker died, or a render failed."""
    from django.db.models import Q

    from records.models import Completion

    return Completion.objects.filter(Q(certificate__isnull=True) | Q(certificate__pdf="")).order_by("pk")
