from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("pelajaran/<int:lesson_id>/selesai/", views.lesson_complete_view, name="lesson_complete"),
    path("modul/<int:module_id>/daftar/", views.module_enrol_view, name="module_enrol"),
]
