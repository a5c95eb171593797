"""The task queue page in the Wagtail admin, for people allowed to see task results."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_operations_admin_urls():
    return [
        path("antrean-tugas/", views.task_queue, name="operations_task_queue"),
        path("antrean-tugas/<str:backend>/<str:task_id>/ulangi/", views.task_retry, name="operations_task_retry"),
        path("antrean-tugas/macet/<uuid:task_id>/antrekan/", views.task_requeue_stale, name="operations_task_requeue"),
    ]


class _QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_see_queue(request.user)


@hooks.register("register_settings_menu_item")
def register_queue_menu_item():
    return _QueueMenuItem(_("Task queue"), reverse("operations_task_queue"), icon_name="cogs", order=900)


@hooks.register("register_permissions")
def register_task_queue_permissions():
    """Shown in the admin's group editor, so an administrator can let a group see and retry tasks."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="django_tasks_database", codename__in=["view_dbtaskresult", "change_dbtaskresult"]
    )
