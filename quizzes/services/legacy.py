"""Import a django-quiz-app database (its 0.5-era tables) into quizzes, as relational rows.

django-quiz-app keeps a sitting's questions and wrong answers as comma-separated id lists, the answers as
JSON text and progress as "category name,score,possible," text; here they become AttemptQuestion, Answer and
CategoryProgress rows keyed by ids. A question shared by several quizzes (django-quiz-app's many-to-many) is
imported once and used by each of them (QuizQuestion rows). Figures are files under the old server's MEDIA_ROOT:
given that folder (media_root), each becomes a Wagtail image; a missing file is a warning and the question is
imported without it; without media_root the paths are reported, not copied. Only complete
sittings are imported (an unfinished one cannot be resumed meaningfully). Quizzes whose slug already exists
are skipped, so running the import twice adds nothing.
"""

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import dj_database_url
import PIL.Image
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.images import get_image_model

from .. import grading
from ..models import Answer, Attempt, AttemptQuestion, Category, CategoryProgress, Choice, Question, Quiz
from .authoring import question_reuse

TABLES = [
    "quiz_category",
    "quiz_subcategory",
    "quiz_quiz",
    "quiz_question",
    "quiz_question_quiz",
    "multichoice_mcquestion",
    "multichoice_answer",
    "true_false_tf_question",
    "essay_essay_question",
    "quiz_sitting",
    "quiz_progress",
]
ORDER = {"content": "content", "random": "random", "none": "none"}


class LegacySourceError(Exception):
    """The source database cannot be read as a django-quiz-app database."""


@dataclass
class LegacyReport:
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, key: str, number: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + number


Query = Callable[[str], list[dict]]


def _connect(database_url: str) -> tuple[Query, Callable[[], None]]:
    config = dj_database_url.parse(database_url)
    engine = config["ENGINE"]
    if engine.endswith("sqlite3"):
        try:
            connection = sqlite3.connect(f"file:{config['NAME']}?mode=ro", uri=True)
        except sqlite3.Error as error:
            raise LegacySourceError(str(error)) from error
        connection.row_factory = sqlite3.Row

        def query(sql: str) -> list[dict]:
            return [dict(row) for row in connection.execute(sql).fetchall()]

        return query, connection.close
    if "postgresql" in engine:
        import psycopg
        from psycopg.rows import dict_row

        connection = psycopg.connect(
            dbname=config["NAME"],
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            row_factory=dict_row,
        )

        def query(sql: str) -> list[dict]:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return list(cursor.fetchall())

        return query, connection.close
    raise LegacySourceError(f"Unsupported database engine {engine}: use sqlite:// or postgres://.")


def _ids(text: str | None) -> list[int]:
    """'3,1,2,' → [3, 1, 2]; raises ValueError on anything else."""
    return [int(part) for part in (text or "").split(",") if part.strip()]


def _text(value) -> str:
    """Legacy text as stored here: a SQLite source may hold NUL characters, which PostgreSQL cannot store."""
    return "" if value is None else str(value).replace("\x00", "")


def _when(value):
    if value is None or hasattr(value, "tzinfo"):
        moment = value
    else:
        moment = parse_datetime(str(value))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def django_quiz_import(*, database_url: str, media_root: str | Path | None = None) -> LegacyReport:
    """Read every django-quiz-app table from the source and write the rows in one transaction."""
    query, close = _connect(database_url)
    try:
        try:
            data = {table: query(f"SELECT * FROM {table}") for table in TABLES}  # noqa: S608  # fixed names  # nosec B608
            users = {row["id"]: row["username"] for row in query("SELECT id, username FROM auth_user")}
        except Exception as error:  # sqlite3 / psycopg errors: missing table, not a database, …
            raise LegacySourceError(f"Not a readable django-quiz-app database: {error}") from error
    finally:
        close()
    return _write(data, users, Path(media_root) if media_root else None)


@transaction.atomic
def _write(data: dict[str, list[dict]], users: dict[int, str], media_root: Path | None) -> LegacyReport:
    report = LegacyReport()
    categories: dict[int, Category] = {}
    by_name: dict[str, Category] = {}
    for row in data["quiz_category"]:
        name = (_text(row.get("category")) or f"Category {row['id']}")[:250]
        categories[row["id"]], created = Category.objects.get_or_create(name=name, parent=None)
        by_name[name] = categories[row["id"]]
        report.add("categories", int(created))
    subcategories: dict[int, Category] = {}
    for row in data["quiz_subcategory"]:
        name = (_text(row.get("sub_category")) or f"Sub-category {row['id']}")[:250]
        parent = categories.get(row.get("category_id"))
        subcategories[row["id"]], created = Category.objects.get_or_create(name=name, parent=parent)
        report.add("categories", int(created))

    quizzes: dict[int, Quiz] = {}
    for row in data["quiz_quiz"]:
        slug = (_text(row.get("url")) or f"django-quiz-{row['id']}")[:80]
        if Quiz.objects.filter(slug=slug).exists():
            report.problems.append(f"quiz {row['id']} ({slug}): already imported, skipped")
            continue
        quizzes[row["id"]] = Quiz.objects.create(
            title=_text(row["title"])[:255],
            slug=slug,
            description=_text(row.get("description")),
            category=categories.get(row.get("category_id")),
            display=Quiz.Display.ONE,
            random_order=bool(row.get("random_order")),
            max_questions=row.get("max_questions") or None,
            answers_at_end=bool(row.get("answers_at_end")),
            exam_paper=bool(row.get("exam_paper")),
            single_attempt=bool(row.get("single_attempt")),
            pass_mark=min(100, max(0, int(row.get("pass_mark") or 0))),
            success_text=_text(row.get("success_text")),
            fail_text=_text(row.get("fail_text")),
            is_published=not row.get("draft"),
        )
        report.add("quizzes")

    mc = {row["question_ptr_id"]: row for row in data["multichoice_mcquestion"]}
    tf = {row["question_ptr_id"]: row for row in data["true_false_tf_question"]}
    essay = {row["question_ptr_id"] for row in data["essay_essay_question"]}
    answers_of: dict[int, list[dict]] = {}
    for row in sorted(data["multichoice_answer"], key=lambda row: row["id"]):
        answers_of.setdefault(row["question_id"], []).append(row)
    legacy_questions = {row["id"]: row for row in data["quiz_question"]}
    # (legacy question id, legacy quiz id) → new question; legacy answer id → new choice. A question is created
    # in the first quiz that uses it and reused by the others.
    questions: dict[tuple[int, int], Question] = {}
    imported: dict[int, Question | None] = {}
    choices: dict[int, Choice] = {}
    for link in sorted(data["quiz_question_quiz"], key=lambda row: row["id"]):
        quiz = quizzes.get(link["quiz_id"])
        row = legacy_questions.get(link["question_id"])
        if quiz is None or row is None:
            continue
        if row["id"] not in imported:
            imported[row["id"]] = _question(
                quiz, row, mc, tf, essay, answers_of, categories, subcategories, choices, report, media_root
            )
        elif imported[row["id"]] is not None:
            question_reuse(question=imported[row["id"]], quiz=quiz)
            report.add("reused questions")
        if imported[row["id"]] is not None:
            questions[(row["id"], link["quiz_id"])] = imported[row["id"]]

    by_username = {user.username: user for user in get_user_model().objects.filter(username__in=set(users.values()))}
    for row in data["quiz_sitting"]:
        _sitting(row, quizzes, questions, choices, users, by_username, report)

    for row in data["quiz_progress"]:
        user = by_username.get(users.get(row["user_id"], ""))
        if user is None:
            report.problems.append(f"progress {row['id']}: user {row['user_id']} has no account here, skipped")
            continue
        parts = [part for part in (row.get("score") or "").split(",") if part != ""]
        for index in range(0, len(parts) - 2, 3):
            name, score, possible = parts[index : index + 3]
            category = by_name.get(_text(name))
            if category is None or not (score + possible).isascii() or not score.isdigit() or not possible.isdigit():
                report.problems.append(f"progress {row['id']}: cannot read {name!r},{score},{possible}")
                continue
            _row, created = CategoryProgress.objects.get_or_create(
                user=user, category=category, defaults={"points": Decimal(score), "possible": int(possible)}
            )
            report.add("progress", int(created))
    return report


def _figure(row: dict, media_root: Path | None, report: LegacyReport):
    """The question's figure as a Wagtail image, or None with a warning when the file is not there."""
    name = (row.get("figure") or "").strip()
    if not name:
        return None
    if media_root is None:
        report.problems.append(f"question {row['id']}: figure {name} not copied (give --media-root to copy figures)")
        return None
    path = (media_root / name).resolve()
    if not path.is_relative_to(media_root.resolve()) or not path.is_file():
        report.problems.append(f"question {row['id']}: figure {name} not found under {media_root}, imported without it")
        return None
    with path.open("rb") as handle:
        try:
            PIL.Image.open(handle).verify()
        except (PIL.UnidentifiedImageError, OSError, SyntaxError):
            report.problems.append(f"question {row['id']}: figure {name} is not an image, imported without it")
            return None
        handle.seek(0)
        image = get_image_model()(title=f"{path.name} (django-quiz-app)"[:255], file=ImageFile(handle, name=path.name))
        image.save()
    report.add("figures")
    return image


def _question(quiz, row, mc, tf, essay, answers_of, categories, subcategories, choices, report, media_root):
    category = subcategories.get(row.get("sub_category_id")) or categories.get(row.get("category_id"))
    common = {
        "quiz": quiz,
        "text": _text(row["content"]),
        "explanation": _text(row.get("explanation")),
        "category": category,
        "sort_order": quiz.links.count(),
    }
    common["figure"] = _figure(row, media_root, report)
    if row["id"] in mc:
        options = answers_of.get(row["id"], [])
        correct = sum(1 for option in options if option["correct"])
        if len(options) < 2 or correct == 0:
            report.problems.append(f"question {row['id']}: multiple choice without a correct answer, skipped")
            return None
        kind = Question.Kind.MULTIPLE_CHOICE if correct == 1 else Question.Kind.MULTIPLE_CORRECT
        order = ORDER.get(mc[row["id"]].get("answer_order") or "", Question.AnswerOrder.WRITTEN)
        question = Question.objects.create(kind=kind, answer_order=order, **common)
        for index, option in enumerate(options):
            choices[option["id"]] = Choice.objects.create(
                question=question,
                text=_text(option["content"])[:1000],
                is_correct=bool(option["correct"]),
                sort_order=index,
            )
    elif row["id"] in tf:
        question = Question.objects.create(kind=Question.Kind.TRUE_FALSE, **common)
        truth = bool(tf[row["id"]]["correct"])
        Choice.objects.create(question=question, text="True", is_correct=truth, sort_order=0)
        Choice.objects.create(question=question, text="False", is_correct=not truth, sort_order=1)
    elif row["id"] in essay:
        question = Question.objects.create(kind=Question.Kind.ESSAY, **common)
    else:
        report.problems.append(f"question {row['id']}: unknown question type, skipped")
        return None
    report.add("questions")
    return question


def _sitting(row, quizzes, questions, choices, users, by_username, report):
    label = f"sitting {row['id']}"
    quiz = quizzes.get(row["quiz_id"])
    if quiz is None:
        return
    if not row.get("complete"):
        report.problems.append(f"{label}: not complete, skipped")
        return
    user = by_username.get(users.get(row["user_id"], ""))
    if user is None:
        report.problems.append(f"{label}: user {row['user_id']} has no account here, skipped")
        return
    try:
        order = _ids(row.get("question_order"))
        wrong = set(_ids(row.get("incorrect_questions")))
        given = json.loads(row.get("user_answers") or "{}")
        if not isinstance(given, dict):
            raise ValueError("user_answers is not an object")
    except (ValueError, TypeError) as error:
        report.problems.append(f"{label}: unreadable ({error}), skipped")
        return
    drawn = [questions[(pk, row["quiz_id"])] for pk in order if (pk, row["quiz_id"]) in questions]
    if not drawn:
        report.problems.append(f"{label}: none of its questions were imported, skipped")
        return
    with transaction.atomic():
        attempt = Attempt.objects.create(user=user, quiz=quiz)
        AttemptQuestion.objects.bulk_create(
            AttemptQuestion(attempt=attempt, question=question, position=index) for index, question in enumerate(drawn)
        )
        legacy_of = {question.pk: pk for pk in order for question in [questions.get((pk, row["quiz_id"]))] if question}
        for question in drawn:
            legacy_id = legacy_of[question.pk]
            raw = given.get(str(legacy_id))
            if raw is None:
                continue
            is_correct = legacy_id not in wrong
            answer = Answer(attempt=attempt, question=question, is_correct=is_correct)
            answer.points = grading.ONE if is_correct else grading.ZERO
            if question.kind == Question.Kind.ESSAY:
                answer.text = _text(raw)
            elif question.kind == Question.Kind.TRUE_FALSE:
                answer.choice = question.choices.get(text="True" if str(raw) == "True" else "False")
            elif str(raw).isascii() and str(raw).isdigit():
                answer.choice = choices.get(int(raw))
            answer.save()
        # The legacy score is what the learner was told; keep it rather than re-deciding the past.
        score = grading.percent(points=Decimal(row.get("current_score") or 0), questions=len(order) or 1)
        started = _when(row.get("start")) or timezone.now()
        Attempt.objects.filter(pk=attempt.pk).update(
            status=Attempt.Status.FINISHED,
            started_at=started,
            finished_at=_when(row.get("end")) or started,
            score=min(Decimal(100), score),
            passed=score >= quiz.pass_mark,
        )
    report.add("sittings")
