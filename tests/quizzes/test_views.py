"""Taking a quiz over HTTP: who may, in which order, and what each page shows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes.models import Answer, Attempt, Quiz
from tests import factories


def _attempt_url(attempt):
    return reverse("quizzes:attempt", args=[attempt.pk])


def _result_url(attempt):
    return reverse("quizzes:result", args=[attempt.pk])


def _form(answers: dict[int, int], **extra) -> dict:
    return {**{f"q{question}": choice for question, choice in answers.items()}, **extra}


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def one_per_page(db):
    return factories.quiz(module=factories.module(), questions=3, display=Quiz.Display.ONE)


# --- starting ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_quiz_start_creates_an_attempt_and_redirects_to_it(signed_in, learner, module_with_quiz):
    _module, quiz = module_with_quiz

    response = signed_in.post(reverse("quizzes:start", args=[quiz.pk]))

    attempt = Attempt.objects.get(user=learner, quiz=quiz)
    assert response.status_code == 302
    assert response.url == _attempt_url(attempt)


@pytest.mark.django_db
def test_quiz_start_twice_resumes_the_same_attempt(signed_in, learner, module_with_quiz):
    _module, quiz = module_with_quiz

    first = signed_in.post(reverse("quizzes:start", args=[quiz.pk]))
    second = signed_in.post(reverse("quizzes:start", args=[quiz.pk]))

    assert first.url == second.url
    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 1


@pytest.mark.django_db
def test_quiz_start_is_post_only(signed_in, module_with_quiz):
    _module, quiz = module_with_quiz

    response = signed_in.get(reverse("quizzes:start", args=[quiz.pk]))

    assert response.status_code == 405
    assert not Attempt.objects.exists()


@pytest.mark.django_db
def test_quiz_start_refuses_an_unpublished_quiz(signed_in, module_with_quiz):
    _module, quiz = module_with_quiz
    Quiz.objects.filter(pk=quiz.pk).update(is_published=False)

    response = signed_in.post(reverse("quizzes:start", args=[quiz.pk]))

    assert response.status_code == 404
    assert not Attempt.objects.exists()


@pytest.mark.django_db
def test_quiz_start_refuses_a_quiz_whose_module_is_not_live(signed_in, module_with_quiz):
    module, quiz = module_with_quiz
    module.unpublish()

    response = signed_in.post(reverse("quizzes:start", args=[quiz.pk]))

    assert response.status_code == 404
    assert not Attempt.objects.exists()


@pytest.mark.django_db
def test_quiz_start_of_an_unknown_quiz_is_404(signed_in):
    assert signed_in.post(reverse("quizzes:start", args=[999_999])).status_code == 404


# --- who may see an attempt ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client, learner, module_with_quiz):
    _module, quiz = module_with_quiz
    attempt = factories.attempt(user=learner, quiz_instance=quiz)
    login = reverse("people:login")

    responses = [
        client.post(reverse("quizzes:start", args=[quiz.pk])),
        client.get(_attempt_url(attempt)),
        client.post(_attempt_url(attempt), _form(factories.correct_answers(quiz))),
        client.get(_result_url(attempt)),
    ]

    for response in responses:
        assert response.status_code == 302
        assert response.url.startswith(f"{login}?next=")
    assert Attempt.objects.count() == 1
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_another_learners_attempt_is_not_found(signed_in, module_with_quiz):
    _module, quiz = module_with_quiz
    other = factories.UserFactory()
    finished = factories.attempt(user=other, quiz_instance=quiz, answers=factories.wrong_answers(quiz), finish=True)
    open_again = factories.attempt(user=other, quiz_instance=quiz)

    for attempt in (finished, open_again):
        assert signed_in.get(_attempt_url(attempt)).status_code == 404
        assert signed_in.post(_attempt_url(attempt), _form(factories.correct_answers(quiz))).status_code == 404
        assert signed_in.get(_result_url(attempt)).status_code == 404

    assert not open_again.answers.exists()
    finished.refresh_from_db()
    assert finished.score == Decimal("0.00")


@pytest.mark.django_db
def test_an_unknown_attempt_is_not_found(signed_in):
    assert signed_in.get(reverse("quizzes:attempt", args=[999_999])).status_code == 404
    assert signed_in.get(reverse("quizzes:result", args=[999_999])).status_code == 404


# --- all questions on one page ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_all_on_one_page_shows_every_question(english, learner, module_with_quiz):
    _module, quiz = module_with_quiz
    attempt = factories.attempt(user=learner, quiz_instance=quiz)

    response = english.get(_attempt_url(attempt))

    assert response.status_code == 200
    for question in quiz.questions.all():
        assert question.text in response.content.decode()
    assert b'name="position"' not in response.content
    assert b"Finish and grade" in response.content


@pytest.mark.django_db
def test_submitting_every_answer_grades_and_shows_the_result(signed_in, learner, module_with_quiz):
    _module, quiz = module_with_quiz
    attempt = factories.attempt(user=learner, quiz_instance=quiz)

    response = signed_in.post(_attempt_url(attempt), _form(factories.answers_scoring(quiz, correct=2)))

    assert response.status_code == 302
    assert response.url == _result_url(attempt)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.FINISHED
    assert attempt.score == Decimal("66.67")
    assert attempt.passed is False


@pytest.mark.django_db
def test_missing_answers_are_a_400_with_a_message_and_keep_what_was_given(english, learner, module_with_quiz):
    _module, quiz = module_with_quiz
    first, second, third = quiz.questions.order_by("sort_order")
    given = factories.correct_answers(quiz)[second.pk]
    attempt = factories.attempt(user=learner, quiz_instance=quiz)

    response = english.post(_attempt_url(attempt), _form({second.pk: given}))

    assert response.status_code == 400
    assert _messages(response) == ["Answer every question before finishing."]
    page = response.content.decode()
    assert page.count("Choose an answer.") == 2
    assert f'name="q{second.pk}" value="{given}" checked' in page
    assert page.count(" checked") == 1
    assert dict(attempt.answers.values_list("question_id", "choice_id")) == {second.pk: given}
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS

    again = english.get(_attempt_url(attempt))
    assert f'name="q{second.pk}" value="{given}" checked' in again.content.decode()


@pytest.mark.django_db
def test_missing_answers_can_be_completed_by_a_second_submission(signed_in, learner, module_with_quiz):
    _module, quiz = module_with_quiz
    first, *rest = quiz.questions.order_by("sort_order")
    key = factories.correct_answers(quiz)
    attempt = factories.attempt(user=learner, quiz_instance=quiz)
    signed_in.post(_attempt_url(attempt), _form({first.pk: key[first.pk]}))

    response = signed_in.post(_attempt_url(attempt), _form({question.pk: key[question.pk] for question in rest}))

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == Decimal("100.00")


@pytest.mark.django_db
def test_a_choice_of_another_question_posted_over_http_is_ignored(signed_in, learner, module_with_quiz):
    _module, quiz = module_with_quiz
    first, second, third = quiz.questions.order_by("sort_order")
    key = factories.correct_answers(quiz)
    attempt = factories.attempt(user=learner, quiz_instance=quiz)

    response = signed_in.post(
        _attempt_url(attempt), _form({first.pk: key[second.pk], second.pk: key[second.pk], third.pk: key[third.pk]})
    )

    assert response.status_code == 400
    assert not attempt.answers.filter(question=first).exists()


@pytest.mark.django_db
def test_a_finished_attempt_posted_again_is_409_and_changes_nothing(english, learner, module_with_quiz):
    _module, quiz = module_with_quiz
    attempt = factories.attempt(user=learner, quiz_instance=quiz)
    wrong = factories.wrong_answers(quiz)
    english.post(_attempt_url(attempt), _form(wrong))
    graded = Attempt.objects.get(pk=attempt.pk)

    response = english.post(_attempt_url(attempt), _form(factories.correct_answers(quiz)))

    assert response.status_code == 409
    assert b"This attempt is already finished" in response.content
    assert _result_url(attempt).encode() in response.content
    again = Attempt.objects.get(pk=attempt.pk)
    assert (again.score, again.passed, again.finished_at) == (Decimal("0.00"), False, graded.finished_at)
    assert dict(attempt.answers.values_list("question_id", "choice_id")) == wrong
    assert Attempt.objects.filter(user=learner).count() == 1


@pytest.mark.django_db
def test_opening_a_finished_attempt_goes_to_its_result(signed_in, learner, module_with_quiz):
    _module, quiz = module_with_quiz
    attempt = factories.attempt(user=learner, quiz_instance=quiz, answers=factories.wrong_answers(quiz), finish=True)

    response = signed_in.get(_attempt_url(attempt))

    assert response.status_code == 302
    assert response.url == _result_url(attempt)


# --- one question per page ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_per_page_shows_only_the_current_question(english, learner, one_per_page):
    first, second, third = one_per_page.questions.order_by("sort_order")
    attempt = factories.attempt(user=learner, quiz_instance=one_per_page)

    page = english.get(_attempt_url(attempt)).content.decode()

    assert first.text in page
    assert second.text not in page and third.text not in page
    assert "Question 1 of 3" in page
    assert '<input type="hidden" name="position" value="0">' in page
    assert "Save and next" in page and "Finish and grade" not in page


@pytest.mark.django_db
def test_one_per_page_walks_through_the_questions_and_finishes_on_the_last(english, learner, one_per_page):
    questions = list(one_per_page.questions.order_by("sort_order"))
    key = factories.correct_answers(one_per_page)
    attempt = factories.attempt(user=learner, quiz_instance=one_per_page)
    url = _attempt_url(attempt)

    for position, question in enumerate(questions[:-1]):
        response = english.post(url, _form({question.pk: key[question.pk]}, position=position, action="next"))
        assert response.status_code == 302 and response.url == url
        attempt.refresh_from_db()
        assert attempt.position == position + 1
        assert attempt.status == Attempt.Status.IN_PROGRESS

    last_page = english.get(url).content.decode()
    assert questions[-1].text in last_page
    assert "Question 3 of 3" in last_page
    assert "Finish and grade" in last_page

    response = english.post(url, _form({questions[-1].pk: key[questions[-1].pk]}, position=2, action="finish"))

    assert response.status_code == 302
    assert response.url == _result_url(attempt)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.FINISHED
    assert attempt.score == Decimal("100.00")
    assert attempt.position == 2


@pytest.mark.django_db
def test_one_per_page_finish_is_ignored_before_the_last_page(signed_in, learner, one_per_page):
    """A forged finish on the first page saves that answer and moves on, without grading."""
    first = one_per_page.questions.order_by("sort_order").first()
    attempt = factories.attempt(user=learner, quiz_instance=one_per_page)

    response = signed_in.post(
        _attempt_url(attempt), _form({first.pk: first.choices.first().pk}, position=0, action="finish")
    )

    assert response.status_code == 302
    assert response.url == _attempt_url(attempt)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS
    assert attempt.position == 1


@pytest.mark.django_db
@pytest.mark.parametrize("position", ["0", "2", "", "x"], ids=["replayed", "ahead", "missing", "garbage"])
def test_one_per_page_refuses_a_stale_or_replayed_page(english, learner, one_per_page, position):
    first, second, _third = one_per_page.questions.order_by("sort_order")
    key = factories.correct_answers(one_per_page)
    attempt = factories.attempt(user=learner, quiz_instance=one_per_page)
    url = _attempt_url(attempt)
    english.post(url, _form({first.pk: key[first.pk]}, position=0, action="next"))
    wrong_first = first.choices.filter(is_correct=False).first().pk
    wrong_second = second.choices.filter(is_correct=False).first().pk

    response = english.post(
        url, _form({first.pk: wrong_first, second.pk: wrong_second}, position=position, action="next"), follow=True
    )

    assert response.redirect_chain == [(url, 302)]
    assert _messages(response) == ["This page is out of date; the current question is shown again."]
    assert second.text in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.position == 1
    assert dict(attempt.answers.values_list("question_id", "choice_id")) == {first.pk: key[first.pk]}


@pytest.mark.django_db
def test_one_per_page_stale_finish_on_the_last_page_does_not_grade(signed_in, learner, one_per_page):
    """Replaying the second page's form when the third is current neither saves nor grades."""
    questions = list(one_per_page.questions.order_by("sort_order"))
    key = factories.correct_answers(one_per_page)
    attempt = factories.attempt(user=learner, quiz_instance=one_per_page)
    url = _attempt_url(attempt)
    for position, question in enumerate(questions[:2]):
        signed_in.post(url, _form({question.pk: key[question.pk]}, position=position, action="next"))

    signed_in.post(url, _form({questions[2].pk: key[questions[2].pk]}, position=1, action="finish"))

    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS
    assert not attempt.answers.filter(question=questions[2]).exists()


@pytest.mark.django_db
def test_one_per_page_without_an_answer_stays_on_the_question(english, learner, one_per_page):
    first = one_per_page.questions.order_by("sort_order").first()
    attempt = factories.attempt(user=learner, quiz_instance=one_per_page)

    response = english.post(_attempt_url(attempt), {"position": "0", "action": "next"})

    assert response.status_code == 400
    assert "Choose an answer." in response.content.decode()
    assert first.text in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.position == 0


@pytest.mark.django_db
def test_one_per_page_after_finishing_a_post_is_409(signed_in, learner, one_per_page):
    key = factories.correct_answers(one_per_page)
    attempt = factories.attempt(user=learner, quiz_instance=one_per_page, answers=key, finish=True)

    response = signed_in.post(_attempt_url(attempt), _form(key, position=0, action="finish"))

    assert response.status_code == 409


# --- result -------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_result_redirects_to_the_attempt_while_it_is_in_progress(signed_in, learner, module_with_quiz):
    _module, quiz = module_with_quiz
    attempt = factories.attempt(user=learner, quiz_instance=quiz, answers=factories.correct_answers(quiz))

    response = signed_in.get(_result_url(attempt))

    assert response.status_code == 302
    assert response.url == _attempt_url(attempt)


@pytest.mark.django_db
def test_result_shows_score_correct_answers_and_explanations_after_finishing(english, learner, module_with_quiz):
    _module, quiz = module_with_quiz
    questions = list(quiz.questions.order_by("sort_order"))
    answers = factories.answers_scoring(quiz, correct=1)
    attempt = factories.attempt(user=learner, quiz_instance=quiz, answers=answers, finish=True)

    response = english.get(_result_url(attempt))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Your score: 33.33%" in page
    assert "Not passed (pass mark 70%)" in page
    for question in questions:
        assert question.explanation in page
    assert page.count("Correct answer:") == 2
    for question in questions[1:]:
        assert f"Correct answer: {question.choices.get(is_correct=True).text}" in page
    assert page.count("✓ correct") == 1
    assert page.count("✗ incorrect") == 2


@pytest.mark.django_db
def test_result_of_a_passed_attempt_says_passed(english, learner, module_with_quiz):
    _module, quiz = module_with_quiz
    attempt = factories.attempt(user=learner, quiz_instance=quiz, answers=factories.correct_answers(quiz), finish=True)

    page = english.get(_result_url(attempt)).content.decode()

    assert "Your score: 100.00%" in page
    assert "Passed" in page
    assert "Not passed" not in page
    assert "Correct answer:" not in page


def test_a_question_removed_during_a_one_per_page_attempt_does_not_break_the_page(signed_in, learner, one_per_page):
    """The trainer deletes the question the learner is on: the page shows the last remaining one, not an error."""
    attempt = factories.attempt(user=learner, quiz_instance=one_per_page, answers={})
    attempt.position = 2
    attempt.save(update_fields=["position"])
    one_per_page.questions.order_by("-sort_order").first().delete()

    response = signed_in.get(_attempt_url(attempt))

    assert response.status_code == 200
