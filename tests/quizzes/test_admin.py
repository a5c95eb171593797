"""Trainers author quizzes in the Wagtail admin; questions that cannot be graded fairly are refused."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from people.models import Role
from quizzes.models import Quiz
from quizzes.selectors import quiz_members
from tests import factories


@pytest.fixture
def trainer_client(client, db):
    trainer = factories.UserFactory(nip=None, username="pengajar-uji", role=Role.TRAINER, is_staff=True)
    client.force_login(trainer)
    return client


def admin_message(msgid: str, **params) -> str:
    """The message as the admin shows it, in the default language (HTML-escaped like the page)."""
    from django.utils.html import escape

    with translation.override(settings.LANGUAGE_CODE):
        return escape(translation.gettext(msgid) % params)


def quiz_post(module, choices, kind="mc"):
    return nested_form_data(
        {
            "module": module.pk,
            "title": "Kuis uji",
            "description": "",
            "pass_mark": 70,
            "display": "all",
            "is_published": "on",
            "slug": "",
            "purpose": "quiz",
            "grading_method": "highest",
            "review": "full",
            "grace_seconds": 30,
            "answers_at_end": "on",
            "exam_paper": "on",
            "questions": inline_formset(
                [
                    {
                        "kind": kind,
                        "text": "Apa sikap pertama yang tepat?",
                        "explanation": "",
                        "answer_order": "written",
                        "choices": inline_formset(
                            [
                                {
                                    "text": text,
                                    "is_correct": "on" if correct else "",
                                    "value_scores": inline_formset([]),
                                }
                                for text, correct in choices
                            ],
                        ),
                    }
                ],
                min=1,
            ),
        }
    )


def test_a_trainer_creates_a_quiz_with_one_correct_choice(trainer_client):
    module = factories.module(lessons=1)
    response = trainer_client.post(
        reverse("wagtailsnippets_quizzes_quiz:add"), quiz_post(module, [("Senyum dan sapa", True), ("Diam", False)])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    quiz = Quiz.objects.get(title="Kuis uji")
    assert [c.is_correct for c in quiz.questions.get().choices.order_by("sort_order")] == [True, False]
    # A question written in the editor is used by its quiz (the quiz ↔ question link is kept on save).
    assert list(quiz_members(quiz=quiz)) == [quiz.questions.get()]


@pytest.mark.parametrize(
    "choices",
    [
        [("A", True), ("B", True)],
        [("A", False), ("B", False)],
    ],
)
def test_a_question_without_exactly_one_correct_choice_is_refused(trainer_client, choices):
    module = factories.module(lessons=1)
    response = trainer_client.post(reverse("wagtailsnippets_quizzes_quiz:add"), quiz_post(module, choices))
    assert response.status_code == 200
    assert not Quiz.objects.exists()
    correct = sum(1 for _text, is_correct in choices if is_correct)
    assert (
        admin_message(
            "Question %(number)d needs exactly one correct choice; it has %(count)d.", number=1, count=correct
        )
        in response.content.decode()
    )


def test_a_true_false_question_needs_exactly_two_choices(trainer_client):
    module = factories.module(lessons=1)
    response = trainer_client.post(
        reverse("wagtailsnippets_quizzes_quiz:add"),
        quiz_post(module, [("Benar", True), ("Salah", False), ("Mungkin", False)], kind="tf"),
    )
    assert response.status_code == 200
    assert not Quiz.objects.exists()
    assert (
        admin_message(
            "Question %(number)d is true/false and needs exactly two choices; it has %(count)d.", number=1, count=3
        )
        in response.content.decode()
    )


def test_a_learner_cannot_open_the_quiz_editor(signed_in):
    response = signed_in.get(reverse("wagtailsnippets_quizzes_quiz:add"))
    assert response.status_code in (302, 403)
