"""The module page shows its quiz through the quiz_tags `module_quiz` inclusion tag."""

import pytest
from django.urls import reverse

from quizzes.models import Quiz
from tests import factories


def _start_form(quiz) -> str:
    return f'action="{reverse("quizzes:start", args=[quiz.pk])}"'


@pytest.mark.django_db
def test_module_page_offers_the_quiz_before_any_attempt(english, module_with_quiz):
    module, quiz = module_with_quiz
    quiz.description = "Uji pemahaman Anda."
    quiz.save()

    page = english.get(module.url).content.decode()

    assert quiz.title in page
    assert "Uji pemahaman Anda." in page
    assert "Pass mark: 70%" in page
    assert _start_form(quiz) in page
    assert "Take the quiz" in page
    assert "Try again" not in page
    assert "Your best score" not in page


@pytest.mark.django_db
def test_module_page_offers_a_retry_with_the_best_score_after_failed_attempts(english, learner, module_with_quiz):
    module, quiz = module_with_quiz
    for correct in (2, 1):
        factories.attempt(
            user=learner, quiz_instance=quiz, answers=factories.answers_scoring(quiz, correct=correct), finish=True
        )

    page = english.get(module.url).content.decode()

    assert "Your best score: 66.67%" in page
    assert "not passed yet" in page
    assert "Try again" in page
    assert "Take the quiz" not in page
    assert _start_form(quiz) in page


@pytest.mark.django_db
def test_module_page_shows_passed_and_no_retry_once_passed(english, learner, module_with_quiz):
    module, quiz = module_with_quiz
    factories.attempt(user=learner, quiz_instance=quiz, answers=factories.wrong_answers(quiz), finish=True)
    factories.attempt(user=learner, quiz_instance=quiz, answers=factories.correct_answers(quiz), finish=True)

    page = english.get(module.url).content.decode()

    assert "Your best score: 100.00%" in page
    assert "<strong>passed</strong>" in page
    assert "Try again" not in page
    assert _start_form(quiz) not in page


@pytest.mark.django_db
def test_module_page_ignores_other_learners_and_open_attempts(english, learner, module_with_quiz):
    module, quiz = module_with_quiz
    factories.attempt(
        user=factories.UserFactory(), quiz_instance=quiz, answers=factories.correct_answers(quiz), finish=True
    )
    factories.attempt(user=learner, quiz_instance=quiz, answers=factories.correct_answers(quiz))

    page = english.get(module.url).content.decode()

    assert "Your best score" not in page
    assert "Take the quiz" in page


@pytest.mark.django_db
def test_module_page_shows_the_quiz_but_no_start_button_to_anonymous_visitors(client, settings, module_with_quiz):
    module, quiz = module_with_quiz
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(module.url).content.decode()

    assert quiz.title in page
    assert "Pass mark: 70%" in page
    assert _start_form(quiz) not in page


@pytest.mark.django_db
def test_module_page_without_a_published_quiz_shows_no_quiz_panel(english, module_with_quiz):
    module, quiz = module_with_quiz
    Quiz.objects.filter(pk=quiz.pk).update(is_published=False)

    page = english.get(module.url).content.decode()

    assert "quiz-panel" not in page
    assert _start_form(quiz) not in page
