"""Who may edit which part of the page tree, and the moderation workflow trainers submit through.

Design: every unit that publishes modules has one `UnitSectionPage` below the catalogue. Its trainers'
group ("pengajar <UNIT CODE>") gets add and change permission on that section only, so Wagtail lets them
create, edit and submit pages there and nowhere else, but not publish. Lead trainers ("pengajar_utama")
hold add/change/publish on the whole tree and are the group of the one approval task of the
"Moderasi Melayani" workflow, which is assigned to the tree's root so it covers every page.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from people.models import Role, Unit, User

from ..models import CataloguePage, UnitSectionPage

WORKFLOW_NAME = "Moderasi Melayani"
TASK_NAME = "Persetujuan pengajar utama"
SECTION_GROUP_PREFIX = f"{Role.TRAINER.value} "
TRAINER_SECTION_PERMISSIONS = ("add_page", "change_page")
LEAD_TRAINER_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def _grant(*, group: Group, page: Page, codenames) -> None:
    from django.contrib.auth.models import Permission

    for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


@transaction.atomic
def moderation_sync() -> Workflow | None:
    """Make the lead-trainer approval workflow exist and cover the whole tree (idempotent).

    Returns None when there is no page tree yet (a flushed test database); the next migrate builds it.
    """
    root = Page.get_first_root_node()
    if root is None:
        return None
    lead, _created = Group.objects.get_or_create(name=Role.LEAD_TRAINER.value)
    _grant(group=lead, page=root, codenames=LEAD_TRAINER_PERMISSIONS)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([lead])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def section_group_name(unit: Unit) -> str:
    return f"{SECTION_GROUP_PREFIX}{unit.code}"


@transaction.atomic
def section_permissions_sync(*, section: UnitSectionPage) -> Group:
    """Give the section's unit trainers' group add/change here, and take it from any other unit's group."""
    group, _created = Group.objects.get_or_create(name=section_group_name(section.unit))
    GroupPagePermission.objects.filter(page=section, group__name__startswith=SECTION_GROUP_PREFIX).exclude(
        group=group
    ).delete()
    _grant(group=group, page=section, codenames=TRAINER_SECTION_PERMISSIONS)
    return group


@transaction.atomic
def unit_section_create(*, catalogue: CataloguePage, unit: Unit, title: str = "", intro: str = "") -> UnitSectionPage:
    """The unit's section of the catalogue, published, with its trainers' permissions (idempotent per unit)."""
    section = UnitSectionPage.objects.child_of(catalogue).filter(unit=unit).first()
    if section is None:
        section = catalogue.add_child(
            instance=UnitSectionPage(
                title=title or unit.name, slug=slugify(f"unit-{unit.code}")[:255], unit=unit, intro=intro
            )
        )
        section.save_revision().publish()
    section_permissions_sync(section=section)
    return section


@transaction.atomic
def trainer_section_grant(*, user: User, unit: Unit) -> Group:
    """Let a trainer edit (and submit for approval) the pages of one unit's section."""
    group, _created = Group.objects.get_or_create(name=section_group_name(unit))
    trainer_group, _created = Group.objects.get_or_create(name=Role.TRAINER.value)
    user.groups.add(group, trainer_group)
    return group
