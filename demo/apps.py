from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content for `make run` and benchmarks; sits above every domain app and nothing imports it."""

    name = "demo"
    verbose_name = _("Demo content")
