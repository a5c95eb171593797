"""Reads of certificates."""

from django.db.models import QuerySet

from .models import Certificate


def certificates_of(*, user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(completion__user=user).order_by("-completed_on")


def certificate_by_number(*, number: str) -> Certificate | None:
    return Certificate.objects.filter(number__iexact=number.strip()).first()
