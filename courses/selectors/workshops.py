"""Reads about konsinyasi workshops: the catalogue, seats, a participant's attendance, the trainer's grid."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from people.models import Role

from ..models import SessionAttendance, WorkshopPage, WorkshopRegistration, WorkshopSession
from .translations import canonical_page, with_untranslated


@dataclass(frozen=True)
class AttendanceSummary:
    attended: int
    total: int
    min_percent: int

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.total) if self.total else 0

    @property
    def rule_met(self) -> bool:
        """At least min_percent of the sessions, counted exactly (no rounding up)."""
        return self.total > 0 and 100 * self.attended >= self.min_percent * self.total

    @property
    def sessions_needed(self) -> int:
        return -(-self.min_percent * self.total // 100)


def catalogue_workshops(  # noqa: A002 -- format is the catalogue's filter name
    *, catalogue, format: str = "", source=None, private: Q | None = None
) -> QuerySet[WorkshopPage]:
    """Live, public workshops under the catalogue that have not ended; none when only online modules are asked.

    A translated catalogue (English) lists its own workshops, then the source's (Indonesian) not translated yet,
    as it does its modules (catalogue.catalogue_modules). source (canonical_page) and private (Wagtail's private_q())
    when the caller has read them already.
    """
    if format == "online":
        return WorkshopPage.objects.none()
    private = private if private is not None else WorkshopPage.objects.private_q()
    workshops = WorkshopPage.objects.child_of(catalogue).live().exclude(private)
    source = source if source is not None else canonical_page(catalogue)
    if source.pk != catalogue.pk:
        workshops = with_untranslated(workshops, WorkshopPage.objects.child_of(source).live().exclude(private))
    return workshops.filter(ends_on__gte=timezone.localdate()).select_related("organiser").order_by("starts_on", "pk")


def workshop_sessions(*, workshop: WorkshopPage) -> QuerySet[WorkshopSession]:
    return workshop.sessions.select_related("material").order_by("sort_order", "starts_at", "pk")


def workshop_can_run(*, user, workshop: WorkshopPage) -> bool:
    """Trainers named on the workshop and administrators run attendance and corrections; nobody else."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_role(Role.ADMIN):
        return True
    return workshop.facilitators.filter(pk=user.pk).exists()


def workshop_attendance_summary(*, user, workshop: WorkshopPage) -> AttendanceSummary:
    attended = SessionAttendance.objects.filter(
        registration__workshop=workshop, registration__user=user, session__page=workshop
    ).count()
    return AttendanceSummary(
        attended=attended, total=workshop.sessions.count(), min_percent=workshop.attendance_min_percent
    )


def workshop_seats(*, workshop: WorkshopPage) -> dict[str, int]:
    counts = workshop.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=WorkshopRegistration.Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=WorkshopRegistration.Status.WAITLISTED)),
    )
    return {**counts, "free": max(workshop.capacity - counts["confirmed"], 0)}


def waitlist_position(*, registration: WorkshopRegistration) -> int | None:
    if registration.status != WorkshopRegistration.Status.WAITLISTED:
        return None
    ahead = registration.workshop.registrations.filter(status=WorkshopRegistration.Status.WAITLISTED).filter(
        Q(registered_at__lt=registration.registered_at)
        | Q(registered_at=registration.registered_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def qr_svg(data: str, *, scale: int = 6) -> str:
    """An inline SVG QR code (segno), for the page itself; medium error correction survives a projector's glare."""
    import segno

    return segno.make(data, error="m").svg_inline(scale=scale, border=2, omitsize=True)


def workshop_page_context(*, workshop: WorkshopPage, user) -> dict:
    """Everything the workshop page shows, in a fixed number of queries."""
    from ..tokens import participant_token_make

    sessions = list(workshop_sessions(workshop=workshop))
    registration = None
    attended_ids: set[int] = set()
    personal_code = personal_qr = None
    if user.is_authenticated:
        registration = WorkshopRegistration.objects.filter(workshop=workshop, user=user).first()
        if registration is not None:
            attended_ids = set(registration.attendance.values_list("session_id", flat=True))
            if registration.status == WorkshopRegistration.Status.CONFIRMED:
                personal_code = participant_token_make(registration=registration)
                personal_qr = qr_svg(personal_code, scale=5)
    summary = AttendanceSummary(
        attended=len(attended_ids & {s.pk for s in sessions}),
        total=len(sessions),
        min_percent=workshop.attendance_min_percent,
    )
    return {
        "sessions": sessions,
        "materials": list(workshop.materials.select_related("document")),
        "jp_total": sum(session.jp for session in sessions),
        "seats": workshop_seats(workshop=workshop),
        "registration_open": workshop.registration_is_open(),
        "registration": registration,
        "waitlist_position": waitlist_position(registration=registration) if registration else None,
        "attended_ids": attended_ids,
        "attendance": summary,
        "personal_code": personal_code,
        "personal_qr": personal_qr,
        "can_run": workshop_can_run(user=user, workshop=workshop),
    }


@dataclass(frozen=True)
class AttendanceRow:
    registration: WorkshopRegistration
    present: list[SessionAttendance | None]
    summary: AttendanceSummary


def workshop_attendance_grid(*, workshop: WorkshopPage) -> tuple[list[WorkshopSession], list[AttendanceRow]]:
    """Sessions × confirmed participants (and anyone who has attendance), in three queries."""
    sessions = list(workshop_sessions(workshop=workshop))
    registrations = list(
        workshop.registrations.filter(Q(status=WorkshopRegistration.Status.CONFIRMED) | Q(attendance__isnull=False))
        .distinct()
        .select_related("user", "user__unit")
        .order_by("user__full_name", "user__username")
    )
    marks = {
        (row.registration_id, row.session_id): row
        for row in SessionAttendance.objects.filter(registration__workshop=workshop).select_related("recorded_by")
    }
    rows = []
    for registration in registrations:
        present = [marks.get((registration.pk, session.pk)) for session in sessions]
        rows.append(
            AttendanceRow(
                registration=registration,
                present=present,
                summary=AttendanceSummary(
                    attended=sum(1 for mark in present if mark),
                    total=len(sessions),
                    min_percent=workshop.attendance_min_percent,
                ),
            )
        )
    return sessions, rows
