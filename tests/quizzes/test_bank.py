"""Question import/export in CSV and XLSX, with a per-row error report, in the admin and as commands."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from quizzes.models import Category, Question
from quizzes.services.bank import COLUMNS, QuestionFileError, questions_import, read_rows
from tests import factories
from tests.quizzes import factories as qf

pytestmark = pytest.mark.django_db

GOOD = [
    {
        "kind": "mc",
        "text": "Sikap pertama?",
        "choice_1": "Senyum",
        "choice_2": "Diam",
        "correct": "1",
        "category": "Pelayanan > Loket",
        "value": "pelayanan",
    },
    {"kind": "tf", "text": "Antre itu adil?", "correct": "benar"},
    {
        "kind": "multi",
        "text": "Pilih yang ramah",
        "choice_1": "Sapa",
        "choice_2": "Bentak",
        "choice_3": "Senyum",
        "correct": "1,3",
    },
    {"kind": "essay", "text": "Ceritakan pengalaman melayani."},
]
BAD = [
    {"kind": "mc", "text": "Tanpa kunci", "choice_1": "A", "choice_2": "B", "correct": ""},
    {"kind": "quiz", "text": "Jenis salah"},
    {"kind": "mc", "text": "", "choice_1": "A", "choice_2": "B", "correct": "5", "value": "jujur"},
]


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([row.get(column, "") for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("maker,name", [(_csv, "soal.csv"), (_xlsx, "soal.xlsx")])
def test_good_rows_are_imported_with_kinds_keys_categories_and_values(maker, name):
    quiz = qf.standalone_quiz()
    report = questions_import(quiz=quiz, rows=read_rows(io.BytesIO(maker(GOOD)), name=name))
    assert (report.created, report.errors) == (4, [])
    mc, tf, multi, essay = quiz.questions.order_by("sort_order")
    assert [q.kind for q in (mc, tf, multi, essay)] == ["mc", "tf", "multi", "essay"]
    assert list(mc.choices.filter(is_correct=True).values_list("text", flat=True)) == ["Senyum"]
    assert str(mc.category) == "Pelayanan › Loket" and mc.value.code == "pelayanan"
    assert tf.choices.get(is_correct=True).sort_order == 0
    assert set(multi.choices.filter(is_correct=True).values_list("text", flat=True)) == {"Sapa", "Senyum"}
    assert not essay.choices.exists()


def test_bad_rows_are_reported_per_row_and_nothing_is_imported_without_partial():
    quiz = qf.standalone_quiz()
    report = questions_import(quiz=quiz, rows=read_rows(io.BytesIO(_csv(GOOD + BAD)), name="soal.csv"))
    assert report.created == 0 and not quiz.questions.exists()
    problems = {(error["row"], error["column"]) for error in report.errors}
    # Header is row 1, so the bad rows are rows 6, 7 and 8.
    assert (6, "correct") in problems and (7, "kind") in problems
    assert {(8, "text"), (8, "value"), (8, "correct")} <= problems


def test_partial_import_keeps_the_good_rows():
    quiz = qf.standalone_quiz()
    report = questions_import(quiz=quiz, rows=read_rows(io.BytesIO(_csv(GOOD + BAD)), name="soal.csv"), partial=True)
    assert report.created == 4 and quiz.questions.count() == 4 and report.errors


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"kind,text\n", "soal.txt"),
        (b"text\nA\n", "soal.csv"),
        (b"\xff\xfe\x00", "soal.csv"),
        (b"not a zip", "soal.xlsx"),
    ],
)
def test_unreadable_files_are_refused_as_a_whole(content, name):
    with pytest.raises(QuestionFileError):
        read_rows(io.BytesIO(content), name=name)


def test_export_round_trips_through_import_and_quotes_formula_like_cells():
    quiz = qf.standalone_quiz()
    questions_import(quiz=quiz, rows=read_rows(io.BytesIO(_csv(GOOD)), name="soal.csv"))
    qf.mc(quiz, text='=HYPERLINK("http://x")')
    from quizzes.services.bank import questions_export

    content, _type = questions_export(quiz=quiz, file_format="xlsx")
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS and rows[-1][1].startswith("'=")
    copy = qf.standalone_quiz(title="Salinan")
    report = questions_import(quiz=copy, rows=read_rows(io.BytesIO(content), name="x.xlsx"))
    assert report.errors == [] and report.created == 5
    assert list(copy.questions.values_list("kind", flat=True)) == list(quiz.questions.values_list("kind", flat=True))


def test_import_command_reports_rows_writes_the_error_file_and_fails_without_partial(tmp_path):
    quiz = qf.standalone_quiz(slug="kuis-impor")
    source = tmp_path / "soal.csv"
    source.write_bytes(_csv(GOOD + BAD))
    errors = tmp_path / "galat.csv"
    with pytest.raises(CommandError):
        call_command("import_questions", "kuis-impor", str(source), "--errors", str(errors))
    assert not quiz.questions.exists()
    report = list(csv.reader(io.StringIO(errors.read_text("utf-8-sig"))))
    assert len(report) == 1 + 5 and ["7", "kind"] == report[2][:2]
    call_command("import_questions", "kuis-impor", str(source), "--partial")
    assert quiz.questions.count() == 4
    output = tmp_path / "keluar.xlsx"
    call_command("export_questions", "kuis-impor", "--format", "xlsx", "--output", str(output))
    assert load_workbook(output).active.max_row == 5


def test_admin_import_shows_errors_and_offers_the_report_for_download(client):
    quiz = qf.standalone_quiz()
    trainer = factories.UserFactory(nip=None, username="pelatih-impor", role="pengajar", is_staff=True)
    client.force_login(trainer)
    client.cookies["django_language"] = "en"
    url = reverse("quizzes_admin_import", args=[quiz.pk])
    response = client.post(url, {"file": SimpleUploadedFile("soal.csv", _csv(GOOD + BAD), "text/csv")})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page and "Download the error report (CSV)" in page
    download = client.get(reverse("quizzes_admin_import_errors", args=[quiz.pk]))
    assert download["Content-Type"].startswith("text/csv") and "Jenis salah" not in download.content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))) == 1 + 5
    response = client.post(url, {"file": SimpleUploadedFile("soal.csv", _csv(GOOD + BAD)), "partial": "on"})
    assert response.status_code == 200 and quiz.questions.count() == 4
    assert Category.objects.filter(name="Loket", parent__name="Pelayanan").exists()


def test_learners_cannot_import_or_export(signed_in):
    quiz = qf.standalone_quiz()
    for url in (
        reverse("quizzes_admin_import", args=[quiz.pk]),
        reverse("quizzes_admin_export", args=[quiz.pk, "csv"]),
    ):
        assert signed_in.get(url).status_code in (302, 403)
    assert Question.objects.count() == 0


SJT = {
    "kind": "sjt",
    "text": "Warga marah di loket. Apa yang Anda lakukan?",
    "choice_1": "Dengarkan lalu bantu",
    "choice_2": "Minta menunggu",
    "choice_3": "Abaikan",
    "scores_1": "pelayanan:4; harmonis:3",
    "scores_2": "pelayanan:2;harmonis:1",
    "scores_3": "pelayanan:0",
}


@pytest.mark.parametrize("maker,name", [(_csv, "sjt.csv"), (_xlsx, "sjt.xlsx")])
def test_situational_judgement_rows_carry_a_score_per_value_and_option(maker, name):
    quiz = qf.standalone_quiz()
    report = questions_import(quiz=quiz, rows=read_rows(io.BytesIO(maker([SJT])), name=name))
    assert (report.created, report.errors) == (1, [])
    question = quiz.questions.get()
    assert question.kind == Question.Kind.SITUATIONAL
    scores = [
        {score.value.code: score.score for score in choice.value_scores.select_related("value")}
        for choice in question.choices.order_by("sort_order")
    ]
    assert scores == [{"pelayanan": 4, "harmonis": 3}, {"pelayanan": 2, "harmonis": 1}, {"pelayanan": 0}]


def test_bad_situational_judgement_rows_are_reported_per_row_and_column():
    quiz = qf.standalone_quiz()
    bad = [
        SJT | {"scores_1": "pelayanan:5"},  # row 2: above 4
        SJT | {"scores_2": "jujur:3"},  # row 3: no such value
        SJT | {"scores_3": ""},  # row 4: an option without scores
        SJT | {"scores_4": "pelayanan:1"},  # row 5: scores for a choice that has no text
        SJT | {"scores_1": "pelayanan:4; pelayanan:1"},  # row 6: scored twice
        SJT | {"choice_2": "", "choice_3": "", "scores_2": "", "scores_3": ""},  # row 7: one option only
    ]
    report = questions_import(quiz=quiz, rows=read_rows(io.BytesIO(_csv(bad)), name="sjt.csv"))
    problems = {(error["row"], error["column"]) for error in report.errors}
    assert problems == {
        (2, "scores_1"),
        (3, "scores_2"),
        (4, "scores_3"),
        (5, "scores_4"),
        (6, "scores_1"),
        (7, "correct"),
    }
    assert report.created == 0 and not quiz.questions.exists()


def test_situational_judgement_questions_round_trip_through_export_and_import():
    quiz = qf.standalone_quiz()
    qf.sjt(quiz)
    from quizzes.services.bank import questions_export

    content, _type = questions_export(quiz=quiz, file_format="csv")
    rows = read_rows(io.BytesIO(content), name="x.csv")
    assert rows[0]["kind"] == "sjt" and rows[0]["scores_1"] == "pelayanan:4; harmonis:3"
    copy = qf.standalone_quiz(title="Salinan SJT")
    assert questions_import(quiz=copy, rows=rows).errors == []

    def scores(target):
        question = target.questions.get()
        return [
            sorted((score.value.code, score.score) for score in choice.value_scores.select_related("value"))
            for choice in question.choices.order_by("sort_order")
        ]

    assert scores(copy) == scores(quiz)


def test_the_sample_file_imports_without_errors():
    from pathlib import Path

    samples = Path(__file__).resolve().parents[2] / "docs" / "samples"
    for name in ("questions.csv", "questions.xlsx"):
        quiz = qf.standalone_quiz(title=name)
        with (samples / name).open("rb") as handle:
            report = questions_import(quiz=quiz, rows=read_rows(handle, name=name))
        assert report.errors == [] and report.created == 5
        assert set(quiz.questions.values_list("kind", flat=True)) == {"mc", "tf", "multi", "essay", "sjt"}
