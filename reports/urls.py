from django.urls import path

from .views import access, learner

app_name = "reports"

urlpatterns = [
    path("beranda/", learner.my_learning, name="my_learning"),
    path("beranda/akses/", access.my_record_access, name="my_record_access"),
]
