"""Sign-in, sign-out and password change, on Django's views (the session key rotates at sign-in)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "people/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "people/password_change.html"
    success_url = reverse_lazy("people:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "people/password_change_done.html"
