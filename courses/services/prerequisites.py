"""The guard every learning write passes: a module's prerequisites must be completed first."""

from django.utils.translation import gettext as _

from ..models import ModulePage
from ..selectors.prerequisites import missing_prerequisites


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
