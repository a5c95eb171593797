from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("sertifikat/<int:certificate_id>/unduh/", views.certificate_download, name="download"),
    path("sertifikat/email/", views.email_preferences, name="email_preferences"),
    path("verifikasi/", views.certificate_lookup, name="lookup"),
    path("verifikasi/berkas/", views.certificate_verify_file, name="verify_file"),
    path("verifikasi/<str:token>/", views.certificate_verify, name="verify"),
]
