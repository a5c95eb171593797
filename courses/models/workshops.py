"""Konsinyasi workshops: the page with its agenda, registrations with a waiting list, attendance per session."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from people.models import Role


class WorkshopPageForm(WagtailAdminPageForm):
    """Refuses dates that contradict each other, and removing a session that already has attendance."""

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        opens, closes = cleaned.get("registration_opens_at"), cleaned.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        sessions = self.formsets.get("sessions")
        if sessions is not None and sessions.is_valid():
            for form in sessions.deleted_forms:
                if form.instance.pk and form.instance.attendance.exists():
                    raise ValidationError(
                        _('The session "%(title)s" already has attendance recorded and cannot be removed.')
                        % {"title": form.instance.title}
                    )
        return cleaned


class WorkshopPage(Page):
    """An in-person konsinyasi: where and when, who may register, the agenda, and the attendance rule."""

    summary = models.TextField(_("summary"), max_length=1000)
    description = RichTextField(_("description"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venue_name = models.CharField(_("venue"), max_length=255)
    venue_address = models.TextField(_("venue address"), max_length=500)
    map_url = models.URLField(_("map link"), blank=True, help_text=_("A link to the venue on a map."))
    organiser = models.ForeignKey(
        "people.Unit",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("Seats; later registrations join a waiting list.")
    )
    attendance_min_percent = models.PositiveSmallIntegerField(
        _("attendance needed (%)"),
        default=80,
        help_text=_("Share of sessions a participant must attend to complete the workshop and earn its JP."),
    )
    facilitators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers running attendance"),
        blank=True,
        related_name="facilitated_workshops",
        limit_choices_to={"groups__name": Role.TRAINER.value},
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]), FieldPanel("organiser")],
            heading=_("When and who"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("map_url")], heading=_("Venue")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
                FieldPanel("capacity"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("attendance_min_percent"), FieldPanel("facilitators", widget=forms.CheckboxSelectMultiple)],
            heading=_("Attendance"),
        ),
        InlinePanel("sessions", label=_("Agenda"), heading=_("Agenda of sessions"), min_num=1),
        InlinePanel("materials", label=_("Material to download"), heading=_("Materials")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("venue_name")]
    parent_page_types = ["courses.CataloguePage"]
    subpage_types = []
    base_form_class = WorkshopPageForm
    template = "courses/workshop_page.html"

    class Meta:
        verbose_name = _("konsinyasi workshop")
        verbose_name_plural = _("konsinyasi workshops")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="courses_workshop_dates_ordered"),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=F("registration_opens_at")),
                name="courses_workshop_registration_window",
            ),
            models.CheckConstraint(
                condition=Q(attendance_min_percent__gte=1, attendance_min_percent__lte=100),
                name="courses_workshop_attendance_percent",
            ),
        ]

    @property
    def jp(self) -> int:
        """JP of the whole agenda: what a participant who meets the attendance rule is credited."""
        return self.sessions.aggregate(total=Sum("jp"))["total"] or 0

    def registration_is_open(self, *, at: datetime.datetime | None = None) -> bool:
        at = at or timezone.now()
        return self.registration_opens_at <= at < self.registration_closes_at

    def get_context(self, request, *args, **kwargs):
        from ..selectors import workshop_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(workshop_page_context(workshop=self, user=request.user))
        return context


class WorkshopSession(Orderable):
    """One row of the agenda; attendance is taken per session and JP is credited per session."""

    page = ParentalKey(WorkshopPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=255)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    speakers = models.CharField(
        _("speakers"), max_length=500, blank=True, help_text=_("Names with titles, separated by commas.")
    )
    material = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("speaker's material"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    jp = models.PositiveSmallIntegerField(_("JP"), default=1)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("speakers"),
        FieldPanel("material"),
        FieldPanel("jp"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="courses_session_ends_after_start"),
            models.CheckConstraint(condition=Q(jp__lte=24), name="courses_session_jp_sane"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})


class WorkshopMaterial(Orderable):
    """A document handed out to every participant (agenda, handbook, slides)."""

    page = ParentalKey(WorkshopPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=255, blank=True, help_text=_("Defaults to the document's title."))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title or self.document.title


class WorkshopRegistration(models.Model):
    """A person's seat (or place on the waiting list); one row per person and workshop, kept when cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    workshop = models.ForeignKey(WorkshopPage, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_registrations")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    # Waiting-list order: when the person (last) asked for a seat.
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("workshop registration")
        verbose_name_plural = _("workshop registrations")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="courses_registration_once_per_workshop"),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waitlisted", "cancelled"]), name="courses_registration_status"
            ),
        ]
        indexes = [models.Index(fields=["workshop", "status", "registered_at"])]

    def __str__(self):
        return f"{self.user} – {self.workshop} ({self.get_status_display()})"


class SessionAttendance(models.Model):
    """A participant was present at a session; one row per registration and session, never duplicated."""

    class Method(models.TextChoices):
        SESSION_QR = "session_qr", _("Participant scanned the session QR code")
        PERSONAL_QR = "personal_qr", _("Trainer scanned the participant's QR code")
        MANUAL = "manual", _("Added by a trainer")

    registration = models.ForeignKey(WorkshopRegistration, on_delete=models.PROTECT, related_name="attendance")
    session = models.ForeignKey(WorkshopSession, on_delete=models.PROTECT, related_name="attendance")
    method = models.CharField(_("recorded by"), max_length=16, choices=Method.choices)
    # When the person was seen (the scan), and when the server heard of it: they differ for queued offline scans.
    scanned_at = models.DateTimeField(_("scanned at"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    queued_offline = models.BooleanField(_("sent later from an offline queue"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendance")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="courses_attendance_once_per_session"),
            models.CheckConstraint(
                condition=Q(method__in=["session_qr", "personal_qr", "manual"]), name="courses_attendance_method"
            ),
        ]

    def __str__(self):
        return f"{self.registration.user} – {self.session}"
