"""The Ber-AKHLAK core values and the IPP aspects as rows, so pages and questions can join on them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..values import CoreValue, IppAspect


class BerAkhlakValue(models.Model):
    """One row per core value so pages, questions and reports can join on it."""

    code = models.CharField(_("code"), max_length=16, choices=CoreValue.choices, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Ber-AKHLAK value")
        verbose_name_plural = _("Ber-AKHLAK values")

    def __str__(self):
        return self.get_code_display()


class IppAspectTag(models.Model):
    """One row per IPP aspect, so a module's aspects are a join the catalogue can filter on."""

    code = models.CharField(_("code"), max_length=32, choices=IppAspect.choices, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("IPP aspect")
        verbose_name_plural = _("IPP aspects")

    def __str__(self):
        return self.get_code_display()
