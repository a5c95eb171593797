from django.urls import path

from .views import taking

app_name = "quizzes"

urlpatterns = [
    path("kuis/kemajuan/", taking.my_progress, name="progress"),
    path("kuis/<int:quiz_id>/mulai/", taking.quiz_start, name="start"),
    path("kuis/<int:quiz_id>/pratinjau/", taking.quiz_preview, name="preview"),
    path("kuis/percobaan/<int:attempt_id>/", taking.attempt_take, name="attempt"),
    path("kuis/percobaan/<int:attempt_id>/hasil/", taking.attempt_result, name="result"),
    path("kuis/<slug:slug>/", taking.quiz_detail, name="detail"),
]
