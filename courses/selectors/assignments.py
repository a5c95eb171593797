"""Reads about assignments: who may assign where, and what a learner has been assigned."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from people.models import Role, Unit
from people.selectors import units_in_scope

from ..models import Assignment, ModulePage


def assignable_units(*, user) -> QuerySet[Unit]:
    """Units a person may assign modules to: everything for administrators and trainers, the scope for HR.

    Whether they may assign at all is the courses.add_assignment permission, checked by the service.

    HR officers (kepegawaian) are limited to their UnitScope subtrees; someone who is both trainer and HR
    is treated as HR, so the stricter rule wins.
    """
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    roles = set(user.groups.values_list("name", flat=True))
    if Role.ADMIN in roles or (Role.TRAINER in roles and Role.HR not in roles):
        return Unit.objects.all()
    return units_in_scope(user=user)


def assignments_visible_to(*, user) -> QuerySet[Assignment]:
    """Assignments an assigner may list: to a unit in their reach, or to a person whose unit is in it."""
    units = assignable_units(user=user)
    return (
        Assignment.objects.filter(Q(unit__in=units) | Q(user__unit__in=units))
        .select_related("module", "unit", "user", "assigned_by")
        .order_by("-created_at", "-pk")
    )


def unit_and_ancestor_paths(unit: Unit | None) -> list[str]:
    """Materialised paths of the unit and every unit above it (an assignment to any of them applies)."""
    if unit is None:
        return []
    step = Unit.steplen
    return [unit.path[:end] for end in range(step, len(unit.path) + 1, step)]


@dataclass(frozen=True)
class AssignedModule:
    module: ModulePage
    due_date: datetime.date

    @property
    def overdue(self) -> bool:
        return self.due_date < timezone.localdate()

    @property
    def days_left(self) -> int:
        return (self.due_date - timezone.localdate()).days


def assigned_modules(*, user) -> list[AssignedModule]:
    """Published modules assigned to the person, directly or through their unit or one above; one query.

    Unit assignments are resolved when read, so whoever is in the unit today has them. When a module is
    assigned several ways, the earliest due date counts. Ordered by due date, then title.
    """
    # The path is read fresh: a sibling added under a parent with node_order_by can shift it.
    unit = Unit.objects.filter(pk=user.unit_id).only("path").first() if user.unit_id else None
    paths = unit_and_ancestor_paths(unit)
    condition = Q(user=user)
    if paths:
        condition |= Q(unit__path__in=paths)
    earliest: dict[int, AssignedModule] = {}
    rows = Assignment.objects.filter(condition, module__live=True).select_related("module").order_by("due_date")
    for row in rows:
        earliest.setdefault(row.module_id, AssignedModule(module=row.module, due_date=row.due_date))
    return sorted(earliest.values(), key=lambda item: (item.due_date, item.module.title))
