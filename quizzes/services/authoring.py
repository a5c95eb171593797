"""Authoring questions in code (seed data, imports) with the same rules as the editor."""

from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from ..forms import question_problems
from ..models import Choice, ChoiceValueScore, Question, Quiz, QuizQuestion
from ..selectors import content_changed


class UngradableQuestion(ValueError):
    """The question could never be graded fairly (see forms.question_problems)."""


@transaction.atomic
def question_create(
    *,
    quiz: Quiz,
    text: str,
    choices: list[tuple[str, bool]] | tuple = (),
    kind: str = Question.Kind.MULTIPLE_CHOICE,
    explanation: str = "",
    category=None,
    value=None,
    figure=None,
    answer_order: str = Question.AnswerOrder.WRITTEN,
    value_scores: list[dict] | None = None,
) -> Question:
    """Add a question with its choices; value_scores (one {BerAkhlakValue: score} per choice) for SJT."""
    scores = value_scores or [{} for _choice in choices]
    with translation.override("en"):  # a programming error, read by developers in logs
        problems = question_problems(
            kind=kind, choices=[(correct, len(scores[i])) for i, (_t, correct) in enumerate(choices)], number=1
        )
    if problems:
        raise UngradableQuestion(" ".join(problems))
    question = Question.objects.create(
        quiz=quiz,
        text=text,
        kind=kind,
        explanation=explanation,
        category=category,
        value=value,
        figure=figure,
        answer_order=answer_order,
        sort_order=quiz.links.count(),
    )
    for index, (choice_text, correct) in enumerate(choices):
        choice = Choice.objects.create(question=question, text=choice_text, is_correct=correct, sort_order=index)
        ChoiceValueScore.objects.bulk_create(
            ChoiceValueScore(choice=choice, value=value_row, score=score, sort_order=order)
            for order, (value_row, score) in enumerate(scores[index].items())
        )
    content_changed()  # bulk_create sends no post_save: the value scores must reach every process too
    return question


def question_create_true_false(*, quiz: Quiz, text: str, answer: bool, explanation: str = "", **kwargs) -> Question:
    return question_create(
        quiz=quiz,
        text=text,
        kind=Question.Kind.TRUE_FALSE,
        choices=[(_("True"), answer), (_("False"), not answer)],
        explanation=explanation,
        **kwargs,
    )


def question_link_home(*, question: Question) -> None:
    """Keep a question in the quiz it is written in, at the position its editor gives it (after every save)."""
    QuizQuestion.objects.update_or_create(
        quiz_id=question.quiz_id, question=question, defaults={"sort_order": question.sort_order or 0}
    )


@transaction.atomic
def question_reuse(*, question: Question, quiz: Quiz) -> QuizQuestion:
    """Use an existing question in another quiz too (at its end); its attempts, answers and statistics stay apart."""
    link = QuizQuestion.objects.filter(quiz=quiz, question=question).first()
    if link is not None:
        return link
    last = QuizQuestion.objects.filter(quiz=quiz).aggregate(last=Max("sort_order"))["last"]
    return QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=0 if last is None else last + 1)


@transaction.atomic
def question_quizzes_set(*, question: Question, quizzes) -> None:
    """The quizzes a question is used in, from the question bank; the quiz it is written in always keeps it."""
    wanted = {quiz.pk for quiz in quizzes} | {question.quiz_id}
    QuizQuestion.objects.filter(question=question).exclude(quiz_id__in=wanted).delete()
    for quiz in Quiz.objects.filter(pk__in=wanted).exclude(links__question=question):
        question_reuse(question=question, quiz=quiz)
