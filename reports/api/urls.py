from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from . import views

urlpatterns = [
    path("people/", views.PeopleView.as_view(), name="api_people"),
    path("completions/", views.CompletionsView.as_view(), name="api_completions"),
    path("ledger/", views.LedgerView.as_view(), name="api_ledger"),
    path("certificates/", views.CertificatesView.as_view(), name="api_certificates"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api_schema"), name="api_docs"),
]
