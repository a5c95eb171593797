"""Forms for the certificate pages: reasons for lifecycle actions, a bulk run's scope, a PDF to verify."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import BulkRun, CertificateEmailPreference


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Write the reason: it is shown on the public verification page.")},
    )


class BulkRunForm(forms.Form):
    action = forms.ChoiceField(label=_("What to do"), choices=BulkRun.Action.choices)
    page = forms.ModelChoiceField(label=_("Course page"), queryset=None, required=False)
    unit = forms.ModelChoiceField(label=_("Unit (and the units below it)"), queryset=None, required=False)

    def __init__(self, *args, pages, units, hr_only: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.hr_only = hr_only
        self.fields["page"].queryset = pages
        self.fields["unit"].queryset = units
        if hr_only:
            self.fields["action"].choices = [(BulkRun.Action.ZIP, BulkRun.Action.ZIP.label)]

    def clean(self):
        data = super().clean()
        if not data.get("page") and not data.get("unit"):
            raise forms.ValidationError(_("Choose a course page, a unit, or both."))
        if self.hr_only and not data.get("unit"):
            self.add_error("unit", _("Choose one of your units."))
        return data


class VerifyFileForm(forms.Form):
    file = forms.FileField(
        label=_("Certificate PDF"),
        error_messages={"required": _("Choose the PDF file of the certificate."), "empty": _("The file is empty.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MELAYANI_VERIFY_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s; a certificate PDF is much smaller."),
                params={"limit": filesizeformat(limit)},
            )
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("This is not a PDF file. Upload the certificate's PDF as you received it."))
        return upload


class EmailPreferenceForm(forms.ModelForm):
    class Meta:
        model = CertificateEmailPreference
        fields = ["expiry_reminders"]
