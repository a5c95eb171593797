from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


def _sync_roles_after_migrate(sender, **kwargs):
    """Rebuild role groups once Wagtail's permissions exist (wagtailcore migrates after wagtailadmin)."""
    if sender.label == "wagtailcore":
        from .services import roles_sync

        roles_sync()


class PeopleConfig(AppConfig):
    default = True
    name = "people"
    verbose_name = _("People")

    def ready(self):
        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="people.roles_sync")
        from . import sanitize, user_cache

        sanitize.connect()
        user_cache.connect()


class MelayaniUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, pointed at our user viewset (the documented way to customise its forms)."""

    user_viewset = "people.viewsets.UserViewSet"
