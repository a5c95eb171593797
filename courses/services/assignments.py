"""Assigning modules to a unit or to a list of NIPs, within the assigner's reach."""

import datetime
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Unit
from people.validators import normalize_nip, validate_nip

from ..models import Assignment, ModulePage
from ..selectors.assignments import assignable_units

PERMISSION = "courses.add_assignment"


@dataclass(frozen=True)
class NipProblem:
    """A pasted NIP that cannot be assigned, and why, in words the assigner can act on."""

    nip: str
    reason: str


@dataclass
class AssignmentResult:
    created: int = 0
    updated: int = 0
    skipped: list[NipProblem] = field(default_factory=list)


class AssignmentRejected(Exception):
    """Some pasted NIPs cannot be assigned; nothing was saved."""

    def __init__(self, problems: list[NipProblem], valid_count: int):
        self.problems = problems
        self.valid_count = valid_count
        super().__init__(_("%(count)d NIP(s) cannot be assigned.") % {"count": len(problems)})


def split_nips(text: str) -> list[str]:
    """One NIP per line, or separated by commas or semicolons; spaces and dots inside a NIP are ignored.

    Whitespace does not separate NIPs because NIPs are printed in groups ("19850312 201001 2 002").
    Duplicates are dropped, keeping the first.
    """
    seen: dict[str, None] = {}
    for token in re.split(r"[\n\r,;]+", text or ""):
        nip = normalize_nip(token)
        if nip:
            seen.setdefault(nip, None)
    return list(seen)


def _check_nips(*, assigned_by, nips: list[str]) -> tuple[list, list[NipProblem]]:
    """The people the NIPs name within reach, and a problem for every other NIP, in the order pasted."""
    well_formed, problems = [], {}
    for nip in nips:
        try:
            validate_nip(nip)
        except ValidationError as error:
            problems[nip] = NipProblem(nip, " ".join(error.messages))
        else:
            well_formed.append(nip)
    people = {person.nip: person for person in get_user_model().objects.filter(nip__in=well_formed)}
    reachable = set(
        get_user_model()
        .objects.filter(nip__in=well_formed, unit__in=assignable_units(user=assigned_by))
        .values_list("nip", flat=True)
    )
    valid = []
    for nip in well_formed:
        person = people.get(nip)
        if person is None:
            problems[nip] = NipProblem(nip, _("No account has this NIP."))
        elif not person.is_active:
            problems[nip] = NipProblem(nip, _("This account is deactivated."))
        elif nip not in reachable:
            problems[nip] = NipProblem(nip, _("This person works outside the units you may assign to."))
        else:
            valid.append(person)
    return valid, [problems[nip] for nip in nips if nip in problems]


@transaction.atomic
def assignment_create(
    *,
    assigned_by,
    module: ModulePage,
    due_date: datetime.date,
    unit: Unit | None = None,
    nips: list[str] | None = None,
    partial: bool = False,
) -> AssignmentResult:
    """Assign a module to a unit (and its sub-units) or to the people a list of NIPs names, by a due date.

    Assigning again updates the due date (and who assigned it) instead of adding a row. A list with a NIP
    that is malformed, unknown, deactivated or outside the assigner's units raises AssignmentRejected and
    saves nothing, unless `partial` is set: then the valid NIPs are assigned and the others reported back.
    """
    if not assigned_by.has_perm(PERMISSION):
        raise PermissionDenied
    if (unit is None) == (not nips):
        raise ValidationError(_("Choose either a unit or a list of NIPs."), code="assignment_target")
    if due_date < timezone.localdate():
        raise ValidationError(_("The due date cannot be in the past."), code="assignment_due_past")
    if not module.live:
        raise ValidationError(_("Only a published module can be assigned."), code="assignment_module_draft")

    if unit is not None:
        if not assignable_units(user=assigned_by).filter(pk=unit.pk).exists():
            raise PermissionDenied(_("This unit is outside the units you may assign to."))
        _row, created = Assignment.objects.update_or_create(
            module=module, unit=unit, defaults={"due_date": due_date, "assigned_by": assigned_by}
        )
        return AssignmentResult(created=int(created), updated=int(not created))

    people, problems = _check_nips(assigned_by=assigned_by, nips=list(nips))
    if problems and not partial:
        raise AssignmentRejected(problems, valid_count=len(people))
    existing = set(Assignment.objects.filter(module=module, user__in=people).values_list("user_id", flat=True))
    Assignment.objects.filter(module=module, user_id__in=existing).update(
        due_date=due_date, assigned_by=assigned_by, updated_at=timezone.now()
    )
    Assignment.objects.bulk_create(
        [
            Assignment(module=module, user=person, due_date=due_date, assigned_by=assigned_by)
            for person in people
            if person.pk not in existing
        ]
    )
    return AssignmentResult(created=len(people) - len(existing), updated=len(existing), skipped=problems)
