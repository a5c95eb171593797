"""import_django_quiz reads a django-quiz-app database (its real table and column names) into rows."""

import json
import sqlite3

import pytest
from django.core.management import CommandError, call_command
from PIL import Image as PILImage

from quizzes.models import Answer, Attempt, AttemptQuestion, Category, CategoryProgress, Question, Quiz
from quizzes.selectors import quiz_members
from tests import factories

pytestmark = pytest.mark.django_db

# The tables of django-quiz-app (quiz, multichoice, true_false and essay apps) with their column names.
DDL = """
CREATE TABLE auth_user (id integer PRIMARY KEY, username varchar(150) NOT NULL UNIQUE);
CREATE TABLE quiz_category (id integer PRIMARY KEY, category varchar(250) NULL UNIQUE);
CREATE TABLE quiz_subcategory (id integer PRIMARY KEY, sub_category varchar(250) NULL,
    category_id integer NULL REFERENCES quiz_category (id));
CREATE TABLE quiz_quiz (id integer PRIMARY KEY, title varchar(60) NOT NULL, description text NOT NULL,
    url varchar(60) NOT NULL, random_order bool NOT NULL, max_questions integer unsigned NULL,
    answers_at_end bool NOT NULL, exam_paper bool NOT NULL, single_attempt bool NOT NULL,
    pass_mark smallint NOT NULL, success_text text NOT NULL, fail_text text NOT NULL, draft bool NOT NULL,
    category_id integer NULL REFERENCES quiz_category (id));
CREATE TABLE quiz_question (id integer PRIMARY KEY, figure varchar(100) NULL, content varchar(1000) NOT NULL,
    explanation text NOT NULL, category_id integer NULL REFERENCES quiz_category (id),
    sub_category_id integer NULL REFERENCES quiz_subcategory (id));
CREATE TABLE quiz_question_quiz (id integer PRIMARY KEY, question_id integer NOT NULL REFERENCES quiz_question (id),
    quiz_id integer NOT NULL REFERENCES quiz_quiz (id));
CREATE TABLE multichoice_mcquestion (question_ptr_id integer PRIMARY KEY REFERENCES quiz_question (id),
    answer_order varchar(30) NULL);
CREATE TABLE multichoice_answer (id integer PRIMARY KEY, content varchar(1000) NOT NULL, correct bool NOT NULL,
    question_id integer NOT NULL REFERENCES multichoice_mcquestion (question_ptr_id));
CREATE TABLE true_false_tf_question (question_ptr_id integer PRIMARY KEY REFERENCES quiz_question (id),
    correct bool NOT NULL);
CREATE TABLE essay_essay_question (question_ptr_id integer PRIMARY KEY REFERENCES quiz_question (id));
CREATE TABLE quiz_sitting (id integer PRIMARY KEY, question_order varchar(1024) NOT NULL,
    question_list varchar(1024) NOT NULL, incorrect_questions varchar(1024) NOT NULL, current_score integer NOT NULL,
    complete bool NOT NULL, user_answers text NOT NULL, start datetime NOT NULL, "end" datetime NULL,
    quiz_id integer NOT NULL REFERENCES quiz_quiz (id), user_id integer NOT NULL REFERENCES auth_user (id));
CREATE TABLE quiz_progress (id integer PRIMARY KEY, score varchar(1024) NOT NULL,
    user_id integer NOT NULL UNIQUE REFERENCES auth_user (id));
"""


def _legacy_db(path, learner_username: str):
    db = sqlite3.connect(path)
    db.executescript(DDL)
    db.executemany("INSERT INTO auth_user VALUES (?, ?)", [(1, learner_username), (2, "orang-lain")])
    db.executemany("INSERT INTO quiz_category VALUES (?, ?)", [(1, "Pelayanan"), (2, "Etika")])
    db.execute("INSERT INTO quiz_subcategory VALUES (1, 'Loket', 1)")
    db.execute(
        "INSERT INTO quiz_quiz VALUES (1, 'Kuis Lama', 'Deskripsi lama', 'kuis-lama', 1, 2, 1, 1, 0, 60,"
        " 'Lulus!', 'Belum lulus.', 0, 1)"
    )
    db.execute("INSERT INTO quiz_quiz VALUES (2, 'Draf Lama', '', 'draf-lama', 0, NULL, 0, 0, 1, 50, '', '', 1, NULL)")
    db.executemany(
        "INSERT INTO quiz_question VALUES (?, ?, ?, ?, ?, ?)",
        [
            (1, "uploads/2015/01/01/loket.png", "Apa yang pertama dilakukan?", "Sapa dulu.", 1, 1),
            (2, None, "Antre itu adil.", "", 2, None),
            (3, None, "Ceritakan pengalaman Anda.", "", None, None),
            (4, None, "Soal tanpa kunci", "", None, None),
        ],
    )
    db.executemany(
        "INSERT INTO quiz_question_quiz VALUES (?, ?, ?)", [(1, 1, 1), (2, 2, 1), (3, 3, 1), (4, 4, 1), (5, 2, 2)]
    )
    db.executemany("INSERT INTO multichoice_mcquestion VALUES (?, ?)", [(1, "random"), (4, "content")])
    db.executemany(
        "INSERT INTO multichoice_answer VALUES (?, ?, ?, ?)",
        [(10, "Senyum dan sapa", 1, 1), (11, "Diam", 0, 1), (12, "A", 0, 4), (13, "B", 0, 4)],
    )
    db.execute("INSERT INTO true_false_tf_question VALUES (2, 1)")
    db.execute("INSERT INTO essay_essay_question VALUES (3)")
    sitting = "INSERT INTO quiz_sitting VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    db.executemany(
        sitting,
        [
            (
                1,
                "2,1,3,",
                "",
                "2,",
                2,
                1,
                json.dumps({"1": "10", "2": "False", "3": "Saya sapa warga."}),
                "2015-03-01 08:00:00",
                "2015-03-01 08:20:00",
                1,
                1,
            ),
            (2, "1,2,", "2,", "", 0, 0, "{}", "2015-03-02 08:00:00", None, 1, 1),  # not complete
            (3, "1,2,", "", "", 1, 1, "{}", "2015-03-03 08:00:00", None, 1, 2),  # unknown user
            (4, "1,x,", "", "", 1, 1, "{}", "2015-03-04 08:00:00", None, 1, 1),  # broken id list
        ],
    )
    db.execute("INSERT INTO quiz_progress VALUES (1, 'Pelayanan,3,4,Etika,1,2,Hilang,1,1,', 1)")
    db.commit()
    db.close()


def test_import_turns_comma_lists_and_json_into_rows(tmp_path, capsys):
    learner = factories.UserFactory(nip=None, username="budi")
    path = tmp_path / "lama.sqlite3"
    _legacy_db(path, "budi")

    call_command("import_django_quiz", f"sqlite:///{path}")

    quiz = Quiz.objects.get(slug="kuis-lama")
    assert (quiz.title, quiz.description, quiz.category.name) == ("Kuis Lama", "Deskripsi lama", "Pelayanan")
    assert (quiz.random_order, quiz.max_questions, quiz.answers_at_end, quiz.exam_paper) == (True, 2, True, True)
    assert (quiz.single_attempt, quiz.pass_mark, quiz.success_text, quiz.fail_text) == (
        False,
        60,
        "Lulus!",
        "Belum lulus.",
    )
    assert quiz.is_published and not Quiz.objects.get(slug="draf-lama").is_published
    assert Category.objects.get(name="Loket").parent.name == "Pelayanan"

    kinds = dict(quiz.questions.values_list("text", "kind"))
    assert kinds == {
        "Apa yang pertama dilakukan?": "mc",
        "Antre itu adil.": "tf",
        "Ceritakan pengalaman Anda.": "essay",
    }
    first = quiz.questions.get(kind="mc")
    assert first.answer_order == Question.AnswerOrder.RANDOM and str(first.category) == "Pelayanan › Loket"
    # The true/false question shared by two quizzes (django-quiz-app's many-to-many) is imported once, used by both.
    shared = Question.objects.get(text="Antre itu adil.")
    assert set(shared.quiz_links.values_list("quiz__slug", flat=True)) == {"kuis-lama", "draf-lama"}
    assert list(quiz_members(quiz=Quiz.objects.get(slug="draf-lama"))) == [shared]

    attempt = Attempt.objects.get(quiz=quiz)
    assert attempt.user == learner and attempt.is_finished
    assert [row.question.text for row in AttemptQuestion.objects.filter(attempt=attempt).order_by("position")] == [
        "Antre itu adil.",
        "Apa yang pertama dilakukan?",
        "Ceritakan pengalaman Anda.",
    ]
    answers = {answer.question.kind: answer for answer in Answer.objects.filter(attempt=attempt)}
    assert answers["mc"].choice.text == "Senyum dan sapa" and answers["mc"].is_correct
    assert answers["tf"].choice.text == "False" and answers["tf"].is_correct is False
    assert answers["essay"].text == "Saya sapa warga."
    assert float(attempt.score) == pytest.approx(66.67) and attempt.passed

    progress = {
        row.category.name: (float(row.points), row.possible) for row in CategoryProgress.objects.filter(user=learner)
    }
    assert progress == {"Pelayanan": (3.0, 4), "Etika": (1.0, 2)}

    problems = capsys.readouterr().err
    assert "figure uploads/2015/01/01/loket.png" in problems
    assert "question 4: multiple choice without a correct answer" in problems
    assert (
        "sitting 2: not complete" in problems
        and "sitting 3: user 2" in problems
        and "sitting 4: unreadable" in problems
    )
    assert "cannot read 'Hilang'" in problems

    # Running it again adds nothing.
    call_command("import_django_quiz", f"sqlite:///{path}")
    assert Quiz.objects.filter(slug="kuis-lama").count() == 1 and Attempt.objects.count() == 1


def test_figures_are_copied_from_the_media_root_and_a_missing_file_is_a_warning(tmp_path, capsys):
    factories.UserFactory(nip=None, username="budi")
    path = tmp_path / "lama.sqlite3"
    _legacy_db(path, "budi")
    db = sqlite3.connect(path)
    db.execute("UPDATE quiz_question SET figure = 'uploads/hilang.png' WHERE id = 2")
    db.execute("UPDATE quiz_question SET figure = 'uploads/bukan-gambar.png' WHERE id = 3")
    db.commit()
    db.close()
    media = tmp_path / "media"
    (media / "uploads/2015/01/01").mkdir(parents=True)
    PILImage.new("RGB", (40, 30), "red").save(media / "uploads/2015/01/01/loket.png")
    (media / "uploads/bukan-gambar.png").write_text("not a picture")

    call_command("import_django_quiz", f"sqlite:///{path}", "--media-root", str(media))

    figure = Question.objects.get(text="Apa yang pertama dilakukan?").figure
    assert figure is not None and (figure.width, figure.height) == (40, 30)
    with figure.file.open("rb") as stored:
        assert PILImage.open(stored).size == (40, 30)
    assert Question.objects.get(text="Antre itu adil.").figure is None
    assert Question.objects.get(text="Ceritakan pengalaman Anda.").figure is None
    problems = capsys.readouterr().err
    assert "question 2: figure uploads/hilang.png not found" in problems
    assert "question 3: figure uploads/bukan-gambar.png is not an image" in problems
    assert Attempt.objects.filter(quiz__slug="kuis-lama", status=Attempt.Status.FINISHED).count() == 1


def test_a_broken_source_imports_nothing(tmp_path):
    path = tmp_path / "rusak.sqlite3"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE quiz_quiz (id integer PRIMARY KEY, title varchar(60));")
    db.close()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_django_quiz", f"sqlite:///{path}")
    assert not Quiz.objects.exists() and not Category.objects.exists()


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "bukan.sqlite3"
    path.write_bytes(b"this is not sqlite")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_django_quiz", f"sqlite:///{path}")
    assert not Quiz.objects.exists()
