"""Front-end actions on konsinyasi workshops: registering, scanning attendance, and the trainer's pages."""

import datetime
import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import get_template, render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..models import WorkshopPage, WorkshopRegistration, WorkshopSession
from ..selectors import qr_svg, workshop_attendance_grid, workshop_can_run
from ..services import (
    AttendanceRefused,
    RegistrationRefused,
    attendance_correct,
    attendance_record_participant_token,
    attendance_record_session_token,
    registration_cancel,
    registration_create,
    session_token_make,
)
from ..services.workshops import SESSION_TOKEN_ROTATE


def _live_workshop(workshop_id: int) -> WorkshopPage:
    return get_object_or_404(WorkshopPage.objects.live().public(), pk=workshop_id)


def _session(session_id: int) -> WorkshopSession:
    return get_object_or_404(WorkshopSession.objects.select_related("page").filter(page__live=True), pk=session_id)


def _require_runner(request, workshop: WorkshopPage) -> None:
    if not workshop_can_run(user=request.user, workshop=workshop):
        raise PermissionDenied(_("Only the workshop's trainers and administrators can do this."))


def _posted_id(request, name: str) -> int | None:
    """A posted row id as an int; None (so a 404) for anything but plain ASCII digits ("²" and "١" included)."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else None


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _client_time(value: str | None) -> datetime.datetime | None:
    """A phone's scan time in milliseconds since the epoch (JavaScript's Date.now()); None when absent or bad."""
    try:
        return datetime.datetime.fromtimestamp(int(value) / 1000, tz=datetime.UTC) if value else None
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _scan_reply(request, *, ok: bool, code: str, message: str, redirect_to: str, status: int = 200):
    if _wants_json(request):
        return JsonResponse({"ok": ok, "code": code, "message": message}, status=status)
    (messages.success if ok else messages.error)(request, message)
    return redirect(redirect_to)


# --- participants ---------------------------------------------------------------------------------------------


@login_required
@require_POST
def workshop_register(request, workshop_id: int):
    workshop = _live_workshop(workshop_id)
    try:
        registration = registration_create(user=request.user, workshop=workshop)
    except RegistrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if registration.status == WorkshopRegistration.Status.CONFIRMED:
            messages.success(request, _("You are registered. Your seat is confirmed."))
        else:
            messages.warning(request, _("The workshop is full: you are on the waiting list."))
    return redirect(workshop.url)


@login_required
@require_POST
def workshop_cancel(request, workshop_id: int):
    workshop = _live_workshop(workshop_id)
    registration = get_object_or_404(WorkshopRegistration, workshop=workshop, user=request.user)
    try:
        registration_cancel(registration=registration)
    except RegistrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(workshop.url)


@never_cache
@require_GET
def attendance_scan(request, session_id: int):
    """Where the session QR code leads: the page sends the scan at once, or queues it on the phone when offline."""
    session = _session(session_id)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    return TemplateResponse(
        request,
        "courses/workshop_scan.html",
        {"session": session, "workshop": session.page, "token": request.GET.get("t", ""), "offline_shell": False},
    )


@require_GET
def attendance_offline_shell(request):
    """The scan page the service worker keeps, shown for any scan link while the venue has no connection."""
    return TemplateResponse(
        request,
        "courses/workshop_scan.html",
        {"session": None, "token": "", "offline_shell": True},  # no token offline  # nosec B105
    )


# What the service worker keeps: when any of these change, so does its cache name (and phones fetch them again).
_SW_STATIC = ("js/attendance-queue.js", "css/melayani.css", "css/workshop.css")
_SW_TEMPLATES = ("courses/workshop_scan.html", "courses/includes/attendance_queue.html", "courses/workshop_sw.js")


def _service_worker_version() -> str:
    digest = hashlib.sha256(settings.STATIC_URL.encode())
    for name in _SW_STATIC:
        found = finders.find(name)
        digest.update(Path(found).read_bytes() if found else name.encode())
    for name in _SW_TEMPLATES:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    return digest.hexdigest()[:12]


@require_GET
def attendance_service_worker(request):
    """Served under /lokakarya/ so its scope covers the scan links."""
    response = HttpResponse(
        render_to_string(
            "courses/workshop_sw.js",
            {"shell_url": reverse("courses:attendance_offline"), "version": _service_worker_version()},
        ),
        content_type="application/javascript",
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_POST
def attendance_submit(request, session_id: int):
    """A participant's scan of the session code, live or sent later from the phone's queue."""
    session = _session(session_id)
    back = session.page.url or "/"
    if not request.user.is_authenticated:
        return _scan_reply(
            request,
            ok=False,
            code="signed_out",
            message=_("Sign in to send your attendance."),
            redirect_to=reverse("people:login"),
            status=401,
        )
    try:
        result = attendance_record_session_token(
            user=request.user,
            session=session,
            token=request.POST.get("token", ""),
            scanned_at=_client_time(request.POST.get("scanned_at")) if request.POST.get("queued") else None,
        )
    except AttendanceRefused as refusal:
        return _scan_reply(request, ok=False, code=refusal.code, message=refusal.message, redirect_to=back, status=409)
    message = (
        _("Your attendance at %(session)s is recorded.")
        if result.created
        else _("Your attendance at %(session)s was already recorded.")
    ) % {"session": session.title}
    return _scan_reply(
        request, ok=True, code="recorded" if result.created else "duplicate", message=message, redirect_to=back
    )


# --- trainers --------------------------------------------------------------------------------------------------


@login_required
@never_cache
def session_qr(request, session_id: int):
    """The trainer's screen: a QR code that changes every minute, and how many are in."""
    session = _session(session_id)
    _require_runner(request, session.page)
    if request.GET.get("format") == "json":
        return JsonResponse(_qr_state(request, session))
    return TemplateResponse(
        request,
        "courses/workshop_session_qr.html",
        {
            "session": session,
            "workshop": session.page,
            "rotate_seconds": int(SESSION_TOKEN_ROTATE.total_seconds()),
            **_qr_state(request, session),
        },
    )


def _qr_state(request, session: WorkshopSession) -> dict:
    token = session_token_make(session=session)
    # The same absolute address certificates' QR codes use (BASE_URL), not whatever Host the projector's browser sent.
    url = settings.MELAYANI_BASE_URL + reverse("courses:attendance_scan", args=[session.pk]) + "?t=" + token
    return {"svg": qr_svg(url, scale=8), "url": url, "present": session.attendance.count()}


@login_required
@never_cache
def session_scan_participants(request, session_id: int):
    """The trainer scans (or pastes, or types from a hand scanner) participants' personal codes."""
    session = _session(session_id)
    _require_runner(request, session.page)
    if request.method == "POST":
        try:
            result = attendance_record_participant_token(
                trainer=request.user,
                session=session,
                code=request.POST.get("code", ""),
                scanned_at=_client_time(request.POST.get("scanned_at")) if request.POST.get("queued") else None,
            )
        except AttendanceRefused as refusal:
            return _scan_reply(
                request, ok=False, code=refusal.code, message=refusal.message, redirect_to=request.path, status=409
            )
        name = result.attendance.registration.user.display_name
        message = (
            _("%(name)s is recorded present.") if result.created else _("%(name)s was already recorded present.")
        ) % {"name": name}
        return _scan_reply(
            request,
            ok=True,
            code="recorded" if result.created else "duplicate",
            message=message,
            redirect_to=request.path,
        )
    return TemplateResponse(
        request,
        "courses/workshop_scan_participants.html",
        {"session": session, "workshop": session.page, "present": session.attendance.count()},
    )


@login_required
@never_cache
def workshop_attendance(request, workshop_id: int):
    """The trainer's attendance grid with manual corrections (each written to the page's audit log)."""
    workshop = get_object_or_404(WorkshopPage, pk=workshop_id)
    _require_runner(request, workshop)
    if request.method == "POST":
        registration = get_object_or_404(
            WorkshopRegistration, pk=_posted_id(request, "registration"), workshop=workshop
        )
        session = get_object_or_404(WorkshopSession, pk=_posted_id(request, "session"), page=workshop)
        try:
            changed = attendance_correct(
                trainer=request.user,
                registration=registration,
                session=session,
                present=request.POST.get("present") == "1",
                reason=request.POST.get("reason", ""),
            )
        except AttendanceRefused as refusal:
            messages.error(request, refusal.message)
        else:
            if changed:
                messages.success(request, _("Attendance corrected; the change is in the workshop's history."))
            else:
                messages.info(request, _("Nothing to change: the attendance was already so."))
        return redirect("courses:workshop_attendance", workshop_id=workshop.pk)
    sessions, rows = workshop_attendance_grid(workshop=workshop)
    return TemplateResponse(
        request,
        "courses/workshop_attendance_grid.html",
        {"workshop": workshop, "sessions": sessions, "rows": rows, "now": timezone.now()},
    )


@login_required
@never_cache
def workshop_attendance_pdf(request, workshop_id: int):
    """The printable attendance list: sessions × participants with a column for signatures."""
    from ..attendance_pdf import attendance_list_pdf

    workshop = get_object_or_404(WorkshopPage, pk=workshop_id)
    _require_runner(request, workshop)
    response = HttpResponse(attendance_list_pdf(workshop=workshop), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="daftar-hadir-{workshop.slug}.pdf"'
    return response
