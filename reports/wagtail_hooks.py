"""HR's reports live in the Wagtail admin beside the content they describe."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import hr


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("rekap/penyelesaian/", hr.completion_records, name="reports_completion_records"),
        path("rekap/penyelesaian.csv", hr.completion_records_csv, name="reports_completion_records_csv"),
    ]


class _RecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(hr.PERMISSION)


@hooks.register("register_reports_menu_item")
def register_records_menu_item():
    return _RecordsMenuItem(
        _("Completion records"), reverse("reports_completion_records"), icon_name="list-ul", order=10
    )
