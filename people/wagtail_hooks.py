"""Roster and unit-tree imports in the admin, and their audit-log actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, lockout_admin
from .user_cache import users_forget


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("impor/pegawai/", admin_views.roster_import_view, name="people_roster_import"),
        path("impor/unit/", admin_views.units_import_view, name="people_units_import"),
        path("impor/<int:run_id>/kesalahan.csv", admin_views.import_errors_csv, name="people_import_errors"),
        path("kunci-masuk/", lockout_admin.sign_in_locks_view, name="people_sign_in_locks"),
    ]


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    actions.register_action("melayani.roster_import", _("Import roster"), _("Roster imported"))
    actions.register_action("melayani.units_import", _("Import unit tree"), _("Unit tree imported"))
    actions.register_action("melayani.sign_in_unlock", _("Unlock sign-in"), _("Sign-in unlocked"))


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_settings_menu_item")
def register_roster_menu_item():
    return _PermissionMenuItem(
        _("Import roster"),
        reverse("people_roster_import"),
        icon_name="upload",
        order=610,
        permission="people.import_roster",
    )


@hooks.register("register_settings_menu_item")
def register_units_menu_item():
    return _PermissionMenuItem(
        _("Import unit tree"),
        reverse("people_units_import"),
        icon_name="upload",
        order=611,
        permission="people.import_units",
    )


@hooks.register("register_settings_menu_item")
def register_sign_in_locks_menu_item():
    return _PermissionMenuItem(
        _("Sign-in locks"),
        reverse("people_sign_in_locks"),
        icon_name="lock",
        order=612,
        permission=lockout_admin.UNLOCK_PERMISSION,
    )


@hooks.register("after_bulk_action")
def forget_users_after_bulk_action(request, action_type, objects, action_class_instance):
    """Wagtail's "set active state" writes with QuerySet.update(), which sends no signal: renew the users' stamps
    so a deactivated person is signed out at once (people.user_cache). Runs inside the action's transaction."""
    from django.contrib.auth import get_user_model

    if objects and isinstance(objects[0], get_user_model()):
        users_forget(user_ids=[user.pk for user in objects])
