"""API integrations in the Wagtail admin (Settings → API integrations); administrators only (model permissions)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Integration


class IntegrationCreateView(CreateView):
    """Creating an integration makes its token and shows it once, in the success message."""

    def save_instance(self):
        self.token = self.form.instance.set_new_token()
        return super().save_instance()

    def get_success_message(self, instance):
        return _("Integration %(name)s created. Its token, shown only now: %(token)s") % {
            "name": instance.name,
            "token": self.token,
        }


class IntegrationViewSet(ModelViewSet):
    model = Integration
    icon = "key"
    menu_label = gettext_lazy("API integrations")
    add_to_settings_menu = True
    form_fields = ["name", "units", "is_active"]
    list_display = ["name", "token_prefix", "is_active", "last_used_at"]
    add_view_class = IntegrationCreateView
    inspect_view_enabled = False
