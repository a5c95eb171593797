from django.urls import path

from .views import learner

app_name = "reports"

urlpatterns = [
    path("beranda/", learner.my_learning, name="my_learning"),
]
