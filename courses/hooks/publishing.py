"""Hooks for publishing: a unit section's trainer permissions follow the section page."""

from wagtail import hooks


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def _section_permissions(request, page):
    from ..models import UnitSectionPage
    from ..services import section_permissions_sync

    if isinstance(page.specific, UnitSectionPage):
        section_permissions_sync(section=page.specific)
