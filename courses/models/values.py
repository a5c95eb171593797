"""The Ber-AKHLAK core values as rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..values import CoreValue


class BerAkhlakValue(models.Model):
    """One row per core value so pages, questions and reports can join on it."""

    code = models.CharField(_("code"), max_length=16, choices=CoreValue.choices, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Ber-AKHLAK value")
        verbose_name_plural = _("Ber-AKHLAK values")

    def __str__(self):
        return self.get_code_display()
