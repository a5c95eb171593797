"""The quiz editor refuses questions that could never be graded fairly."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm


def _kept(formset):
    """Forms of a formset that will be saved (filled in and not marked for deletion)."""
    for form in formset.forms:
        if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
            continue
        yield form


def question_problems(*, kind: str, choices: list[tuple[bool, int]], number: int) -> list[str]:
    """Why a question of this kind with these choices (correct?, value scores) cannot be graded; [] if it can."""
    correct = sum(1 for is_correct, _scores in choices if is_correct)
    values = {"number": number, "count": correct}
    problems = []
    if kind in ("mc", "tf") and correct != 1:
        problems.append(_("Question %(number)d needs exactly one correct choice; it has %(count)d.") % values)
    if kind == "tf" and len(choices) != 2:
        problems.append(
            _("Question %(number)d is true/false and needs exactly two choices; it has %(count)d.")
            % {"number": number, "count": len(choices)}
        )
    if kind == "multi" and correct < 1:
        problems.append(_("Question %(number)d needs at least one correct choice.") % values)
    if kind in ("mc", "multi", "sjt") and len(choices) < 2:
        problems.append(_("Question %(number)d needs at least two choices.") % values)
    if kind == "essay" and choices:
        problems.append(_("Question %(number)d is an essay and takes no choices.") % values)
    if kind == "sjt" and any(scores == 0 for _correct, scores in choices):
        problems.append(
            _("Question %(number)d is situational judgement: give every option a score per value.") % values
        )
    return problems


class QuizForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.data.get("title", ""))[:70]
        if not slug:
            raise ValidationError(_("Give the quiz an address (slug)."))
        return slug

    def is_valid(self):
        # Nested question and choice formsets are only cleaned inside ClusterForm.is_valid, after clean().
        return super().is_valid() and self._questions_are_gradable()

    def _questions_are_gradable(self) -> bool:
        questions = self.formsets.get("questions")
        if questions is None:
            return True
        gradable = True
        for number, question_form in enumerate(_kept(questions), start=1):
            choices = []
            for choice_form in _kept(question_form.formsets["choices"]):
                scores = choice_form.formsets.get("value_scores")
                choices.append(
                    (bool(choice_form.cleaned_data.get("is_correct")), len(list(_kept(scores))) if scores else 0)
                )
            problems = question_problems(kind=question_form.cleaned_data.get("kind"), choices=choices, number=number)
            for problem in problems:
                question_form.add_error(None, problem)
            if problems:
                self.add_error(None, ValidationError(problems))
                gradable = False
        return gradable


class EssayMarkForm(forms.Form):
    """A trainer's mark for one essay answer, 0 to 100 percent of the question's point."""

    percent = forms.IntegerField(label=gettext_lazy("Mark (%)"), min_value=0, max_value=100)


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy(
            "Columns: kind, text, choices 1–6, correct, explanation, category, value, answer_order, scores 1–6 "
            "(situational judgement), reuse."
        ),
    )
    partial = forms.BooleanField(
        label=gettext_lazy("Import the good rows even when some rows have errors"), required=False
    )
