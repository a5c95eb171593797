"""Wagtail's user admin, with the fields an ASN account needs (NIP, name with titles, position, unit)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .validators import normalize_nip

ASN_FIELDS = ["nip", "full_name", "position", "unit"]


class _AsnFieldsMixin(forms.Form):
    # Wider than 18 so a NIP typed with spaces reaches clean_nip; the model still stores 18 digits.
    nip = forms.CharField(label=_("NIP"), max_length=30, required=False, help_text=_("18 digits; spaces are ignored."))

    def clean_nip(self):
        nip = self.cleaned_data.get("nip")
        return normalize_nip(nip) or None


class MelayaniUserCreationForm(_AsnFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(ASN_FIELDS)


class MelayaniUserEditForm(_AsnFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(ASN_FIELDS)


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return MelayaniUserEditForm if for_update else MelayaniUserCreationForm
