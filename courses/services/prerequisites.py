"""The guard every learning write passes: a module's prerequisites must be completed first."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ModulePage
from ..selectors.prerequisites import missing_prerequisites, prerequisite_cycle


class PrerequisitesMissing(Exception):
    """The learner has not completed every published prerequisite of the module."""

    def __init__(self, *, module: ModulePage, missing: list[ModulePage]):
        self.module = module
        self.missing = missing
        super().__init__(
            _("Complete these modules first: %(titles)s.") % {"titles": ", ".join(page.title for page in missing)}
        )


def prerequisites_require(*, user, module: ModulePage) -> None:
    """Raise PrerequisitesMissing unless every published prerequisite of the module is completed."""
    missing = missing_prerequisites(user=user, module=module)
    if missing:
        raise PrerequisitesMissing(module=module, missing=missing)


class PrerequisiteCycle(ValueError):
    """The prerequisites asked for would make a module require itself, directly or through other modules."""

    def __init__(self, *, cycle: list[ModulePage]):
        self.cycle = cycle
        super().__init__(prerequisite_cycle_message(cycle))


def prerequisite_cycle_message(cycle: list[ModulePage]) -> str:
    """One sentence naming the cycle, for the editor and for the service's refusal alike."""
    return _(
        "A module cannot require itself, directly or through other modules. These prerequisites make a cycle: "
        "%(cycle)s."
    ) % {"cycle": " \u2192 ".join(page.title for page in cycle)}


@transaction.atomic
def module_prerequisites_set(*, module: ModulePage, prerequisites: list[ModulePage]) -> None:
    """Replace the module's prerequisites; refused (PrerequisiteCycle) when they would lead back to the module."""
    # Lock the prerequisite rows of every module so two editors cannot close a cycle between them at once.
    list(ModulePage.prerequisites.through.objects.select_for_update().values_list("pk", flat=True))
    cycle = prerequisite_cycle(module=module, prerequisites=prerequisites)
    if cycle:
        raise PrerequisiteCycle(cycle=cycle)
    module.prerequisites.set(prerequisites)
    module.prerequisites.commit()  # a ParentalManyToManyField keeps changes in memory until committed
