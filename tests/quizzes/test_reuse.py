"""One question used by several quizzes: drawn, graded, kept secret, counted and exported per quiz."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from quizzes.models import Attempt, Choice, Question, QuizQuestion
from quizzes.selectors import item_statistics, quiz_members
from quizzes.services import attempt_answer, attempt_start, question_quizzes_set, question_reuse
from quizzes.services.bank import COLUMNS, questions_export, questions_import, read_rows
from tests import factories
from tests.quizzes import factories as qf

pytestmark = pytest.mark.django_db
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def two_quizzes():
    """Quiz A has two questions; quiz B has one of its own and reuses A's first."""
    a, b = qf.standalone_quiz(title="Kuis A"), qf.standalone_quiz(title="Kuis B")
    shared = qf.mc(a, text="Soal bersama?", explanation="Penjelasan rahasia bersama")
    qf.mc(a, text="Soal A saja?")
    qf.mc(b, text="Soal B saja?")
    question_reuse(question=shared, quiz=b)
    return a, b, shared


def test_a_reused_question_is_in_both_quizzes_in_each_ones_order(two_quizzes):
    a, b, shared = two_quizzes
    assert [q.text for q in quiz_members(quiz=a)] == ["Soal bersama?", "Soal A saja?"]
    assert [q.text for q in quiz_members(quiz=b)] == ["Soal B saja?", "Soal bersama?"]
    assert question_reuse(question=shared, quiz=b).sort_order == 1  # reusing twice adds nothing
    assert QuizQuestion.objects.filter(question=shared).count() == 2 and Question.objects.count() == 3


def test_attempts_on_either_quiz_draw_and_grade_the_reused_question_and_statistics_stay_per_quiz(learner, two_quizzes):
    a, b, shared = two_quizzes
    attempt = attempt_start(user=learner, quiz=b)
    assert list(attempt.drawn.order_by("position").values_list("question__text", flat=True)) == [
        "Soal B saja?",
        "Soal bersama?",
    ]
    key = {q.pk: q.choices.get(is_correct=True).pk for q in quiz_members(quiz=b)}
    attempt = attempt_answer(attempt=attempt, answers=key, finish=True)
    assert attempt.is_finished and attempt.score == 100

    on_b = {row.question.pk: row for row in item_statistics(quiz=b)}
    on_a = {row.question.pk: row for row in item_statistics(quiz=a)}
    assert on_b[shared.pk].answered == 1 and on_b[shared.pk].facility == 1.0
    assert on_a[shared.pk].answered == 0 and on_a[shared.pk].facility is None


def test_the_reused_question_s_key_never_reaches_the_page_of_the_other_quiz(english, two_quizzes):
    _a, b, shared = two_quizzes
    english.post(reverse("quizzes:start", args=[b.pk]))
    url = reverse("quizzes:attempt", args=[Attempt.objects.get(quiz=b).pk])
    before = CSRF_TOKEN.sub(b"", english.get(url).content)
    right = shared.choices.get(is_correct=True)
    Choice.objects.filter(pk=right.pk).update(is_correct=False)
    Choice.objects.filter(pk=shared.choices.exclude(pk=right.pk).first().pk).update(is_correct=True)
    after = CSRF_TOKEN.sub(b"", english.get(url).content)
    assert before == after
    page = before.decode()
    assert "Soal bersama?" in page and "Penjelasan rahasia bersama" not in page and "correct" not in page.lower()


def test_export_lists_reused_questions_and_import_can_reuse_by_id(two_quizzes):
    a, b, shared = two_quizzes
    content, _type = questions_export(quiz=b, file_format="xlsx")
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == ["Soal B saja?", "Soal bersama?"]

    c = qf.standalone_quiz(title="Kuis C")
    with translation.override("en"):
        report = questions_import(
            quiz=c,
            rows=[
                {"reuse": str(shared.pk)},
                {"reuse": "999999"},
                {"kind": "tf", "text": "Baru?", "correct": "benar"},
            ],
            partial=True,
        )
    assert report.created == 2
    assert report.errors == [{"row": 3, "column": "reuse", "message": "No question has the id 999999."}]
    assert [q.text for q in quiz_members(quiz=c)] == ["Soal bersama?", "Baru?"]
    assert Question.objects.filter(text="Soal bersama?").count() == 1
    assert "reuse" in COLUMNS and read_rows(io.BytesIO(b"reuse\n5\n"), name="x.csv") == [{"reuse": "5"}]


def test_the_bank_sets_the_quizzes_a_question_is_used_in_and_keeps_its_own(two_quizzes):
    a, b, shared = two_quizzes
    c = qf.standalone_quiz(title="Kuis C")
    question_quizzes_set(question=shared, quizzes=[c])
    assert set(shared.quiz_links.values_list("quiz_id", flat=True)) == {a.pk, c.pk}
    question_quizzes_set(question=shared, quizzes=[])
    assert list(shared.quiz_links.values_list("quiz_id", flat=True)) == [a.pk]


def test_the_bank_editor_shows_and_saves_the_quizzes_a_question_is_used_in(client, two_quizzes):
    a, b, shared = two_quizzes
    c = qf.standalone_quiz(title="Kuis C")
    client.force_login(factories.UserFactory(nip=None, username="pelatih-pakai", role="pengajar", is_staff=True))
    url = reverse("wagtailsnippets_quizzes_question:edit", args=[shared.pk])
    form = client.get(url).context["form"]
    assert list(form["used_in"].value()) == [b.pk]
    data = {
        "quiz": a.pk,
        "used_in": [c.pk],
        "kind": "mc",
        "answer_order": "written",
        "text": "Soal bersama?",
        "explanation": "",
        "choices-TOTAL_FORMS": "3",
        "choices-INITIAL_FORMS": "3",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    for index, choice in enumerate(shared.choices.order_by("sort_order")):
        data |= {
            f"choices-{index}-id": choice.pk,
            f"choices-{index}-text": choice.text,
            f"choices-{index}-ORDER": index + 1,
            f"choices-{index}-DELETE": "",
            f"choices-{index}-value_scores-TOTAL_FORMS": "0",
            f"choices-{index}-value_scores-INITIAL_FORMS": "0",
            f"choices-{index}-value_scores-MIN_NUM_FORMS": "0",
            f"choices-{index}-value_scores-MAX_NUM_FORMS": "1000",
        }
        if choice.is_correct:
            data[f"choices-{index}-is_correct"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert set(shared.quiz_links.values_list("quiz_id", flat=True)) == {a.pk, c.pk}
