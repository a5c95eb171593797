from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_moderation_after_migrate(sender, **kwargs):
    """Rebuild the lead-trainer workflow once Wagtail's tables and permissions exist, like people's roles."""
    if sender.label == "wagtailcore":
        from .services import moderation_sync

        moderation_sync()


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        post_migrate.connect(_sync_moderation_after_migrate, dispatch_uid="courses.moderation_sync")
