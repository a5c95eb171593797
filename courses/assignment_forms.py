"""The form HR officers and trainers use to assign a module to a unit or to a pasted list of NIPs."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ModulePage
from .selectors import assignable_units
from .services import split_nips

MAX_NIPS = 2000


class _UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "— " * (obj.depth - 1) + f"{obj.name} ({obj.code})"


class AssignmentForm(forms.Form):
    class Target(models.TextChoices):
        UNIT = "unit", _("A unit kerja and all its sub-units")
        PEOPLE = "people", _("People, by NIP")

    module = forms.ModelChoiceField(
        label=_("Module"), queryset=ModulePage.objects.live().order_by("title"), empty_label=_("Choose a module")
    )
    target = forms.ChoiceField(
        label=_("Assign to"), choices=Target.choices, initial=Target.UNIT, widget=forms.RadioSelect
    )
    unit = _UnitChoiceField(label=_("Unit kerja"), queryset=None, required=False, empty_label=_("Choose a unit"))
    nips = forms.CharField(
        label=_("NIPs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "autocomplete": "off"}),
        help_text=_("One NIP per line, or separated by commas. Spaces and dots inside a NIP are ignored."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    partial = forms.BooleanField(
        label=_("If some NIPs cannot be assigned, assign the others anyway"),
        required=False,
        help_text=_("Without this, a list with a problem is refused as a whole and you can correct it."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = assignable_units(user=user).order_by("path")

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_date

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target == self.Target.UNIT:
            if not cleaned.get("unit") and "unit" not in self.errors:
                self.add_error("unit", _("Choose the unit to assign the module to."))
            cleaned["nip_list"] = []
        elif target == self.Target.PEOPLE:
            nips = split_nips(cleaned.get("nips", ""))
            if not nips:
                self.add_error("nips", _("Paste at least one NIP."))
            elif len(nips) > MAX_NIPS:
                self.add_error(
                    "nips",
                    _("At most %(max)d NIPs at a time; assign a unit for more people.") % {"max": MAX_NIPS},
                )
            cleaned["nip_list"] = nips
            cleaned["unit"] = None
        return cleaned
