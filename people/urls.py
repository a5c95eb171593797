from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("masuk/", views.SignInView.as_view(), name="login"),
    path("keluar/", views.SignOutView.as_view(), name="logout"),
    path("kata-sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path("kata-sandi/selesai/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("kata-sandi/atur/", views.PasswordSetupView.as_view(), name="password_setup"),
    path("kata-sandi/atur/terkirim/", views.PasswordSetupSentView.as_view(), name="password_setup_sent"),
    path("kata-sandi/atur/<uidb64>/<token>/", views.PasswordSetupConfirmView.as_view(), name="password_setup_confirm"),
    path("kata-sandi/atur/selesai/", views.PasswordSetupCompleteView.as_view(), name="password_setup_complete"),
]
