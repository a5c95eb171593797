"""Per-person email choices, kept on the certificates side so the people app needs no migration."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateEmailPreference(models.Model):
    """No row means the defaults: reminders on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    expiry_reminders = models.BooleanField(_("email me before a certificate expires"), default=True)

    class Meta:
        verbose_name = _("certificate email preference")
        verbose_name_plural = _("certificate email preferences")

    def __str__(self):
        return str(self.user)
