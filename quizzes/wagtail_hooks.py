"""Trainers author quizzes in the Wagtail admin as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Quiz


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "module", "pass_mark", "is_published"]
    list_filter = ["is_published", "display"]
    search_fields = ["title"]


register_snippet(QuizViewSet)
