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


class IppAspect(models.TextChoices):
    """Aspects of the public-service index (Indeks Pelayanan Publik) that content is tagged with."""

    INOVASI = "inovasi", _("Innovation (Inovasi)")
    KONSULTASI_PENGADUAN = "konsultasi", _("Consultation and complaints (Konsultasi dan Pengaduan)")
    SARANA_PRASARANA = "sarana", _("Facilities, incl. for people with disabilities (Sarana dan Prasarana)")
    SISTEM_INFORMASI = "sistem_informasi", _("Public-service information system (Sistem Informasi Pelayanan Publik)")
    PROFESIONALISME_SDM = "profesionalisme", _("Staff professionalism (Profesionalisme SDM)")


class ServiceBehaviour(models.TextChoices):
    """The service behaviours the training teaches; a learner ticks them in the self-check block."""

    RESPOND_FAST = "cepat", _("Respond fast")
    FRIENDLY = "ramah", _("Be friendly")
    SMILE = "senyum", _("Smile")
    PATIENT = "sabar", _("Be patient")
    DISCIPLINED = "disiplin", _("Be disciplined")
    SINCERE = "tulus", _("Be sincere")
    FURTHER_HELP = "bantuan", _("Offer further help")
    LISTEN = "mendengar", _("Listen")
    SORRY_THANKS = "maaf_terima_kasih", _("Say sorry and thank you")
