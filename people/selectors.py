"""Reads about people and units."""

from django.db.models import Q, QuerySet

from .models import Unit, User


def units_in_scope(*, user: User) -> QuerySet[Unit]:
    """Units an HR user may see: each scoped unit and its whole subtree; everything for superusers."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    paths = list(user.unit_scopes.values_list("unit__path", flat=True))
    if not paths:
        return Unit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)


def user_by_login(*, login: str) -> User | None:
    """Find the account a sign-in name means: a NIP for ASN, a username for staff."""
    login = login.strip()
    user = User.objects.filter(nip=login).first() if login.isdigit() else None
    return user or User.objects.filter(username__iexact=login).first()


def sign_in_locks(*, failure_limit: int):
    """Sign-in records that reached the failure limit, newest first, for the admin's unlock list."""
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(failures_since_start__gte=failure_limit).order_by("-attempt_time")
