"""Certificates in the Wagtail admin: templates (snippets), issued certificates, lifecycle actions and bulk runs."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Certificate, CertificateTemplate
from .views import admin as admin_views


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "kind", "language", "is_default", "auto_issue"]
    list_filter = ["kind", "language"]


class IssuedOnlyPolicy(ModelPermissionPolicy):
    """Certificates are issued, revoked and reissued by the services, never typed in, edited or deleted in a form."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class CertificateViewSet(SnippetViewSet):
    model = Certificate
    icon = "tick-inverse"
    menu_label = _("Certificates")
    add_to_admin_menu = True
    menu_order = 311
    list_display = ["number", "holder_name", "module_title", "completed_on", "status", admin_views.ActionsColumn()]
    list_filter = ["status", "kind", "year"]
    search_fields = ["number", "holder_name", "module_title"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "number", "status", "holder_name", "holder_nip", "module_title", "jp", "completed_on", "issued_at",
        "version", "signed", "sha256", "valid_until", "revoked_at", "revoked_reason",
    ]  # fmt: skip


register_permission_policy(Certificate, IssuedOnlyPolicy(Certificate))
register_snippet(CertificateTemplateViewSet)
register_snippet(CertificateViewSet)


@hooks.register("register_permissions")
def register_certificate_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="certificates", codename__in=["manage_certificates", "download_certificates_in_bulk"]
    )


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("melayani.certificate.issue", _("Issue certificate"), _("Certificate issued"))
    actions.register_action("melayani.certificate.revoke", _("Revoke certificate"), _("Certificate revoked"))
    actions.register_action("melayani.certificate.reissue", _("Reissue certificate"), _("Certificate reissued"))
    actions.register_action("melayani.certificate.bulk", _("Bulk certificate run"), _("Bulk certificate run started"))


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        path("sertifikat/<int:pk>/cabut/", admin_views.certificate_revoke_view, name="certificates_revoke"),
        path("sertifikat/<int:pk>/terbit-ulang/", admin_views.certificate_reissue_view, name="certificates_reissue"),
        path(
            "sertifikat/terbitkan/<int:completion_id>/", admin_views.certificate_issue_view, name="certificates_issue"
        ),
        path("sertifikat/massal/", admin_views.bulk_run_new, name="certificates_bulk_new"),
        path("sertifikat/massal/<int:pk>/", admin_views.bulk_run_detail, name="certificates_bulk_detail"),
        path("sertifikat/massal/<int:pk>/status/", admin_views.bulk_run_status, name="certificates_bulk_status"),
        path("sertifikat/massal/<int:pk>/unduh/", admin_views.bulk_run_download, name="certificates_bulk_download"),
    ]


class _BulkMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_run_bulk(request.user)


@hooks.register("register_admin_menu_item")
def register_bulk_menu_item():
    return _BulkMenuItem(_("Bulk certificates"), reverse("certificates_bulk_new"), icon_name="download", order=312)
