"""The question bank's edit form: which quizzes use the question besides the one it is written in."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Quiz
from .services import question_quizzes_set


class QuestionBankForm(WagtailAdminModelForm):
    used_in = forms.ModelMultipleChoiceField(
        label=_("Also used in quizzes"),
        queryset=Quiz.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The question stays in the quiz it is written in; tick other quizzes to reuse it there (added at "
            "their end). Each quiz keeps its own attempts and statistics."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["used_in"].initial = list(
                self.instance.quiz_links.exclude(quiz_id=self.instance.quiz_id).values_list("quiz_id", flat=True)
            )

    def save(self, commit=True):
        question = super().save(commit=commit)
        if commit:
            question_quizzes_set(question=question, quizzes=self.cleaned_data.get("used_in") or [])
        else:
            save_m2m = self.save_m2m

            def save_links():
                save_m2m()
                question_quizzes_set(question=question, quizzes=self.cleaned_data.get("used_in") or [])

            self.save_m2m = save_links
        return question
