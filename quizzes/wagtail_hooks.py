"""Trainers author quizzes, the question bank and categories in the Wagtail admin, and mark sittings there."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .bank_forms import QuestionBankForm
from .models import Category, Question, Quiz
from .views import admin as admin_views


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes")
    menu_order = 10
    list_display = ["title", "module", "purpose", "pass_mark", "is_published"]
    list_filter = ["is_published", "display", "purpose", "category"]
    search_fields = ["title"]


class QuestionViewSet(SnippetViewSet):
    """The question bank: every question with search and filters by quiz, category, kind and value."""

    model = Question
    icon = "help"
    menu_label = _("Question bank")
    menu_order = 20
    list_display = ["__str__", "quiz", "kind", "category", "value"]
    list_filter = ["kind", "category", "value", "quiz"]
    search_fields = ["text", "explanation"]
    search_backend_name = None  # plain database search: finds any part of a word, no index to keep in step
    edit_handler = ObjectList(
        [
            FieldPanel("quiz", heading=_("Written in quiz")),
            FieldPanel("used_in"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("answer_order")]),
            FieldPanel("text"),
            FieldPanel("figure"),
            FieldRowPanel([FieldPanel("category"), FieldPanel("value")]),
            FieldPanel("explanation"),
            InlinePanel("choices", label=_("Choices")),
        ],
        base_form_class=QuestionBankForm,
    )


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    menu_order = 30
    list_display = ["name", "parent"]
    list_filter = ["parent"]
    search_fields = ["name"]
    search_backend_name = None


class QuizGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, CategoryViewSet)
    menu_icon = "form"
    menu_label = _("Quizzes")
    menu_order = 210


register_snippet(QuizGroup)


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [
        path("kuis/sesi/", admin_views.sitting_list, name="quizzes_admin_sittings"),
        path("kuis/sesi/<int:attempt_id>/", admin_views.sitting_detail, name="quizzes_admin_sitting"),
        path("kuis/<int:quiz_id>/statistik/", admin_views.quiz_statistics, name="quizzes_admin_statistics"),
        path("kuis/<int:quiz_id>/impor/", admin_views.question_import, name="quizzes_admin_import"),
        path(
            "kuis/<int:quiz_id>/impor/galat.csv", admin_views.question_import_errors, name="quizzes_admin_import_errors"
        ),
        path(
            "kuis/<int:quiz_id>/ekspor.<str:file_format>",
            admin_views.question_export,
            name="quizzes_admin_export",
        ),
    ]


class _SittingsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.SITTINGS_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_sittings_menu_item():
    return _SittingsMenuItem(_("Quiz sittings"), reverse("quizzes_admin_sittings"), icon_name="tasks", order=215)


@hooks.register("register_snippet_listing_buttons")
def quiz_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Quiz) or not user.has_perm("quizzes.change_quiz"):
        return []
    buttons = [
        ListingButton(_("Preview as a learner"), reverse("quizzes:preview", args=[snippet.pk]), priority=40),
        ListingButton(_("Import questions"), reverse("quizzes_admin_import", args=[snippet.pk]), priority=41),
        ListingButton(
            _("Export questions (XLSX)"), reverse("quizzes_admin_export", args=[snippet.pk, "xlsx"]), priority=42
        ),
    ]
    if user.has_perm(admin_views.SITTINGS_PERMISSION):
        buttons.append(
            ListingButton(_("Item statistics"), reverse("quizzes_admin_statistics", args=[snippet.pk]), priority=43)
        )
    return buttons
