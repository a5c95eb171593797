"""One test per django-quiz-app setting or feature, showing its behaviour here (see ARCHITECTURE.md parity table)."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from quizzes.models import Answer, Attempt, AttemptQuestion, CategoryProgress, Question, Quiz
from quizzes.selectors import attempt_questions, category_progress, choices_for_display
from quizzes.services import (
    AttemptLimitReached,
    IncompleteAttempt,
    answer_mark,
    attempt_answer,
    attempt_finish,
    attempt_start,
)
from records.models import Completion
from tests import factories
from tests.quizzes import factories as qf

pytestmark = pytest.mark.django_db


def test_categories_have_sub_categories_and_names_are_unique_per_parent():
    top = qf.category("Pelayanan")
    sub = qf.category("Loket", parent=top)
    assert str(sub) == "Pelayanan › Loket" and sub.top == top
    qf.category("Loket", parent=qf.category("Akuntabilitas"))  # same name under another parent is fine
    with pytest.raises(IntegrityError):
        qf.category("Loket", parent=top)


def test_question_kinds_carry_figure_and_explanation_and_grade_by_kind(learner):
    quiz = qf.standalone_quiz()
    figure = factories.image()
    one = qf.mc(quiz, figure=figure, explanation="Karena ramah.")
    true_false = qf.mc(quiz, text="Senyum itu wajib?", options=2, correct=0)
    true_false.kind = Question.Kind.TRUE_FALSE
    true_false.save()
    essay = qf.essay(quiz)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_answer(
        attempt=attempt,
        answers={
            one.pk: qf.choice_named(one, "Benar"),
            true_false.pk: qf.choice_named(true_false, "Benar"),
            essay.pk: "Saya mendengarkan.",
        },
    )
    graded = attempt_finish(attempt=attempt)
    assert one.figure == figure and one.explanation == "Karena ramah."
    answers = {answer.question_id: answer for answer in graded.answers.all()}
    assert answers[one.pk].is_correct and answers[true_false.pk].is_correct
    assert answers[essay.pk].points is None and graded.needs_marking
    assert float(graded.score) == pytest.approx(66.67)


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (Question.AnswerOrder.WRITTEN, ["Zebra", "Apel", "Mangga"]),
        (Question.AnswerOrder.ALPHABETICAL, ["Apel", "Mangga", "Zebra"]),
        (Question.AnswerOrder.NONE, ["Zebra", "Apel", "Mangga"]),
    ],
)
def test_answer_order_as_written_alphabetical_or_creation(learner, order, expected):
    quiz = qf.standalone_quiz()
    from quizzes.services import question_create

    question = question_create(
        quiz=quiz, text="Buah?", choices=[("Zebra", False), ("Apel", True), ("Mangga", False)], answer_order=order
    )
    if order == Question.AnswerOrder.WRITTEN:
        # Reordered in the editor after creation: "as written" follows the editor, "none" the creation order.
        for choice, position in zip(question.choices.all(), [0, 1, 2], strict=True):
            choice.sort_order = position
            choice.save()
    attempt = attempt_start(user=learner, quiz=quiz)
    shown = choices_for_display(question=attempt_questions(attempt=attempt)[0], attempt=attempt)
    assert [choice.text for choice in shown] == expected


def test_random_answer_order_is_fixed_per_attempt_and_differs_between_attempts(learner):
    quiz = qf.standalone_quiz()
    question = qf.mc(quiz, options=8, answer_order=Question.AnswerOrder.RANDOM)
    orders = set()
    for _ in range(6):
        attempt = Attempt.objects.create(user=learner, quiz=quiz)
        first = [c.pk for c in choices_for_display(question=question, attempt=attempt)]
        again = [c.pk for c in choices_for_display(question=question, attempt=attempt)]
        assert first == again
        orders.add(tuple(first))
    assert len(orders) > 1


def test_title_description_and_url_slug_give_the_quiz_its_own_page(english):
    quiz = qf.standalone_quiz(title="Kuis Harmonis", slug="kuis-harmonis", description="Sepuluh soal singkat.")
    qf.mc(quiz)
    page = english.get(reverse("quizzes:detail", args=["kuis-harmonis"])).content.decode()
    assert "Kuis Harmonis" in page and "Sepuluh soal singkat." in page
    assert reverse("quizzes:start", args=[quiz.pk]) in page


def test_quiz_category_is_a_row_and_filters_quizzes():
    category = qf.category("Etika")
    quiz = qf.standalone_quiz(category=category)
    assert list(category.quizzes.all()) == [quiz]


def test_random_order_shuffles_questions_per_attempt_and_stores_the_order(learner):
    quiz = qf.standalone_quiz(random_order=True)
    questions = [qf.mc(quiz, text=f"Soal {n}") for n in range(8)]
    orders = set()
    for _ in range(5):
        attempt = Attempt.objects.create(user=learner, quiz=quiz)
        from quizzes.services.attempts import _draw

        drawn = _draw(quiz)  # question ids
        AttemptQuestion.objects.bulk_create(
            AttemptQuestion(attempt=attempt, question_id=pk, position=i) for i, pk in enumerate(drawn)
        )
        stored = [q.pk for q in attempt_questions(attempt=attempt)]
        assert stored == drawn and sorted(stored) == sorted(q.pk for q in questions)
        orders.add(tuple(stored))
    assert len(orders) > 1


def test_max_questions_draws_a_random_subset_stored_as_rows_and_graded_on_it(learner):
    quiz = qf.standalone_quiz(max_questions=3)
    for n in range(10):
        qf.mc(quiz, text=f"Soal {n}")
    attempt = attempt_start(user=learner, quiz=quiz)
    drawn = attempt_questions(attempt=attempt)
    assert len(drawn) == 3 and AttemptQuestion.objects.filter(attempt=attempt).count() == 3
    assert [q.sort_order for q in drawn] == sorted(q.sort_order for q in drawn)  # subset keeps the written order
    attempt_answer(attempt=attempt, answers={q.pk: qf.choice_named(q, "Benar") for q in drawn})
    assert attempt_finish(attempt=attempt).score == 100


def test_answers_at_end_off_shows_whether_the_previous_locked_answer_was_right(english, learner):
    quiz = qf.standalone_quiz(display=Quiz.Display.ONE, answers_at_end=False)
    first = qf.mc(quiz, explanation="Penjelasan soal pertama")
    qf.mc(quiz, text="Soal kedua?")
    attempt = attempt_start(user=learner, quiz=quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    english.post(url, {"position": 0, f"q{first.pk}": qf.choice_named(first, "Salah 0"), "action": "next"})
    page = english.get(url).content.decode()
    assert "Previous question:" in page and "wrong" in page and "Penjelasan soal pertama" in page
    # The locked question cannot be changed any more: a crafted post for it is ignored.
    with pytest.raises(IncompleteAttempt):  # the current (second) question is still unanswered
        attempt_answer(attempt=attempt, answers={first.pk: qf.choice_named(first, "Benar")}, position=1)
    assert Answer.objects.get(attempt=attempt, question=first).choice.text == "Salah 0"


def test_answers_at_end_on_shows_no_feedback_during_the_attempt(english, learner):
    quiz = qf.standalone_quiz(display=Quiz.Display.ONE, answers_at_end=True)
    first = qf.mc(quiz, explanation="Penjelasan soal pertama")
    qf.mc(quiz, text="Soal kedua?")
    attempt = attempt_start(user=learner, quiz=quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    english.post(url, {"position": 0, f"q{first.pk}": qf.choice_named(first, "Salah 0"), "action": "next"})
    page = english.get(url).content.decode()
    assert "Previous question:" not in page and "Penjelasan soal pertama" not in page


def test_exam_paper_off_keeps_only_the_latest_paper_but_every_score(learner):
    quiz = qf.standalone_quiz(exam_paper=False)
    question = qf.mc(quiz)
    for choice in ("Salah 0", "Benar"):
        attempt = attempt_start(user=learner, quiz=quiz)
        attempt_answer(attempt=attempt, answers={question.pk: qf.choice_named(question, choice)})
        attempt_finish(attempt=attempt)
    first, second = Attempt.objects.filter(quiz=quiz).order_by("pk")
    assert (first.score, second.score) == (0, 100)
    assert not first.answers.exists() and second.answers.count() == 1


def test_exam_paper_on_keeps_every_paper(learner):
    quiz = qf.standalone_quiz(exam_paper=True)
    question = qf.mc(quiz)
    for _ in range(2):
        attempt = attempt_start(user=learner, quiz=quiz)
        attempt_answer(attempt=attempt, answers={question.pk: qf.choice_named(question, "Benar")})
        attempt_finish(attempt=attempt)
    assert Answer.objects.filter(attempt__quiz=quiz).count() == 2


def test_single_attempt_refuses_a_second_attempt(learner, english):
    quiz = qf.standalone_quiz(single_attempt=True, slug="sekali")
    question = qf.mc(quiz)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_answer(attempt=attempt, answers={question.pk: qf.choice_named(question, "Salah 0")})
    attempt_finish(attempt=attempt)
    with pytest.raises(AttemptLimitReached):
        attempt_start(user=learner, quiz=quiz)
    response = english.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert "You have used every attempt this quiz allows." in response.content.decode()
    assert Attempt.objects.filter(quiz=quiz).count() == 1


@pytest.mark.parametrize(("pass_mark", "passed"), [(50, True), (51, False), (0, True), (100, False)])
def test_pass_mark_decides_pass_or_fail(learner, pass_mark, passed):
    quiz = qf.standalone_quiz(pass_mark=pass_mark)
    right, wrong = qf.mc(quiz), qf.mc(quiz)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_answer(
        attempt=attempt,
        answers={right.pk: qf.choice_named(right, "Benar"), wrong.pk: qf.choice_named(wrong, "Salah 0")},
    )
    assert attempt_finish(attempt=attempt).passed is passed


def test_pass_mark_above_100_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        qf.standalone_quiz(pass_mark=101)


@pytest.mark.parametrize("correct", [True, False])
def test_success_text_or_fail_text_is_shown_on_the_result(english, learner, correct):
    quiz = qf.standalone_quiz(success_text="Selamat, Anda lulus!", fail_text="Coba lagi besok.")
    question = qf.mc(quiz)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_answer(attempt=attempt, answers={question.pk: qf.choice_named(question, "Benar" if correct else "Salah 0")})
    attempt_finish(attempt=attempt)
    page = english.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert ("Selamat, Anda lulus!" in page) is correct
    assert ("Coba lagi besok." in page) is (not correct)


def test_draft_quiz_cannot_be_opened_or_started_but_a_trainer_can_preview_it(english, client):
    quiz = qf.standalone_quiz(slug="draf", is_published=False)
    qf.mc(quiz)
    assert english.get(reverse("quizzes:detail", args=["draf"])).status_code == 404
    assert english.post(reverse("quizzes:start", args=[quiz.pk])).status_code == 404
    assert english.get(reverse("quizzes:preview", args=[quiz.pk])).status_code == 403
    trainer = factories.UserFactory(nip=None, username="pelatih", role="pengajar", is_staff=True)
    client.force_login(trainer)
    response = client.get(reverse("quizzes:preview", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz, user=trainer)
    assert response.status_code == 302 and attempt.is_preview
    page = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "Benar" in page


def test_sittings_keep_the_learners_answers_for_trainers_with_view_sittings(client, learner):
    quiz = qf.standalone_quiz()
    question = qf.essay(quiz)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_answer(attempt=attempt, answers={question.pk: "Saya sapa warga dengan ramah."})
    attempt_finish(attempt=attempt)
    url = reverse("quizzes_admin_sitting", args=[attempt.pk])
    outsider = factories.UserFactory(nip=None, username="staf", is_staff=True, role="kepegawaian")
    client.force_login(outsider)
    assert client.get(url).status_code in (302, 403)
    trainer = factories.UserFactory(nip=None, username="pelatih2", role="pengajar", is_staff=True)
    client.force_login(trainer)
    assert "Saya sapa warga dengan ramah." in client.get(url).content.decode()
    listing = client.get(reverse("quizzes_admin_sittings") + "?to_mark=1").content.decode()
    assert url in listing


def test_progress_per_category_is_kept_per_learner_by_category_id(learner):
    top = qf.category("Pelayanan")
    sub = qf.category("Pelayanan", parent=qf.category("Etika"))  # same name, different row
    quiz = qf.standalone_quiz()
    one, two, three = qf.mc(quiz, category=top), qf.mc(quiz, category=top), qf.mc(quiz, category=sub)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_answer(
        attempt=attempt,
        answers={
            one.pk: qf.choice_named(one, "Benar"),
            two.pk: qf.choice_named(two, "Salah 0"),
            three.pk: qf.choice_named(three, "Benar"),
        },
    )
    attempt_finish(attempt=attempt)
    rows = {row.category_id: (float(row.points), row.possible) for row in category_progress(user=learner)}
    assert rows == {top.pk: (1.0, 2), sub.pk: (1.0, 1)}
    assert CategoryProgress.objects.get(user=learner, category=top).percent == 50.0


def test_marking_an_essay_adjusts_the_score_re_evaluates_pass_and_completes_the_module(client, learner):
    module = factories.module(lessons=1)
    quiz = qf.standalone_quiz(module=module, pass_mark=75)
    choice_question, essay = qf.mc(quiz), qf.essay(quiz, category=qf.category("Esai"))
    factories.lessons_complete(user=learner, module_page=module)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_answer(
        attempt=attempt,
        answers={choice_question.pk: qf.choice_named(choice_question, "Benar"), essay.pk: "Jawaban esai."},
    )
    graded = attempt_finish(attempt=attempt)
    assert (graded.score, graded.passed, graded.needs_marking) == (50, False, True)
    assert not Completion.objects.filter(user=learner, module=module).exists()

    trainer = factories.UserFactory(nip=None, username="penilai", role="pengajar", is_staff=True)
    client.force_login(trainer)
    answer = Answer.objects.get(attempt=attempt, question=essay)
    response = client.post(reverse("quizzes_admin_sitting", args=[attempt.pk]), {"answer": answer.pk, "percent": 80})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert (float(attempt.score), attempt.passed, attempt.needs_marking) == (90.0, True, False)
    assert Completion.objects.filter(user=learner, module=module).exists()
    assert float(CategoryProgress.objects.get(user=learner, category=essay.category).points) == 0.8
    # Marking down again re-evaluates to a fail (the completion, a fact once earned, stays).
    attempt = answer_mark(answer=answer, percent=0, marker=trainer)
    assert (attempt.score, attempt.passed) == (50, False)
