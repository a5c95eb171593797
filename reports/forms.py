"""Forms for external training: HR enters it on a person's ledger, a learner submits it for HR to review."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy

from records.models import ExternalTraining

ALLOWED_SCANS = {".pdf": b"%PDF", ".png": b"\x89PNG", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
MAX_SCAN_BYTES = 10 * 1024 * 1024


class ExternalTrainingForm(forms.ModelForm):
    class Meta:
        model = ExternalTraining
        fields = ["title", "organiser", "started_on", "ended_on", "jp", "certificate_number", "certificate_file"]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "ended_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"certificate_file": gettext_lazy("PDF, PNG or JPEG, at most 10 MB; kept privately.")}

    def clean_certificate_file(self):
        upload = self.cleaned_data.get("certificate_file")
        if not upload:
            return upload
        suffix = Path(upload.name).suffix.lower()
        head = upload.read(8)
        upload.seek(0)
        if suffix not in ALLOWED_SCANS or not head.startswith(ALLOWED_SCANS[suffix]):
            raise forms.ValidationError(gettext_lazy("Upload the scan as a PDF, PNG or JPEG file."))
        if upload.size > MAX_SCAN_BYTES:
            raise forms.ValidationError(gettext_lazy("The scan is larger than 10 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", gettext_lazy("The end date is before the start date."))
        jp = cleaned.get("jp")
        if jp is not None and not 0 < jp <= 500:
            self.add_error("jp", gettext_lazy("JP must be between 1 and 500."))
        return cleaned


class ExternalTrainingSubmitForm(ExternalTrainingForm):
    """A learner's own submission: HR decides on the evidence, so the scan is required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate_file"].required = True
        self.fields["certificate_file"].help_text = gettext_lazy(
            "The certificate or letter HR checks before crediting the JP: PDF, PNG or JPEG, at most 10 MB."
        )
