"""The seven ASN core values (Ber-AKHLAK); fixed by the KemenPANRB circular, so code not data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CoreValue(models.TextChoices):
    BERORIENTASI_PELAYANAN = "pelayanan", _("Service-oriented (Berorientasi Pelayanan)")
    AKUNTABEL = "akuntabel", _("Accountable (Akuntabel)")
    KOMPETEN = "kompeten", _("Competent (Kompeten)")
    HARMONIS = "harmonis", _("Harmonious (Harmonis)")
    LOYAL = "loyal", _("Loyal")
    ADAPTIF = "adaptif", _("Adaptive (Adaptif)")
    KOLABORATIF = "kolaboratif", _("Collaborative (Kolaboratif)")
