from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("pelajaran/<int:lesson_id>/selesai/", views.lesson_complete_view, name="lesson_complete"),
    path("modul/<int:module_id>/daftar/", views.module_enrol_view, name="module_enrol"),
    # Konsinyasi workshops; every scan link lies under /lokakarya/ so the service worker there can queue it.
    path("lokakarya/sw.js", views.attendance_service_worker, name="attendance_sw"),
    path("lokakarya/hadir/luring/", views.attendance_offline_shell, name="attendance_offline"),
    path("lokakarya/<int:workshop_id>/daftar/", views.workshop_register, name="workshop_register"),
    path("lokakarya/<int:workshop_id>/batal/", views.workshop_cancel, name="workshop_cancel"),
    path("lokakarya/<int:workshop_id>/kehadiran/", views.workshop_attendance, name="workshop_attendance"),
    path("lokakarya/<int:workshop_id>/daftar-hadir.pdf", views.workshop_attendance_pdf, name="workshop_attendance_pdf"),
    path("lokakarya/sesi/<int:session_id>/hadir/", views.attendance_scan, name="attendance_scan"),
    path("lokakarya/sesi/<int:session_id>/hadir/kirim/", views.attendance_submit, name="attendance_submit"),
    path("lokakarya/sesi/<int:session_id>/qr/", views.session_qr, name="session_qr"),
    path("lokakarya/sesi/<int:session_id>/pindai/", views.session_scan_participants, name="session_scan"),
]
