"""The answer key never reaches the browser while an attempt is open."""

import re

import pytest
from django.urls import reverse

from quizzes.models import Attempt, Choice, Quiz
from tests import factories

CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def _page(response) -> bytes:
    return CSRF_TOKEN.sub(b'name="csrfmiddlewaretoken" value=""', response.content)


def _flip_key(quiz: Quiz) -> None:
    """Make a different choice correct in every question, straight in the database."""
    for question in quiz.questions.all():
        right = question.choices.get(is_correct=True)
        other = question.choices.filter(is_correct=False).order_by("sort_order").first()
        Choice.objects.filter(pk=right.pk).update(is_correct=False)
        Choice.objects.filter(pk=other.pk).update(is_correct=True)


def _assert_no_key_markers(page: bytes, quiz: Quiz) -> None:
    text = page.decode().lower()
    assert "is_correct" not in text
    assert "correct" not in text
    for question in quiz.questions.all():
        assert question.explanation.lower() not in text


def _assert_shows_choices(page: bytes, questions) -> None:
    text = page.decode()
    for question in questions:
        for choice in question.choices.all():
            assert choice.text in text


def _started(client, quiz: Quiz) -> Attempt:
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    return Attempt.objects.get(quiz=quiz)


@pytest.mark.django_db
def test_all_on_one_page_attempt_html_is_identical_whatever_the_answer_key(english, module_with_quiz):
    """The page for one attempt is byte-identical before and after the correct choices are swapped."""
    _module, quiz = module_with_quiz
    attempt = _started(english, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])

    before = english.get(url)
    _flip_key(quiz)
    after = english.get(url)

    assert before.status_code == after.status_code == 200
    assert _page(before) == _page(after)
    _assert_shows_choices(_page(before), quiz.questions.all())
    _assert_no_key_markers(_page(before), quiz)


@pytest.mark.django_db
def test_one_per_page_attempt_html_is_identical_whatever_the_answer_key(english, learner):
    """Every page of a one-question-per-page attempt is byte-identical before and after swapping the key."""
    quiz = factories.quiz(module=factories.module(), questions=3, display=Quiz.Display.ONE)
    attempt = _started(english, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])

    def pages():
        rendered = []
        for position in range(3):
            Attempt.objects.filter(pk=attempt.pk).update(position=position)
            response = english.get(url)
            assert response.status_code == 200
            rendered.append(_page(response))
        return rendered

    before = pages()
    _flip_key(quiz)
    after = pages()

    assert before == after
    questions = list(quiz.questions.order_by("sort_order"))
    for position, page in enumerate(before):
        _assert_shows_choices(page, [questions[position]])
        _assert_no_key_markers(page, quiz)


@pytest.mark.django_db
def test_validation_error_rerender_is_identical_whatever_the_answer_key(english, module_with_quiz):
    """The 400 re-render after a submission with missing answers leaks nothing about the key either."""
    _module, quiz = module_with_quiz
    attempt = _started(english, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    first = quiz.questions.order_by("sort_order").first()
    partial = {f"q{first.pk}": first.choices.get(is_correct=True).pk}

    before = english.post(url, partial)
    _flip_key(quiz)
    after = english.post(url, partial)

    assert before.status_code == after.status_code == 400
    assert _page(before) == _page(after)
    _assert_no_key_markers(_page(before), quiz)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS


@pytest.mark.django_db
def test_one_per_page_unanswered_rerender_is_identical_whatever_the_answer_key(english, learner):
    """A one-per-page submission without an answer is re-rendered (400) without the key."""
    quiz = factories.quiz(module=factories.module(), questions=2, display=Quiz.Display.ONE)
    attempt = _started(english, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])

    before = english.post(url, {"position": "0", "action": "next"})
    _flip_key(quiz)
    after = english.post(url, {"position": "0", "action": "next"})

    assert before.status_code == after.status_code == 400
    assert _page(before) == _page(after)
    _assert_no_key_markers(_page(before), quiz)


@pytest.mark.django_db
def test_stale_page_message_page_is_identical_whatever_the_answer_key(english, learner):
    """The page shown after a refused stale submission carries no key either."""
    quiz = factories.quiz(module=factories.module(), questions=2, display=Quiz.Display.ONE)
    attempt = _started(english, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    question = quiz.questions.order_by("sort_order").first()
    stale = {"position": "1", f"q{question.pk}": question.choices.first().pk, "action": "next"}

    before = english.post(url, stale, follow=True)
    _flip_key(quiz)
    after = english.post(url, stale, follow=True)

    assert _page(before) == _page(after)
    assert b"out of date" in _page(before)
    _assert_no_key_markers(_page(before), quiz)


def _flip_everything(quiz: Quiz) -> None:
    """Swap the key of every kind: correct flags, the set of correct choices, and the SJT value scores."""
    from quizzes.models import ChoiceValueScore

    for question in quiz.questions.all():
        for choice in question.choices.all():
            Choice.objects.filter(pk=choice.pk).update(is_correct=not choice.is_correct)
            for score in choice.value_scores.all():
                ChoiceValueScore.objects.filter(pk=score.pk).update(score=4 - score.score)


def _mixed_quiz(display):
    from tests.quizzes import factories as qf

    quiz = qf.standalone_quiz(display=display, answers_at_end=True)
    qf.mc(quiz, explanation="Rahasia pilihan ganda")
    qf.multi(quiz, explanation="Rahasia banyak jawaban")
    qf.essay(quiz, explanation="Rahasia esai")
    qf.sjt(quiz, explanation="Rahasia situasi")
    return quiz


def _assert_nothing_of_the_key(page: bytes, quiz: Quiz) -> None:
    text = page.decode().lower()
    for marker in ("correct", "is_correct", "score", "pelayanan", "harmonis", "rahasia"):
        assert marker not in text, marker


@pytest.mark.django_db
@pytest.mark.parametrize("display", [Quiz.Display.ALL, Quiz.Display.ONE])
def test_every_page_of_an_attempt_with_every_kind_is_identical_whatever_the_key(english, learner, display):
    """MC, several-answer, essay and SJT: no page of the attempt changes when the key and value scores change."""
    quiz = _mixed_quiz(display)
    attempt = _started(english, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    positions = range(4) if display == Quiz.Display.ONE else [0]
    for position in positions:
        Attempt.objects.filter(pk=attempt.pk).update(position=position)
        before = english.get(url)
        _flip_everything(quiz)
        after = english.get(url)
        _flip_everything(quiz)
        assert before.status_code == after.status_code == 200
        assert _page(before) == _page(after)
        _assert_nothing_of_the_key(_page(before), quiz)


@pytest.mark.django_db
def test_every_response_of_a_one_per_page_journey_carries_no_key_until_the_result(english, learner):
    """Walk a mixed quiz page by page; every response before the result page is free of key markers."""
    quiz = _mixed_quiz(Quiz.Display.ONE)
    attempt = _started(english, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    from quizzes.selectors import attempt_questions

    questions = attempt_questions(attempt=attempt)
    for position, question in enumerate(questions):
        page = english.get(url)
        _assert_nothing_of_the_key(_page(page), quiz)
        if question.kind == "essay":
            value = "Saya mendengarkan dulu."
        else:
            value = Choice.objects.filter(question_id=question.pk).order_by("sort_order").first().pk
        last = position == len(questions) - 1
        response = english.post(
            url, {"position": position, f"q{question.pk}": value, "action": "finish" if last else "next"}
        )
        assert response.status_code == 302, (position, question.kind, response.content.decode()[-3000:])
        _assert_nothing_of_the_key(_page(response), quiz)
    result = english.get(reverse("quizzes:result", args=[attempt.pk]))
    assert b"Rahasia pilihan ganda" in result.content  # after finishing, the review may show it
