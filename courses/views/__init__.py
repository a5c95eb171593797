"""Front-end views of courses, one module per concept."""

from .learning import lesson_complete_view, module_enrol_view
from .prerequisites import prerequisites_refusal, prerequisites_response
from .workshops import (
    attendance_offline_shell,
    attendance_scan,
    attendance_service_worker,
    attendance_submit,
    session_qr,
    session_scan_participants,
    workshop_attendance,
    workshop_attendance_pdf,
    workshop_cancel,
    workshop_register,
)

__all__ = [
    "attendance_offline_shell",
    "attendance_scan",
    "attendance_service_worker",
    "attendance_submit",
    "lesson_complete_view",
    "module_enrol_view",
    "prerequisites_refusal",
    "prerequisites_response",
    "session_qr",
    "session_scan_participants",
    "workshop_attendance",
    "workshop_attendance_pdf",
    "workshop_cancel",
    "workshop_register",
]
