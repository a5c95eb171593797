"""Writes about konsinyasi workshops: seats and the waiting list, attendance by QR code, trainers' corrections."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..models import SessionAttendance, WorkshopPage, WorkshopRegistration, WorkshopSession
from ..signals import attendance_recorded
from ..tokens import PARTICIPANT_SALT, SESSION_SALT, IssueTimeSigner

# The QR code on the screen changes every ROTATE seconds; a code is accepted for TTL seconds after it was shown,
# which leaves time to scan and, if need be, sign in. A scan queued on a phone while the venue is offline is
# accepted when it arrives within OFFLINE_MAX_DELAY of the code being shown.
SESSION_TOKEN_ROTATE = datetime.timedelta(seconds=60)
SESSION_TOKEN_TTL = datetime.timedelta(seconds=getattr(settings, "MELAYANI_ATTENDANCE_TOKEN_SECONDS", 180))
OFFLINE_MAX_DELAY = datetime.timedelta(hours=getattr(settings, "MELAYANI_ATTENDANCE_OFFLINE_HOURS", 12))
# How far a phone's clock may disagree with the server's.
CLOCK_SKEW = datetime.timedelta(seconds=120)
# The correction form says maxlength="500"; the service holds to it for any client (the history shows it).
CORRECTION_REASON_MAX = 500


class RegistrationRefused(Exception):
    """A registration or cancellation that cannot be done; the message is for the person."""


class AttendanceRefused(Exception):
    """A scan that records nothing; `code` says why (for tests and the phone's queue), the message is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class AttendanceResult:
    attendance: SessionAttendance
    created: bool


# --- registration -----------------------------------------------------------------------------------------------


def _workshop_lock(workshop: WorkshopPage) -> WorkshopPage:
    """Seat decisions for one workshop happen one at a time: the workshop's own row is the lock."""
    return WorkshopPage.objects.select_for_update(of=("self",)).get(pk=workshop.pk)


def _seats_fill(workshop: WorkshopPage, *, now: datetime.datetime) -> list[WorkshopRegistration]:
    """Promote from the waiting list, first come first served, while seats are free."""
    confirmed = workshop.registrations.filter(status=WorkshopRegistration.Status.CONFIRMED).count()
    free = max(workshop.capacity - confirmed, 0)
    promoted = list(
        workshop.registrations.filter(status=WorkshopRegistration.Status.WAITLISTED).order_by("registered_at", "pk")[
            :free
        ]
    )
    for registration in promoted:
        registration.status = WorkshopRegistration.Status.CONFIRMED
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at"])
    return promoted


@transaction.atomic
def registration_create(*, user, workshop: WorkshopPage, now: datetime.datetime | None = None) -> WorkshopRegistration:
    """A seat if one is free, else a place at the end of the waiting list; registering twice changes nothing."""
    now = now or timezone.now()
    workshop = _workshop_lock(workshop)
    registration = WorkshopRegistration.objects.filter(workshop=workshop, user=user).first()
    if registration is not None and registration.status != WorkshopRegistration.Status.CANCELLED:
        return registration
    if not workshop.registration_is_open(at=now):
        if now < workshop.registration_opens_at:
            raise RegistrationRefused(_("Registration for this workshop has not opened yet."))
        raise RegistrationRefused(_("Registration for this workshop has closed."))
    # Seats added since (a larger capacity) go to those already waiting before anyone new.
    _seats_fill(workshop, now=now)
    confirmed = workshop.registrations.filter(status=WorkshopRegistration.Status.CONFIRMED).count()
    status = (
        WorkshopRegistration.Status.CONFIRMED
        if confirmed < workshop.capacity
        else WorkshopRegistration.Status.WAITLISTED
    )
    if registration is None:
        registration = WorkshopRegistration.objects.create(
            workshop=workshop, user=user, status=status, registered_at=now, status_changed_at=now
        )
    else:
        # Coming back after cancelling: a new place in the queue, as if registering for the first time.
        registration.status, registration.registered_at, registration.status_changed_at = status, now, now
        registration.save(update_fields=["status", "registered_at", "status_changed_at"])
    return registration


@transaction.atomic
def registration_cancel(
    *, registration: WorkshopRegistration, now: datetime.datetime | None = None
) -> WorkshopRegistration | None:
    """Give the seat back; the first person on the waiting list gets it. Returns whoever was promoted."""
    now = now or timezone.now()
    workshop = _workshop_lock(registration.workshop)
    registration = WorkshopRegistration.objects.get(pk=registration.pk)
    if registration.status == WorkshopRegistration.Status.CANCELLED:
        return None
    if registration.attendance.exists():
        raise RegistrationRefused(_("You have already attended a session, so the registration cannot be cancelled."))
    registration.status, registration.status_changed_at = WorkshopRegistration.Status.CANCELLED, now
    registration.save(update_fields=["status", "status_changed_at"])
    promoted = _seats_fill(workshop, now=now)
    return promoted[0] if promoted else None


# --- attendance -------------------------------------------------------------------------------------------------


def _confirmed_registration(*, user, workshop_id: int) -> WorkshopRegistration:
    """The person's registration if it holds a seat; `user` is a user or a user id."""
    registration = (
        WorkshopRegistration.objects.select_related("user", "workshop")
        .filter(workshop_id=workshop_id, user=user)
        .first()
    )
    if registration is None:
        raise AttendanceRefused("not_registered", _("This person is not registered for this workshop."))
    if registration.status == WorkshopRegistration.Status.WAITLISTED:
        raise AttendanceRefused(
            "waitlisted", _("The workshop is full and this person is on the waiting list, not a confirmed participant.")
        )
    if registration.status == WorkshopRegistration.Status.CANCELLED:
        raise AttendanceRefused("cancelled", _("This person cancelled their registration for this workshop."))
    return registration


def _attendance_save(
    *,
    registration: WorkshopRegistration,
    session: WorkshopSession,
    method: str,
    scanned_at: datetime.datetime,
    now: datetime.datetime,
    queued_offline: bool = False,
    recorded_by=None,
) -> AttendanceResult:
    attendance, created = SessionAttendance.objects.get_or_create(
        registration=registration,
        session=session,
        defaults={
            "method": method,
            "scanned_at": scanned_at,
            "received_at": now,
            "queued_offline": queued_offline,
            "recorded_by": recorded_by,
        },
    )
    if created:
        attendance_recorded.send(sender=SessionAttendance, user=registration.user, workshop=registration.workshop)
    return AttendanceResult(attendance=attendance, created=created)


@transaction.atomic
def attendance_record_session_token(
    *,
    user,
    session: WorkshopSession,
    token: str,
    scanned_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> AttendanceResult:
    """A participant scanned the code on the trainer's screen; replaying it records nothing new.

    `scanned_at` is the phone's clock when the code was scanned, sent with a scan that waited in the phone's
    offline queue. Such a scan is accepted when the code was still valid at that moment and the scan arrives
    within OFFLINE_MAX_DELAY of the code being shown.
    """
    now = now or timezone.now()
    try:
        payload, issued = IssueTimeSigner(salt=SESSION_SALT).unsign_issued(token.strip())
    except (signing.BadSignature, ValueError) as error:
        raise AttendanceRefused("invalid", _("This is not a valid attendance code.")) from error
    if payload != f"s{session.pk}":
        raise AttendanceRefused("other_session", _("This code belongs to another session."))
    if issued > now + CLOCK_SKEW:
        raise AttendanceRefused("invalid", _("This is not a valid attendance code."))
    age = now - issued
    queued_offline = False
    if age <= SESSION_TOKEN_TTL:
        seen_at = now
    elif scanned_at is None:
        raise AttendanceRefused("expired", _("This code has expired. Scan the code on the screen again."))
    elif age > OFFLINE_MAX_DELAY:
        raise AttendanceRefused(
            "too_late",
            _("This scan arrived too late to be accepted. Ask the trainer to correct your attendance."),
        )
    elif not (issued - CLOCK_SKEW <= scanned_at <= issued + SESSION_TOKEN_TTL + CLOCK_SKEW):
        raise AttendanceRefused("expired", _("This code had already expired when it was scanned."))
    else:
        seen_at = min(max(scanned_at, issued), issued + SESSION_TOKEN_TTL)
        queued_offline = True
    registration = _confirmed_registration(user=user, workshop_id=session.page_id)
    return _attendance_save(
        registration=registration,
        session=session,
        method=SessionAttendance.Method.SESSION_QR,
        scanned_at=seen_at,
        now=now,
        queued_offline=queued_offline,
    )


@transaction.atomic
def attendance_record_participant_token(
    *,
    trainer,
    session: WorkshopSession,
    code: str,
    scanned_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> AttendanceResult:
    """The trainer scanned a participant's personal code; the trainer's permission is checked by the caller."""
    now = now or timezone.now()
    try:
        payload = signing.Signer(salt=PARTICIPANT_SALT).unsign(code.strip())
        workshop_part, user_part = payload[1:].split("u", 1)
        workshop_id, user_id = int(workshop_part), int(user_part)
    except (signing.BadSignature, ValueError) as error:
        raise AttendanceRefused("invalid", _("This is not a participant's code.")) from error
    if workshop_id != session.page_id:
        raise AttendanceRefused("other_workshop", _("This participant's code is for another workshop."))
    registration = _confirmed_registration(user=user_id, workshop_id=workshop_id)
    queued_offline = scanned_at is not None and now - scanned_at > SESSION_TOKEN_TTL
    return _attendance_save(
        registration=registration,
        session=session,
        method=SessionAttendance.Method.PERSONAL_QR,
        scanned_at=min(scanned_at, now) if scanned_at else now,
        now=now,
        queued_offline=queued_offline,
        recorded_by=trainer,
    )


@transaction.atomic
def attendance_correct(
    *, trainer, registration: WorkshopRegistration, session: WorkshopSession, present: bool, reason: str
) -> bool:
    """A trainer's manual correction, written to Wagtail's audit log of the workshop page. True if it changed."""
    reason = reason.strip()
    if not reason:
        raise AttendanceRefused("no_reason", _("Give a reason for the correction."))
    if len(reason) > CORRECTION_REASON_MAX or "\x00" in reason:
        raise AttendanceRefused(
            "bad_reason",
            _("Write the reason as plain text of at most %(max)d characters.") % {"max": CORRECTION_REASON_MAX},
        )
    if session.page_id != registration.workshop_id:
        raise AttendanceRefused("other_session", _("This session is not part of the participant's workshop."))
    existing = SessionAttendance.objects.filter(registration=registration, session=session).first()
    if present:
        if existing is not None:
            return False
        if registration.status != WorkshopRegistration.Status.CONFIRMED:
            raise AttendanceRefused("not_confirmed", _("Only confirmed participants can be marked present."))
        now = timezone.now()
        _attendance_save(
            registration=registration,
            session=session,
            method=SessionAttendance.Method.MANUAL,
            scanned_at=now,
            now=now,
            recorded_by=trainer,
        )
    else:
        if existing is None:
            return False
        existing.delete()
    log(
        instance=registration.workshop,
        action="courses.attendance_correct",
        user=trainer,
        data={
            "participant_id": registration.user_id,
            "participant": registration.user.display_name,
            "session_id": session.pk,
            "session": session.title,
            "present": present,
            "reason": reason,
        },
    )
    return True
