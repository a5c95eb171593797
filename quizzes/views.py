"""Taking a quiz. Pages never carry the answer key; grading is the service's job."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from courses.views import prerequisites_refusal

from .models import Attempt, Quiz
from .selectors import quiz_questions
from .services import (
    AttemptClosed,
    IncompleteAttempt,
    StaleSubmission,
    attempt_answer,
    attempt_finish,
    attempt_start,
)


def _answers_from(post, questions) -> dict[int, int]:
    answers = {}
    for question in questions:
        raw = post.get(f"q{question.pk}", "")
        if raw.isdigit():
            answers[question.pk] = int(raw)
    return answers


def _own_attempt(request, attempt_id: int) -> Attempt:
    """Another learner's attempt is a 404, never a 403: its existence is not theirs to know."""
    return get_object_or_404(Attempt.objects.select_related("quiz", "quiz__module"), pk=attempt_id, user=request.user)


@login_required
@require_POST
def quiz_start(request, quiz_id: int):
    quiz = get_object_or_404(Quiz, pk=quiz_id, is_published=True, module__live=True)
    if (refusal := prerequisites_refusal(request, module=quiz.module)) is not None:
        return refusal
    attempt = attempt_start(user=request.user, quiz=quiz)
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


@login_required
def attempt_take(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_finished:
        if request.method == "POST":
            return _closed(request, attempt)
        return redirect("quizzes:result", attempt_id=attempt.pk)

    questions = list(quiz_questions(quiz=attempt.quiz))
    one_per_page = attempt.quiz.display == Quiz.Display.ONE
    if request.method == "POST":
        try:
            if one_per_page:
                position = request.POST.get("position", "")
                attempt = attempt_answer(
                    attempt=attempt,
                    answers=_answers_from(request.POST, questions),
                    position=int(position) if position.isdigit() else -1,
                )
                last = attempt.position + 1 >= len(questions)
                if last and request.POST.get("action") == "finish":
                    attempt_finish(attempt=attempt)
                    return redirect("quizzes:result", attempt_id=attempt.pk)
                return redirect("quizzes:attempt", attempt_id=attempt.pk)
            attempt_answer(attempt=attempt, answers=_answers_from(request.POST, questions))
            attempt_finish(attempt=attempt)
            return redirect("quizzes:result", attempt_id=attempt.pk)
        except AttemptClosed:
            return _closed(request, attempt)
        except StaleSubmission as error:
            messages.warning(request, str(error))
            return redirect("quizzes:attempt", attempt_id=attempt.pk)
        except IncompleteAttempt as error:
            messages.error(request, str(error))
            attempt.refresh_from_db()
            missing = set(error.missing)
            return _render_take(request, attempt, questions, one_per_page, missing=missing, status=400)
    return _render_take(request, attempt, questions, one_per_page)


def _closed(request, attempt):
    return TemplateResponse(request, "quizzes/attempt_closed.html", {"attempt": attempt}, status=409)


def _render_take(request, attempt, questions, one_per_page, missing=frozenset(), status=200) -> HttpResponse:
    chosen = dict(attempt.answers.values_list("question_id", "choice_id"))
    # A trainer may remove questions during an attempt: never index past the end.
    shown = [questions[min(attempt.position, len(questions) - 1)]] if one_per_page and questions else questions
    items = [
        {
            "question": question,
            "number": questions.index(question) + 1,
            # Only id and text leave the server: the key stays behind.
            "choices": [{"id": choice.pk, "text": choice.text} for choice in question.choices.all()],
            "chosen": chosen.get(question.pk),
            "missing": question.pk in missing,
        }
        for question in shown
    ]
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "items": items,
        "one_per_page": one_per_page,
        "question_count": len(questions),
        "is_last": (not one_per_page) or attempt.position + 1 >= len(questions),
        "answered_count": len(chosen),
    }
    return TemplateResponse(request, "quizzes/attempt.html", context, status=status)


@login_required
def attempt_result(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if not attempt.is_finished:
        return redirect("quizzes:attempt", attempt_id=attempt.pk)
    questions = list(quiz_questions(quiz=attempt.quiz))
    answers = {answer.question_id: answer for answer in attempt.answers.select_related("choice")}
    review = [
        {
            "question": question,
            "answer": answers.get(question.pk),
            "correct_choices": [choice for choice in question.choices.all() if choice.is_correct],
        }
        for question in questions
    ]
    return TemplateResponse(request, "quizzes/attempt_result.html", {"attempt": attempt, "review": review})
