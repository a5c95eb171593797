"""Blocks a learner works with: a case to think through, a self-check, a knowledge check. None is graded.

Nothing here is stored or scored: grading lives in the quizzes app as rows. The model answer and the
knowledge-check feedback are therefore sent with the page (inside <details>), which is fine because they
count for nothing; a learner without JavaScript opens them by hand.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..values import ServiceBehaviour


class CaseBlock(blocks.StructBlock):
    situation = blocks.RichTextBlock(label=_("Situation"), features=["bold", "italic", "ul", "ol"])
    question = blocks.CharBlock(label=_("Question to the learner"), max_length=500)
    model_answer = blocks.RichTextBlock(label=_("Model answer"), features=["bold", "italic", "ul", "ol"])

    class Meta:
        icon = "group"
        label = _("Case / scenario")
        template = "blocks/case_block.html"
        description = _("A service situation and a question; the model answer shows after the learner answers.")
        preview_value = {
            "situation": "<p>Seorang warga lansia datang ke loket lima menit sebelum tutup dengan berkas "
            "yang belum lengkap.</p>",
            "question": "Apa yang Anda lakukan?",
            "model_answer": "<p>Sambut dengan ramah, periksa berkasnya, jelaskan kekurangannya dengan sabar, "
            "dan tawarkan cara melengkapinya tanpa harus mengantre lagi.</p>",
        }


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    behaviours = blocks.MultipleChoiceBlock(
        label=_("Behaviours to check"),
        choices=ServiceBehaviour.choices,
        default=list(ServiceBehaviour.values),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        icon = "tasks"
        label = _("Service-behaviour checklist")
        template = "blocks/checklist_block.html"
        description = _("The service behaviours as a list the learner ticks as a self-check; nothing is stored.")
        preview_value = {"title": "Refleksi pelayanan hari ini", "behaviours": list(ServiceBehaviour.values)}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        labels = dict(ServiceBehaviour.choices)
        context["items"] = [(code, labels[code]) for code in ServiceBehaviour.values if code in value["behaviours"]]
        return context


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(label=_("Feedback when chosen"), required=False, max_length=500)

    class Meta:
        icon = "radio-full"
        label = _("Answer")
        template = "blocks/knowledge_check_choice.html"
        description = _("One answer of a knowledge check, with the feedback shown when it is chosen.")
        preview_value = {"text": "Menyapa dengan senyum", "correct": True, "feedback": "Tepat."}


class KnowledgeCheckBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=500)
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Answers"), min_num=2, max_num=6)
    explanation = blocks.RichTextBlock(label=_("Explanation"), required=False, features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        label = _("Knowledge check")
        template = "blocks/knowledge_check_block.html"
        description = _("One question with immediate feedback; not graded and not recorded.")
        preview_value = {
            "question": "Warga menyampaikan keluhan dengan nada tinggi. Langkah pertama Anda?",
            "choices": [
                {"text": "Mendengarkan sampai selesai tanpa memotong", "correct": True, "feedback": "Tepat."},
                {"text": "Menjelaskan prosedur sebelum warga selesai bicara", "correct": False, "feedback": ""},
            ],
            "explanation": "<p>Warga yang merasa didengar lebih mudah diajak mencari jalan keluar.</p>",
        }

    def clean(self, value):
        result = super().clean(value)
        if sum(1 for choice in result["choices"] if choice["correct"]) != 1:
            raise blocks.StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Mark exactly one answer as correct."))}
            )
        return result
