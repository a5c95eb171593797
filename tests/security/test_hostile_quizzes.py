"""Hostile input on quizzes: learners' answers and essays, the trainer's marking form, question import (CSV,
XLSX and the django-quiz-app import) and export. No 500, nothing half-saved, text shown escaped, formulas and
control characters never reach a spreadsheet."""

import csv
import io
import sqlite3
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from people.models import Role
from quizzes.models import Answer, Attempt, Category, Question
from quizzes.services import attempt_answer, attempt_finish, attempt_start
from quizzes.services.bank import COLUMNS, QuestionFileError, questions_export, questions_import, read_rows
from quizzes.services.legacy import django_quiz_import
from tests import factories
from tests.quizzes import factories as qf
from tests.quizzes.test_legacy_import import DDL

from .test_hostile_input import FORMULAS, SQLISH, UNICODE, XSS, assert_escaped

pytestmark = pytest.mark.django_db

ODD_NUMBERS = ["²", "١", "¹²", "1.5", "-1", "abc", "' OR 1=1 --", "9" * 40, "\x00"]
ESSAYS = [*XSS, *SQLISH, *UNICODE, *FORMULAS, "Jawaban\x00dengan NUL", "ꦲꦏ꧀ꦱꦫ " * 3000]


@pytest.fixture
def english_messages():
    """These tests read the English wording; the suite may run with Indonesian active."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def trainer(db):
    return factories.UserFactory(nip=None, username="pelatih-uji", role=Role.TRAINER, is_staff=True)


# --- taking a quiz ------------------------------------------------------------------------------------------


def test_hostile_essays_are_stored_inert_and_shown_escaped_to_learner_and_trainer(client, trainer):
    quiz = qf.standalone_quiz()
    questions = [qf.essay(quiz, text=f"Esai {index}") for index in range(len(ESSAYS))]
    learner = factories.UserFactory(full_name=XSS[1])
    client.force_login(learner)
    attempt = attempt_start(user=learner, quiz=quiz)
    posted = {f"q{question.pk}": essay for question, essay in zip(questions, ESSAYS, strict=True)}
    response = client.post(reverse("quizzes:attempt", args=[attempt.pk]), posted)
    assert response.status_code == 302, response.content[:500]
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.FINISHED
    stored = dict(Answer.objects.filter(attempt=attempt).values_list("question_id", "text"))
    for question, essay in zip(questions, ESSAYS, strict=True):
        assert stored[question.pk] == essay.replace("\x00", "").strip()[:20000]
    result = client.get(reverse("quizzes:result", args=[attempt.pk]))
    assert result.status_code == 200
    client.force_login(trainer)
    sitting = client.get(reverse("quizzes_admin_sitting", args=[attempt.pk]))
    assert sitting.status_code == 200
    for essay in ESSAYS[:4]:
        assert_escaped(result, essay)
        assert_escaped(sitting, essay)
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in sitting.content
    assert_escaped(sitting, XSS[1])  # the learner's name


def test_odd_question_and_choice_numbers_in_a_submission_are_ignored_not_a_500(signed_in, learner):
    quiz = qf.standalone_quiz()
    question = qf.mc(quiz)
    attempt = attempt_start(user=learner, quiz=quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    for odd in ODD_NUMBERS:
        response = signed_in.post(url, {f"q{odd}": "1", f"q{question.pk}": odd, "position": odd})
        assert response.status_code == 400, odd  # the one question is still unanswered
    assert not Answer.objects.filter(attempt=attempt).exists()


def test_one_per_page_with_an_odd_position_is_a_stale_page_not_a_500(signed_in, learner):
    quiz = qf.standalone_quiz(display="one")
    first = qf.mc(quiz)
    qf.mc(quiz, text="Kedua?")
    attempt = attempt_start(user=learner, quiz=quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    for odd in ODD_NUMBERS:
        response = signed_in.post(url, {f"q{first.pk}": qf.choice_named(first, "Benar"), "position": odd})
        assert response.status_code == 302, odd
    attempt.refresh_from_db()
    assert attempt.position == 0


# --- the trainer's marking form -----------------------------------------------------------------------------


@pytest.fixture
def essay_sitting(learner):
    quiz = qf.standalone_quiz()
    question = qf.essay(quiz)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_answer(attempt=attempt, answers={question.pk: "Jawaban."})
    return attempt_finish(attempt=attempt)


def test_the_marking_form_refuses_hostile_marks_with_a_message(client, trainer, essay_sitting):
    client.force_login(trainer)
    client.cookies["django_language"] = "en"
    answer = Answer.objects.get(attempt=essay_sitting)
    url = reverse("quizzes_admin_sitting", args=[essay_sitting.pk])
    for percent in ["101", "-1", "²", "1e3", "80%", "<script>alert(1)</script>", "\x00", "9" * 40, ""]:
        response = client.post(url, {"answer": answer.pk, "percent": percent})
        assert response.status_code == 200, percent
        assert b"Give a mark between 0 and 100." in response.content
        assert b"<script>alert(1)</script>" not in response.content
    answer.refresh_from_db()
    assert answer.points is None


def test_the_marking_form_with_an_odd_answer_id_is_a_404(client, trainer, essay_sitting):
    client.force_login(trainer)
    url = reverse("quizzes_admin_sitting", args=[essay_sitting.pk])
    for odd in [*ODD_NUMBERS, ""]:
        assert client.post(url, {"answer": odd, "percent": "50"}).status_code == 404, odd


def test_the_sittings_list_ignores_an_odd_quiz_filter(client, trainer, essay_sitting):
    client.force_login(trainer)
    for odd in ODD_NUMBERS:
        response = client.get(reverse("quizzes_admin_sittings"), {"quiz": odd, "to_mark": odd})
        assert response.status_code == 200, odd


# --- question import ----------------------------------------------------------------------------------------


def csv_file(rows: list[dict], *, header=COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def xlsx_file(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    for cell in (cell for line in workbook.active.iter_rows() for cell in line):
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"  # typed text, as Excel keeps '=... (openpyxl would write a formula)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_with_sheet(sheet_xml: bytes) -> bytes:
    """A real workbook whose first sheet's XML is replaced (broken, or huge)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_file([["kind", "text"], ["essay", "x"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
    return buffer.getvalue()


MC = {"kind": "mc", "text": "Sikap pertama?", "choice_1": "Senyum", "choice_2": "Diam", "correct": "1"}
BROKEN_FILES = [
    ("soal.xlsx", xlsx_file([["kind", "text"], ["essay", "x"]])[:300]),  # truncated
    ("soal.xlsx", b"PK\x03\x04" + b"\x00" * 100),
    ("soal.xlsx", b"<html><script>alert(1)</script></html>"),
    ("soal.xlsx", xlsx_with_sheet(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')),
    ("soal.xlsx", xlsx_with_sheet(b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;&a;</x>")),
    ("soal.csv", "kind,text\nessay,Jawaban\n".encode("utf-16")),
    ("soal.csv", "kind,text\nessay,Jawaban\n".encode("utf-16-le")),  # no BOM: NUL between every letter
    ("soal.csv", "kind,text\nessay,Rp 10.000 — café\n".encode("cp1252")),
    ("soal.csv", b""),
    ("soal.pdf", b"%PDF-1.4\n"),
    ("soal.svg", b"<svg onload=alert(1)>"),
]


@pytest.mark.parametrize(("name", "content"), BROKEN_FILES)
def test_malformed_question_files_are_refused_as_a_whole(name, content):
    with pytest.raises(QuestionFileError):
        read_rows(io.BytesIO(content), name=name)


@pytest.mark.usefixtures("english_messages")
@override_settings(MELAYANI_XLSX_MAX_EXPANDED_BYTES=1024 * 1024)
def test_a_zip_bomb_workbook_is_refused_before_it_is_expanded():
    padding = b"<!--" + b"A" * (4 * 1024 * 1024) + b"-->"
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + padding
    bomb = xlsx_with_sheet(sheet + b"<sheetData/></worksheet>")
    assert len(bomb) < 64 * 1024
    with pytest.raises(QuestionFileError, match="expands to more than"):
        read_rows(io.BytesIO(bomb), name="bom.xlsx")


def test_the_admin_import_answers_a_broken_file_with_a_message_not_a_500(client, trainer):
    quiz = qf.standalone_quiz()
    client.force_login(trainer)
    client.cookies["django_language"] = "en"
    url = reverse("quizzes_admin_import", args=[quiz.pk])
    for name, content in BROKEN_FILES:
        response = client.post(url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code == 200, name
        assert b"errorlist" in response.content or b"error-message" in response.content, name
        assert b"<script>alert(1)" not in response.content
    assert not quiz.questions.exists()


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ({**MC, "correct": "²"}, "correct"),
        ({**MC, "correct": "١"}, "correct"),
        ({**MC, "correct": "1,²"}, "correct"),
        (
            {"kind": "sjt", "text": "Warga marah", "choice_1": "A", "choice_2": "B", "scores_1": "pelayanan:²"},
            "scores_1",
        ),
        ({"reuse": "²"}, "reuse"),
        ({"reuse": "9" * 40}, "reuse"),
        ({**MC, "choice_1": "x" * 1001}, "choice_1"),
        ({**MC, "category": "k" * 251}, "category"),
        ({**MC, "category": "Pelayanan > " + "k" * 251}, "category"),
        ({**MC, "kind": "<script>alert(1)</script>"}, "kind"),
        ({**MC, "value": "'; DROP TABLE quizzes_question;--"}, "value"),
    ],
)
def test_hostile_rows_are_reported_per_row_and_nothing_is_imported(row, column):
    quiz = qf.standalone_quiz()
    rows = read_rows(io.BytesIO(csv_file([MC, row])), name="soal.csv")
    report = questions_import(quiz=quiz, rows=rows)
    assert column in [error["column"] for error in report.errors if error["row"] == 3]
    assert report.created == 0
    assert not Question.objects.exists()
    assert not Category.objects.exists()


def test_a_csv_with_nul_characters_is_refused_with_a_message():
    with pytest.raises(QuestionFileError, match="NUL"):
        read_rows(io.BytesIO(csv_file([{**MC, "text": "Soal\x00"}])), name="soal.csv")


HOSTILE_TEXT = [*XSS, *SQLISH, *UNICODE, *FORMULAS, "Baris\x0bvertikal\x01", "\tTab di depan", "\rCR di depan"]


@pytest.mark.parametrize("maker", ["csv", "xlsx"])
def test_hostile_question_text_is_imported_verbatim_and_exported_neutralised(client, trainer, maker):
    quiz = qf.standalone_quiz()
    rows = [
        {"kind": "mc", "text": text, "choice_1": text, "choice_2": "B", "correct": "1", "category": text[:200]}
        for text in HOSTILE_TEXT
        if text.strip()
    ]
    if maker == "csv":
        content, name = csv_file(rows), "soal.csv"
    else:
        content = xlsx_file([COLUMNS] + [[row.get(column, "") for column in COLUMNS] for row in rows[:-3]])
        name = "soal.xlsx"
    client.force_login(trainer)
    response = client.post(reverse("quizzes_admin_import", args=[quiz.pk]), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert quiz.questions.count() == len(rows) - (0 if maker == "csv" else 3)
    texts = set(quiz.questions.values_list("text", flat=True))
    assert "<script>alert(1)</script>" in texts and '=HYPERLINK("http://evil.example","klik")' in texts
    csv_export, _type = questions_export(quiz=quiz, file_format="csv")
    cells = [cell for row in csv.reader(io.StringIO(csv_export.decode("utf-8-sig"))) for cell in row]
    xlsx_export, _type = questions_export(quiz=quiz, file_format="xlsx")
    sheet = load_workbook(io.BytesIO(xlsx_export)).worksheets[0]
    xlsx_cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in xlsx_cells if cell.data_type == "f"]
    for values in (cells, [cell.value or "" for cell in xlsx_cells]):
        assert not [value for value in values if value.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert "'" + FORMULAS[-1] in values
    assert "<script>alert(1)</script>" in cells
    # A learner taking the quiz sees the questions and choices as text.
    learner = factories.UserFactory()
    client.force_login(learner)
    attempt = attempt_start(user=learner, quiz=quiz)
    page = client.get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert page.status_code == 200
    for text in XSS:
        assert_escaped(page, text)
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.content


def test_question_export_through_the_admin_survives_control_characters(client, trainer):
    quiz = qf.standalone_quiz()
    qf.mc(quiz, text="Soal dengan\x0btab vertikal\x1b dan \x08")
    client.force_login(trainer)
    for file_format in ("csv", "xlsx"):
        response = client.get(reverse("quizzes_admin_export", args=[quiz.pk, file_format]))
        assert response.status_code == 200, file_format
    cells = [
        cell.value for row in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows() for cell in row
    ]
    assert "Soal dengantab vertikal dan " in cells


# --- the django-quiz-app import -----------------------------------------------------------------------------


def test_a_django_quiz_database_with_hostile_text_imports_inert_or_reports_the_row(tmp_path, learner, client):
    path = tmp_path / "lama.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(DDL)
    db.execute("INSERT INTO auth_user VALUES (1, ?)", (learner.username,))
    db.execute("INSERT INTO quiz_category VALUES (1, ?)", (XSS[0],))
    db.execute(
        "INSERT INTO quiz_quiz VALUES (1, ?, ?, 'kuis-jahat', 0, NULL, 1, 0, 0, 50, ?, '', 0, 1)",
        (XSS[1], "Deskripsi\x00 dengan NUL", XSS[0]),
    )
    db.executemany(
        "INSERT INTO quiz_question VALUES (?, NULL, ?, ?, 1, NULL)",
        [(1, XSS[0], "Pen\x00jelasan"), (2, "Esai " + UNICODE[0], "")],
    )
    db.executemany("INSERT INTO quiz_question_quiz VALUES (?, ?, 1)", [(1, 1), (2, 2)])
    db.execute("INSERT INTO multichoice_mcquestion VALUES (1, 'content')")
    db.executemany(
        "INSERT INTO multichoice_answer VALUES (?, ?, ?, 1)", [(10, FORMULAS[-1], 1), (11, "Pilihan\x00B", 0)]
    )
    db.execute("INSERT INTO essay_essay_question VALUES (2)")
    db.execute(
        "INSERT INTO quiz_sitting VALUES (1, '1,2,', '', '', 1, 1, ?, '2024-01-01 10:00:00', NULL, 1, 1)",
        ('{"1": "²", "2": "Jawaban\\u0000<script>alert(1)</script>"}',),
    )
    db.execute("INSERT INTO quiz_progress VALUES (1, ?, 1)", (f"{XSS[0]},²,¹,",))
    db.commit()
    db.close()

    report = django_quiz_import(database_url=f"sqlite:///{path}")
    question = Question.objects.get(kind="mc")
    assert question.text == XSS[0]
    assert "\x00" not in question.explanation
    assert sorted(question.choices.values_list("text", flat=True)) == sorted([FORMULAS[-1], "PilihanB"])
    essay = Answer.objects.get(question__kind="essay")
    assert essay.text == "Jawaban<script>alert(1)</script>"
    assert Answer.objects.get(question=question).choice_id is None
    assert any("progress 1" in problem for problem in report.problems)
    client.force_login(learner)
    page = client.get(reverse("quizzes:result", args=[essay.attempt_id]))
    assert page.status_code == 200
    assert_escaped(page, "<script>alert(1)</script>")
