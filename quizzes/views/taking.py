"""Taking a quiz. Pages never carry the answer key; grading is the services' job."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.page_cache import cached_for_pages
from courses.views import prerequisites_refusal

from ..models import Attempt, Question, Quiz
from ..selectors import (
    attempt_grade,
    attempt_questions,
    attempts_and_grade,
    category_progress,
    choices_for_display,
    value_profile,
)
from ..services import (
    AttemptClosed,
    AttemptLimitReached,
    AttemptTimedOut,
    IncompleteAttempt,
    StaleSubmission,
    attempt_answer,
    attempt_expire_if_due,
    attempt_start,
)


def _answers_from(post) -> dict[int, list[str]]:
    """Every posted q<id> field as the raw list of its values; the service reads them by question kind."""
    return {int(name[1:]): post.getlist(name) for name in post if name[:1] == "q" and _digits(name[1:])}


def _digits(value: str) -> bool:
    """Plain ASCII digits only: str.isdigit() is also true for "²" and "١", which int() refuses or misreads."""
    return value.isascii() and value.isdigit()


def _own_attempt(request, attempt_id: int) -> Attempt:
    """Another learner's attempt is a 404, never a 403: its existence is not theirs to know.

    The quiz is joined, its module is not (a wide page row no quiz page needs; the result page's link is cached).
    """
    return get_object_or_404(Attempt.objects.select_related("quiz"), pk=attempt_id, user=request.user)


def _open_quizzes():
    return Quiz.objects.filter(is_published=True).filter(Q(module__isnull=True) | Q(module__live=True))


def quiz_detail(request, slug: str):
    """The quiz's own address (django-quiz-app's quiz page): settings, attempts left, start."""
    quiz = get_object_or_404(_open_quizzes(), slug=slug)
    context = {"quiz": quiz}
    if request.user.is_authenticated:
        attempts, context["grade"] = attempts_and_grade(user=request.user, quiz=quiz)
        context["attempts"] = attempts[:20]
        used = sum(1 for attempt in context["attempts"] if attempt.is_finished)
        limit = quiz.attempt_limit
        context["attempts_left"] = None if limit is None else max(0, limit - used)
    return TemplateResponse(request, "quizzes/quiz.html", context)


@login_required
@require_POST
def quiz_start(request, quiz_id: int):
    quiz = get_object_or_404(_open_quizzes().select_related("module"), pk=quiz_id)
    if quiz.module_id is not None and (refusal := prerequisites_refusal(request, module=quiz.module)) is not None:
        return refusal
    try:
        attempt = attempt_start(user=request.user, quiz=quiz)
    except AttemptLimitReached as error:
        messages.error(request, str(error))
        return redirect("quizzes:detail", slug=quiz.slug)
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


@login_required
def quiz_preview(request, quiz_id: int):
    """A trainer takes the quiz as a learner would (drafts too); nothing counts."""
    if not request.user.has_perm("quizzes.change_quiz"):
        return HttpResponse(status=403)
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    attempt = attempt_start(user=request.user, quiz=quiz, preview=True)
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


@login_required
def attempt_take(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_finished:
        if request.method == "POST":
            return _closed(request, attempt)
        return redirect("quizzes:result", attempt_id=attempt.pk)
    one_per_page = attempt.quiz.display == Quiz.Display.ONE
    if request.method == "POST":
        try:
            return _submit(request, attempt, one_per_page)
        except AttemptTimedOut as error:
            messages.warning(request, str(error))
            return redirect("quizzes:result", attempt_id=attempt.pk)
        except AttemptClosed:
            return _closed(request, attempt)
        except StaleSubmission as error:
            messages.warning(request, str(error))
            return redirect("quizzes:attempt", attempt_id=attempt.pk)
        except IncompleteAttempt as error:
            messages.error(request, str(error))
            attempt.refresh_from_db()
            questions = attempt_questions(attempt=attempt)
            return _render_take(request, attempt, questions, one_per_page, missing=set(error.missing), status=400)
    if attempt.deadline is not None:  # an untimed attempt never expires: no transaction on every page
        attempt = attempt_expire_if_due(attempt=attempt)
    if attempt.is_finished:
        messages.warning(request, _("Time is up: the attempt was closed with the answers saved in time."))
        return redirect("quizzes:result", attempt_id=attempt.pk)
    return _render_take(request, attempt, attempt_questions(attempt=attempt), one_per_page)


def _submit(request, attempt, one_per_page):
    """Answer (and finish) in one transaction; the page's questions are not loaded (the hot path of a quiz)."""
    answers = _answers_from(request.POST)
    if one_per_page:
        position = request.POST.get("position", "")
        attempt = attempt_answer(
            attempt=attempt,
            answers=answers,
            position=int(position) if _digits(position) else -1,
            finish=request.POST.get("action") == "finish",
        )
        if attempt.is_finished:
            return redirect("quizzes:result", attempt_id=attempt.pk)
        return redirect("quizzes:attempt", attempt_id=attempt.pk)
    attempt_answer(attempt=attempt, answers=answers, finish=True)
    return redirect("quizzes:result", attempt_id=attempt.pk)


def _closed(request, attempt):
    return TemplateResponse(request, "quizzes/attempt_closed.html", {"attempt": attempt}, status=409)


def _render_take(request, attempt, questions, one_per_page, missing=frozenset(), status=200) -> HttpResponse:
    rows = attempt.answers.all()
    if any(question.kind == Question.Kind.MULTIPLE_CORRECT for question in questions):
        rows = rows.prefetch_related("choices")  # only multiple-correct answers have chosen choices
    saved = {answer.question_id: answer for answer in rows}
    # A trainer may remove questions during an attempt: never index past the end.
    shown = [questions[min(attempt.position, len(questions) - 1)]] if one_per_page and questions else questions
    items = []
    for question in shown:
        answer = saved.get(question.pk)
        chosen = set()
        if answer is not None:
            if answer.choice_id:
                chosen = {answer.choice_id}
            elif question.kind == Question.Kind.MULTIPLE_CORRECT:
                chosen = {choice.pk for choice in answer.choices.all()}
        items.append(
            {
                "question": question,
                "number": questions.index(question) + 1,
                "multiple": question.kind == Question.Kind.MULTIPLE_CORRECT,
                "essay": question.kind == Question.Kind.ESSAY,
                # Only id and text leave the server: the key (and any value score) stays behind.
                "choices": [
                    {"id": choice.pk, "text": choice.text}
                    for choice in choices_for_display(question=question, attempt=attempt)
                ],
                "chosen": chosen,
                "text": answer.text if answer else "",
                "missing": question.pk in missing,
            }
        )
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "items": items,
        "one_per_page": one_per_page,
        "question_count": len(questions),
        "is_last": (not one_per_page) or attempt.position + 1 >= len(questions),
        "answered_count": len(saved),
        "feedback": _previous_feedback(attempt, questions, saved) if one_per_page else None,
    }
    return TemplateResponse(request, "quizzes/attempt.html", context, status=status)


def _previous_feedback(attempt, questions, saved):
    """answers_at_end off: the page after a question says whether it was right (it can no longer change)."""
    if attempt.quiz.answers_at_end or attempt.position == 0 or attempt.position > len(questions):
        return None
    from ..services.attempts import answer_check

    question = questions[attempt.position - 1]
    answer = saved.get(question.pk)
    return {"question": question, "points": answer_check(answer=answer, question=question) if answer else None}


@login_required
def attempt_result(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if not attempt.is_finished:
        return redirect("quizzes:attempt", attempt_id=attempt.pk)
    questions = attempt_questions(attempt=attempt)
    answers = {answer.question_id: answer for answer in attempt.answers.select_related("choice")}
    review_mode = attempt.quiz.review
    review = []
    if review_mode != Quiz.Review.SCORE:
        for question in questions:
            answer = answers.get(question.pk)
            review.append(
                {
                    "question": question,
                    "answer": answer,
                    "given": _given(answer, question),
                    "correct_choices": [choice for choice in question.choices.all() if choice.is_correct],
                }
            )
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "review": review,
        "show_key": review_mode == Quiz.Review.FULL,
        "grade": None if attempt.is_preview else attempt_grade(user=request.user, quiz=attempt.quiz),
        "module_url": _module_url(request, attempt.quiz),
    }
    return TemplateResponse(request, "quizzes/attempt_result.html", context)


def _module_url(request, quiz) -> str | None:
    """The quiz's module page address (the result page's way back), read once per pages generation, not per page."""
    if quiz.module_id is None:
        return None
    return cached_for_pages(
        ("quiz-module-url", quiz.module_id, request.get_host()), lambda: quiz.module.get_url(request) or ""
    )


def _given(answer, question) -> str:
    if answer is None:
        return "—"
    if question.kind == Question.Kind.ESSAY:
        return answer.text
    if answer.choice_id:
        return answer.choice.text
    return "; ".join(choice.text for choice in answer.choices.all()) or "—"


@login_required
def my_progress(request):
    """Per-category progress, past attempts and the Ber-AKHLAK value profile of the signed-in learner."""
    users = get_user_model().objects.filter(pk=request.user.pk)
    context = {
        "progress": category_progress(user=request.user),
        "attempts": Attempt.objects.filter(user=request.user, is_preview=False, status=Attempt.Status.FINISHED)
        .select_related("quiz")
        .order_by("-finished_at")[:50],
        "profile": value_profile(users=users),
    }
    context["has_profile"] = any(row.percent is not None for row in context["profile"])
    return TemplateResponse(request, "quizzes/progress.html", context)
