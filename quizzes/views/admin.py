"""Trainers' pages in the Wagtail admin: sittings and essay marking, item statistics, question import/export."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..forms import EssayMarkForm, QuestionImportForm
from ..models import Answer, Attempt, Question, Quiz
from ..selectors import attempt_questions, cohort_gain, item_statistics, pre_post_scores, sittings
from ..services import answer_mark
from ..services.bank import QuestionFileError, error_report_csv, questions_export, questions_import, read_rows

SITTINGS_PERMISSION = "quizzes.view_sittings"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def sitting_list(request):
    """django-quiz-app's "marking" list: finished attempts, filtered by quiz and by essays to mark."""
    _require(request, SITTINGS_PERMISSION)
    quiz_id = request.GET.get("quiz", "")
    quiz = Quiz.objects.filter(pk=quiz_id).first() if quiz_id.isascii() and quiz_id.isdigit() else None
    to_mark = request.GET.get("to_mark") == "1"
    rows = sittings(quiz=quiz, needs_marking=True if to_mark else None)[:200]
    context = {"rows": rows, "quizzes": Quiz.objects.order_by("title"), "quiz": quiz, "to_mark": to_mark}
    return TemplateResponse(request, "quizzes/admin/sitting_list.html", context)


def sitting_detail(request, attempt_id: int):
    """One finished attempt with the learner's answers; essays get a mark form."""
    _require(request, SITTINGS_PERMISSION)
    attempt = get_object_or_404(
        Attempt.objects.select_related("user", "quiz"), pk=attempt_id, status=Attempt.Status.FINISHED
    )
    if request.method == "POST":
        answer_id = request.POST.get("answer", "")
        answer = get_object_or_404(
            Answer, pk=int(answer_id) if answer_id.isascii() and answer_id.isdigit() else None, attempt=attempt
        )
        form = EssayMarkForm(request.POST)
        if form.is_valid():
            answer_mark(answer=answer, percent=form.cleaned_data["percent"], marker=request.user)
            messages.success(request, _("Mark saved; the score and the pass/fail result were worked out again."))
            return redirect("quizzes_admin_sitting", attempt_id=attempt.pk)
        messages.error(request, _("Give a mark between 0 and 100."))
    answers = {
        answer.question_id: answer for answer in attempt.answers.select_related("choice").prefetch_related("choices")
    }
    items = []
    for question in attempt_questions(attempt=attempt):
        answer = answers.get(question.pk)
        given = "—"
        if answer is not None:
            if question.kind == Question.Kind.ESSAY:
                given = answer.text
            elif answer.choice_id:
                given = answer.choice.text
            else:
                given = "; ".join(choice.text for choice in answer.choices.all())
        items.append({"question": question, "answer": answer, "given": given, "essay": question.kind == "essay"})
    return TemplateResponse(request, "quizzes/admin/sitting_detail.html", {"attempt": attempt, "items": items})


def quiz_statistics(request, quiz_id: int):
    """Item statistics, and for a module with a pre-test the normalised gain per learner and for the cohort."""
    _require(request, SITTINGS_PERMISSION)
    quiz = get_object_or_404(Quiz.objects.select_related("module"), pk=quiz_id)
    context = {"quiz": quiz, "items": item_statistics(quiz=quiz)}
    if quiz.module_id and quiz.purpose != Quiz.Purpose.PRE_TEST:
        learners = get_user_model().objects.filter(quiz_attempts__quiz__module=quiz.module).distinct()
        rows = pre_post_scores(users=learners, module=quiz.module)
        names = {user.pk: user for user in learners}
        context["gain_rows"] = [(names[row.user_id], row) for row in rows]
        context["cohort"] = cohort_gain(users=learners, module=quiz.module)
    return TemplateResponse(request, "quizzes/admin/quiz_statistics.html", context)


def question_import(request, quiz_id: int):
    """Upload questions from CSV or XLSX; bad rows are listed and the error report can be downloaded."""
    _require(request, "quizzes.change_quiz")
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    report = None
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_rows(upload, name=upload.name)
        except QuestionFileError as error:
            form.add_error("file", str(error))
        else:
            report = questions_import(quiz=quiz, rows=rows, partial=form.cleaned_data["partial"])
            request.session[f"quizzes_import_errors_{quiz.pk}"] = report.errors
            if report.errors:
                messages.error(request, _("Some rows have errors; see the list below."))
    context = {"quiz": quiz, "form": form, "report": report}
    return TemplateResponse(
        request,
        "quizzes/admin/question_import.html",
        context,
        status=400 if report and report.errors and not report.created else 200,
    )


def question_import_errors(request, quiz_id: int):
    """The last import's per-row error report, as CSV."""
    _require(request, "quizzes.change_quiz")
    errors = request.session.get(f"quizzes_import_errors_{quiz_id}", [])
    response = HttpResponse(error_report_csv(errors), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="quiz-{quiz_id}-import-errors.csv"'
    return response


def question_export(request, quiz_id: int, file_format: str):
    _require(request, "quizzes.change_quiz")
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    content, content_type = questions_export(quiz=quiz, file_format=file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{quiz.slug}.{file_format}"'
    return response
