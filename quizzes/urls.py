from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("kuis/<int:quiz_id>/mulai/", views.quiz_start, name="start"),
    path("kuis/percobaan/<int:attempt_id>/", views.attempt_take, name="attempt"),
    path("kuis/percobaan/<int:attempt_id>/hasil/", views.attempt_result, name="result"),
]
