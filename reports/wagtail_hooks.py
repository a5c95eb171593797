"""HR's reports live in the Wagtail admin beside the content they describe."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import dashboard, external, hr, ledger


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("rekap/penyelesaian/", hr.completion_records, name="reports_completion_records"),
        path("rekap/penyelesaian.csv", hr.completion_records_csv, name="reports_completion_records_csv"),
        path("rekap/penyelesaian.xlsx", hr.completion_records_xlsx, name="reports_completion_records_xlsx"),
        path("rekap/penyelesaian.ods", hr.completion_records_ods, name="reports_completion_records_ods"),
        path("rekap/ekspor/", hr.export_jobs, name="reports_export_jobs"),
        path("rekap/ekspor/<int:job_id>/", hr.export_job, name="reports_export_job"),
        path("rekap/ekspor/<int:job_id>/unduh/", hr.export_download, name="reports_export_download"),
        path("rekap/dasbor/", dashboard.hr_dashboard, name="reports_hr_dashboard"),
        path("rekap/jp/", dashboard.jp_shortfall, name="reports_jp_shortfall"),
        path("rekap/capaian/", dashboard.learning_gain, name="reports_learning_gain"),
        path("rekap/jp/<str:nip>/", ledger.jp_ledger_view, name="reports_jp_ledger"),
        path(
            "rekap/jp/<str:nip>/eksternal/<int:training_id>/",
            ledger.external_certificate,
            name="reports_external_certificate",
        ),
        path(
            "rekap/jp/<str:nip>/eksternal/<int:training_id>/tarik/",
            ledger.external_withdraw,
            name="reports_external_withdraw",
        ),
        path("rekap/pelatihan-luar/", external.external_review, name="reports_external_review"),
        path(
            "rekap/jp/<str:nip>/eksternal/<int:training_id>/putuskan/",
            external.external_decide,
            name="reports_external_decide",
        ),
    ]


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action("melayani.export", _("Export records"), _("Records exported"))
    actions.register_action("melayani.export_download", _("Download export"), _("Export downloaded"))
    actions.register_action("melayani.ledger_view", _("View JP ledger"), _("JP ledger viewed"))
    actions.register_action(
        "melayani.external_certificate_download",
        _("Download external certificate"),
        _("External training certificate downloaded"),
    )
    actions.register_action(
        "melayani.external_withdraw", _("Withdraw external training"), _("External training withdrawn from the ledger")
    )
    actions.register_action(
        "melayani.external_submit", _("Submit external training"), _("External training submitted for review")
    )
    actions.register_action(
        "melayani.external_approve", _("Approve external training"), _("External training approved")
    )
    actions.register_action("melayani.api_read", _("API read"), _("Read through the API"))


class _RecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(hr.PERMISSION)


@hooks.register("register_reports_menu_item")
def register_records_menu_item():
    return _RecordsMenuItem(
        _("Completion records"), reverse("reports_completion_records"), icon_name="list-ul", order=10
    )


@hooks.register("register_reports_menu_item")
def register_external_review_menu_item():
    return _RecordsMenuItem(
        _("External training to review"), reverse("reports_external_review"), icon_name="tasks", order=13
    )


@hooks.register("register_reports_menu_item")
def register_dashboard_menu_item():
    return _RecordsMenuItem(_("HR dashboard"), reverse("reports_hr_dashboard"), icon_name="table", order=5)


@hooks.register("register_reports_menu_item")
def register_shortfall_menu_item():
    return _RecordsMenuItem(_("Short of the JP target"), reverse("reports_jp_shortfall"), icon_name="warning", order=11)


@hooks.register("register_reports_menu_item")
def register_learning_gain_menu_item():
    return _RecordsMenuItem(
        _("Learning gain and values"), reverse("reports_learning_gain"), icon_name="doc-full", order=13
    )


@hooks.register("register_reports_menu_item")
def register_exports_menu_item():
    return _RecordsMenuItem(_("My exports"), reverse("reports_export_jobs"), icon_name="download", order=12)


@hooks.register("register_admin_viewset")
def register_integration_viewset():
    from .viewsets import IntegrationViewSet

    return IntegrationViewSet("api_integrations")
