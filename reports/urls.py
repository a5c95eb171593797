from django.urls import path

from .views import access, external, learner

app_name = "reports"

urlpatterns = [
    path("beranda/", learner.my_learning, name="my_learning"),
    path("beranda/akses/", access.my_record_access, name="my_record_access"),
    path("beranda/pelatihan-luar/", external.my_external_training, name="my_external_training"),
    path("beranda/pelatihan-luar/<int:training_id>/pindaian/", external.my_external_scan, name="my_external_scan"),
]
