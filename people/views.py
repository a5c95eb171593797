"""Sign-in, sign-out, password change and first password, on Django's views (the session key rotates at sign-in)."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy

from .forms import PasswordSetupForm, SignInForm
from .services import password_setup_throttle


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


class PasswordSetupView(auth_views.PasswordResetView):
    """First password for an imported ASN, or a forgotten one: a one-use link to the email HR registered."""

    template_name = "people/password_setup.html"
    form_class = PasswordSetupForm
    email_template_name = "people/password_setup_email.txt"
    subject_template_name = "people/password_setup_subject.txt"
    success_url = reverse_lazy("people:password_setup_sent")

    def form_valid(self, form):
        # The same page follows whether or not the NIP exists or was throttled: nobody learns who has an account.
        if not password_setup_throttle(nip=form.cleaned_data["nip"]):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordSetupSentView(auth_views.PasswordResetDoneView):
    template_name = "people/password_setup_sent.html"


class PasswordSetupConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_setup_confirm.html"
    success_url = reverse_lazy("people:password_setup_complete")


class PasswordSetupCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "people/password_setup_complete.html"
