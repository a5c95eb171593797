"""Who uses Melayani: civil servants signing in with a NIP, and the unit tree they belong to."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from .validators import validate_nip


class Role(models.TextChoices):
    """Roles are Django groups with these names; the names are the contract."""

    LEARNER = "peserta", _("Learner (ASN)")
    TRAINER = "pengajar", _("Trainer")
    LEAD_TRAINER = "pengajar_utama", _("Lead trainer")
    HR = "kepegawaian", _("HR officer")
    ADMIN = "admin", _("Administrator")


class Unit(MP_Node):
    """A unit kerja; the materialised path makes "this unit and everything below" one index scan."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry / agency")
        ORGANISATION = "organisation", _("Unit organisasi")
        WORK_UNIT = "work_unit", _("Satuan kerja")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.WORK_UNIT)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")

    def __str__(self):
        return f"{self.name} ({self.code})"


class User(AbstractUser):
    """ASN sign in with their NIP (stored as the username too); staff may use a plain username."""

    class EmploymentType(models.TextChoices):
        PNS = "PNS", _("PNS (civil servant)")
        PPPK = "PPPK", _("PPPK (government employee with a work agreement)")

    nip = models.CharField(
        _("NIP"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_nip],
        help_text=_("18 digits, without spaces."),
    )
    full_name = models.CharField(
        _("full name with titles"),
        max_length=255,
        blank=True,
        help_text=_('As it should appear on certificates, e.g. "Dr. Ir. Siti Rahmawati, S.T., M.T."'),
    )
    position = models.CharField(_("position (jabatan)"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    rank = models.CharField(_("rank (pangkat)"), max_length=64, blank=True, help_text=_('e.g. "Penata Muda"'))
    grade = models.CharField(_("grade (golongan)"), max_length=16, blank=True, help_text=_('e.g. "III/a"'))
    employment_type = models.CharField(_("employment type"), max_length=8, choices=EmploymentType.choices, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(nip__isnull=True) | Q(nip__regex=r"^[0-9]{18}$"),
                name="people_user_nip_18_digits",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def has_role(self, role: Role) -> bool:
        return self.groups.filter(name=role).exists()


class ImportRun(models.Model):
    """One roster or unit-tree import: the subject of its audit-log entry and a record of what it changed."""

    class Kind(models.TextChoices):
        ROSTER = "roster", _("Roster")
        UNITS = "units", _("Unit tree")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    filename = models.CharField(_("file name"), max_length=255)
    dry_run = models.BooleanField(_("dry run"), default=False)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    deactivated = models.PositiveIntegerField(_("deactivated"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)
    applied = models.BooleanField(_("applied"), default=False)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-started_at"]
        permissions = [
            ("import_roster", _("Can import the roster of the units in scope")),
            ("import_units", _("Can import the unit tree")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filename} ({self.started_at:%Y-%m-%d %H:%M})"


class UnitScope(models.Model):
    """The units (and their subtrees) an HR officer may see; a row, so it can be audited and granted."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="unit_scopes")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("HR unit scope")
        verbose_name_plural = _("HR unit scopes")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="people_unitscope_unique")]

    def __str__(self):
        return f"{self.user} → {self.unit}"
