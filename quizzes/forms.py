"""The quiz editor refuses questions that could never be graded fairly."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


def _kept(formset):
    """Forms of a formset that will be saved (filled in and not marked for deletion)."""
    for form in formset.forms:
        if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
            continue
        yield form


class QuizForm(WagtailAdminModelForm):
    def is_valid(self):
        # Nested question and choice formsets are only cleaned inside ClusterForm.is_valid, after clean().
        return super().is_valid() and self._questions_are_gradable()

    def _questions_are_gradable(self) -> bool:
        questions = self.formsets.get("questions")
        if questions is None:
            return True
        gradable = True
        for number, question_form in enumerate(_kept(questions), start=1):
            choices = list(_kept(question_form.formsets["choices"]))
            correct = sum(1 for choice in choices if choice.cleaned_data.get("is_correct"))
            kind = question_form.cleaned_data.get("kind")
            problems = []
            if correct != 1:
                problems.append(
                    _("Question %(number)d needs exactly one correct choice; it has %(count)d.")
                    % {"number": number, "count": correct}
                )
            if kind == "tf" and len(choices) != 2:
                problems.append(
                    _("Question %(number)d is true/false and needs exactly two choices; it has %(count)d.")
                    % {"number": number, "count": len(choices)}
                )
            for problem in problems:
                question_form.add_error(None, problem)
            if problems:
                self.add_error(None, ValidationError(problems))
                gradable = False
        return gradable
