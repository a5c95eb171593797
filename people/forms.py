"""Sign-in that tells a civil servant exactly what is wrong with the NIP they typed."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
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
