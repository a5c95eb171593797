"""What an HR officer may see: completions of the units in their scope, never more."""

from django.db.models import QuerySet

from people.models import Unit
from people.selectors import units_in_scope
from records.models import Completion
from records.selectors import completions_in_units


class UnknownUnit(Exception):
    """The unit code names no unit (or none the user may see)."""


def scoped_completions(*, user, year: int | None = None, unit_code: str | None = None) -> QuerySet[Completion]:
    if user.is_active and user.is_superuser and not unit_code:
        # Administrators also see completions recorded before the person had a unit.
        return completions_for_export(year=year)
    units = units_in_scope(user=user)
    if unit_code:
        root = units.filter(code=unit_code).first()
        units = units.filter(path__startswith=root.path) if root else units.none()
    return completions_in_units(units=units, year=year).select_related("certificate")


def completions_for_export(*, year: int | None = None, unit_code: str | None = None) -> QuerySet[Completion]:
    """Operator export: all completions, or one unit's subtree."""
    if not unit_code:
        queryset = Completion.objects.all()
        if year is not None:
            queryset = queryset.filter(completed_at__year=year)
        return queryset.select_related("user", "module", "workshop", "unit", "certificate").order_by(
            "-completed_at", "pk"
        )
    root = Unit.objects.filter(code=unit_code).first()
    if root is None:
        raise UnknownUnit(unit_code)
    units = Unit.objects.filter(path__startswith=root.path)
    return completions_in_units(units=units, year=year).select_related("certificate")
