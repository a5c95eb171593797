"""Hooks for learning: lessons refuse learners who lack a module's prerequisites; the Learning admin menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from ..models import LessonPage
from ..views import assignments
from ..views.prerequisites import prerequisites_refusal


@hooks.register("before_serve_page")
def refuse_lesson_without_prerequisites(page, request, serve_args, serve_kwargs):
    """A lesson of a module whose prerequisites are not completed shows what is missing instead.

    Runs for the live site only (previews do not call this hook); anonymous visitors fall through to the
    lesson's own sign-in redirect.
    """
    if isinstance(page, LessonPage):
        return prerequisites_refusal(request, module=page.module)
    return None


@hooks.register("register_admin_urls")
def register_learning_urls():
    return [
        path("pembelajaran/penugasan/", assignments.assignment_index, name="courses_assignments"),
        path("pembelajaran/penugasan/baru/", assignments.assignment_create_view, name="courses_assignment_create"),
    ]


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


learning_menu = Menu(register_hook_name="register_learning_menu_item", construct_hook_name=None)


@hooks.register("register_admin_menu_item")
def register_learning_menu():
    return SubmenuMenuItem(_("Learning"), learning_menu, name="learning", icon_name="calendar-check", order=250)


@hooks.register("register_learning_menu_item")
def register_assign_menu_item():
    return _PermissionMenuItem(
        _("Assign a module"),
        reverse("courses_assignment_create"),
        name="assign-module",
        icon_name="plus",
        order=10,
        permission=assignments.ADD_PERMISSION,
    )


@hooks.register("register_learning_menu_item")
def register_assignments_menu_item():
    return _PermissionMenuItem(
        _("Assignments"),
        reverse("courses_assignments"),
        name="assignments",
        icon_name="list-ul",
        order=20,
        permission=assignments.VIEW_PERMISSION,
    )
