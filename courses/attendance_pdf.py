"""The printable attendance list of a workshop: HTML template → WeasyPrint, like certificates."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import WorkshopPage
from .selectors import workshop_attendance_grid


def attendance_list_pdf(*, workshop: WorkshopPage) -> bytes:
    """Rendered in Indonesian, the language of the venue's paperwork, whatever the trainer's interface language."""
    from weasyprint import HTML

    sessions, rows = workshop_attendance_grid(workshop=workshop)
    with translation.override("id"):
        html = render_to_string(
            "courses/workshop_attendance.html",
            {"workshop": workshop, "sessions": sessions, "rows": rows, "printed_at": timezone.localtime()},
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
