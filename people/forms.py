"""Sign-in and first password by NIP, telling a civil servant exactly what is wrong with the NIP they typed."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .validators import normalize_nip, validate_nip


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("NIP or username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "inputmode": "text"}),
        help_text=_("ASN: your 18-digit NIP. Staff: your username."),
    )

    def clean_username(self):
        login = self.cleaned_data["username"].strip()
        compact = normalize_nip(login)
        # Mostly digits means a NIP attempt (check it before the password); "2bagus" stays a username.
        if compact.isdigit() or sum(ch.isdigit() for ch in compact) >= 8:
            validate_nip(compact)
            return compact
        return login


class PasswordSetupForm(PasswordResetForm):
    """By NIP, not email: imported ASN have no password yet, and HR's roster, not the person, holds the email."""

    nip = forms.CharField(
        label=_("NIP"),
        max_length=32,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "inputmode": "numeric"}),
        help_text=_("Your 18-digit NIP. The link goes to the email address your HR office registered."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["email"]

    def clean_nip(self):
        nip = normalize_nip(self.cleaned_data["nip"])
        validate_nip(nip)
        return nip

    def clean(self):
        cleaned = super().clean()
        cleaned["email"] = cleaned.get("nip", "")  # PasswordResetForm.save() passes this key to get_users()
        return cleaned

    def get_users(self, nip):
        """Unlike Django's form, accounts without a usable password qualify: setting the first one is the point."""
        user = get_user_model().objects.filter(nip=nip, is_active=True).exclude(email="").first()
        return [user] if user else []
