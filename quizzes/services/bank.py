"""Question import and export (CSV and XLSX) with a per-row error report.

Columns (header row, any order, case-insensitive): kind (mc, tf, multi, essay, sjt), text, choice_1 … choice_6,
correct (mc: the number of the correct choice, e.g. "2"; multi: numbers separated by commas, "1,3"; tf: true or
false / benar or salah; essay and sjt: empty), explanation, category ("Category" or "Category > Sub-category",
created when missing), value (a Ber-AKHLAK code such as "pelayanan"), answer_order (written, content, random,
none), scores_1 … scores_6 (sjt only: the scores per value of choice n, "pelayanan:4; harmonis:3", each 0–4) and
reuse (the id of an existing question to use in this quiz as well, instead of a new one; other columns empty).
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from courses.models import BerAkhlakValue

from ..forms import question_problems
from ..models import Category, Choice, ChoiceValueScore, Question, Quiz
from ..models.questions import SJT_MAX_SCORE
from ..selectors import quiz_members
from .authoring import question_create, question_reuse

CHOICE_COLUMNS = [f"choice_{number}" for number in range(1, 7)]
SCORE_COLUMNS = [f"scores_{number}" for number in range(1, 7)]
COLUMNS = [
    "kind",
    "text",
    *CHOICE_COLUMNS,
    "correct",
    "explanation",
    "category",
    "value",
    "answer_order",
    *SCORE_COLUMNS,
    "reuse",
]
FILE_KINDS = {"mc", "tf", "multi", "essay", "sjt"}
TRUE_WORDS, FALSE_WORDS = {"true", "benar", "ya", "1"}, {"false", "salah", "tidak", "0"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHOICE_MAX = Choice._meta.get_field("text").max_length
CATEGORY_MAX = Category._meta.get_field("name").max_length
_ORDERED_CHOICES = Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk"))


class QuestionFileError(ValueError):
    """The file as a whole cannot be read (type, encoding, missing columns)."""


@dataclass
class ImportReport:
    created: int = 0
    errors: list[dict] = field(default_factory=list)  # {"row": spreadsheet row, "column": name, "message": text}


def read_rows(upload, *, name: str) -> list[dict[str, str]]:
    """Rows of a CSV (UTF-8, with or without BOM) or XLSX file as dicts keyed by lower-case column names."""
    lower = name.lower()
    if lower.endswith(".csv"):
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise QuestionFileError(_("The CSV file is not UTF-8 text.")) from error
        if "\x00" in text:
            raise QuestionFileError(_("The CSV file contains NUL characters; save it as CSV UTF-8 and try again."))
        table = list(csv.reader(io.StringIO(text)))
    elif lower.endswith(".xlsx"):
        table = _xlsx_table(upload)
    else:
        raise QuestionFileError(_("Upload a .csv or .xlsx file."))
    if not table:
        raise QuestionFileError(_("The file is empty."))
    header = [cell.strip().lower() for cell in table[0]]
    missing = [column for column in ("kind", "text") if column not in header and "reuse" not in header]
    if missing:
        raise QuestionFileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for values in table[1:]:
        row = {column: (values[index].strip() if index < len(values) else "") for index, column in enumerate(header)}
        rows.append(row)
    return rows


def _xlsx_table(upload) -> list[list[str]]:
    """The first sheet as text; a damaged workbook (bad ZIP, broken XML, a bomb) is a QuestionFileError."""
    from openpyxl import load_workbook

    from people.tables import WorkbookTooLarge, xlsx_expanded_size_check

    try:
        xlsx_expanded_size_check(upload)
        workbook = load_workbook(upload, read_only=True, data_only=True)
        try:
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            return [["" if cell is None else str(cell) for cell in row] for row in rows]
        finally:
            workbook.close()
    except WorkbookTooLarge as error:
        raise QuestionFileError(str(error)) from error
    except Exception as error:  # openpyxl and its XML parser raise many types for a damaged file
        raise QuestionFileError(_("The XLSX file cannot be opened.")) from error


def _category(path: str) -> Category | None:
    names = [part.strip() for part in path.split(">") if part.strip()]
    if not names:
        return None
    top, _created = Category.objects.get_or_create(name=names[0], parent=None)
    if len(names) == 1:
        return top
    child, _created = Category.objects.get_or_create(name=names[1], parent=top)
    return child


def _number(text: str) -> bool:
    """ASCII digits only: "²".isdigit() is true but int("²") fails."""
    return text.isascii() and text.isdigit()


def _parse(row: dict[str, str]) -> tuple[dict | None, list[tuple[str, str]]]:
    """The question_create arguments for one row, or the (column, message) problems that stop it."""
    problems = []
    kind = row.get("kind", "").lower()
    text = row.get("text", "")
    if kind not in FILE_KINDS:
        problems.append(("kind", _("Unknown kind %(kind)s; use mc, tf, multi, essay or sjt.") % {"kind": kind or "—"}))
    if not text:
        problems.append(("text", _("The question text is empty.")))
    order = row.get("answer_order", "").lower() or Question.AnswerOrder.WRITTEN
    if order not in Question.AnswerOrder.values:
        problems.append(("answer_order", _("Unknown answer order %(order)s.") % {"order": order}))
    value = None
    if row.get("value"):
        value = BerAkhlakValue.objects.filter(code=row["value"].lower()).first()
        if value is None:
            problems.append(("value", _("Unknown Ber-AKHLAK value %(code)s.") % {"code": row["value"]}))
    correct_raw = row.get("correct", "").lower().replace(" ", "")
    texts = [row.get(column, "") for column in CHOICE_COLUMNS if row.get(column, "")]
    for column in CHOICE_COLUMNS:
        if len(row.get(column, "")) > CHOICE_MAX:
            problems.append((column, _("A choice has at most %(max)d characters.") % {"max": CHOICE_MAX}))
    if any(len(name.strip()) > CATEGORY_MAX for name in row.get("category", "").split(">")):
        problems.append(("category", _("A category name has at most %(max)d characters.") % {"max": CATEGORY_MAX}))
    choices: list[tuple[str, bool]] = []
    if kind == "tf":
        if correct_raw not in TRUE_WORDS | FALSE_WORDS:
            problems.append(("correct", _("A true/false question needs true or false in the correct column.")))
        answer = correct_raw in TRUE_WORDS
        choices = [(_("True"), answer), (_("False"), not answer)]
    elif kind in ("mc", "multi"):
        numbers = [part for part in correct_raw.split(",") if part]
        if not numbers or not all(_number(part) and 1 <= int(part) <= len(texts) for part in numbers):
            problems.append(
                ("correct", _("Give the number of each correct choice (1 to %(count)d).") % {"count": len(texts)})
            )
            numbers = []
        chosen = {int(part) for part in numbers}
        choices = [(choice, index + 1 in chosen) for index, choice in enumerate(texts)]
    value_scores = None
    if kind == "sjt":
        choices = [(choice, False) for choice in texts]
        value_scores = _value_scores(row, len(texts), problems)
    if kind in FILE_KINDS and not any(column in ("correct", *SCORE_COLUMNS) for column, _message in problems):
        scored = [len(scores) for scores in value_scores] if value_scores else [0] * len(choices)
        checked = [(ok, scored[index]) for index, (_t, ok) in enumerate(choices)]
        for message in question_problems(kind=kind, choices=checked, number=1):
            problems.append(("correct", message))
    if problems:
        return None, problems
    return {
        "kind": kind,
        "text": text,
        "choices": choices,
        "explanation": row.get("explanation", ""),
        "category_path": row.get("category", ""),
        "value": value,
        "answer_order": order,
        "value_scores": value_scores,
    }, []


def _value_scores(row: dict[str, str], count: int, problems: list) -> list[dict]:
    """One {value: score} per choice from scores_1 … scores_n ("pelayanan:4; harmonis:3"); problems appended."""
    values = {value.code: value for value in BerAkhlakValue.objects.all()}
    result = []
    for number in range(1, count + 1):
        column = f"scores_{number}"
        scores = {}
        for part in [part.strip() for part in row.get(column, "").split(";") if part.strip()]:
            code, _sep, raw = (piece.strip().lower() for piece in part.partition(":"))
            if code not in values:
                problems.append((column, _("Unknown Ber-AKHLAK value %(code)s.") % {"code": code or "—"}))
            elif not _number(raw) or int(raw) > SJT_MAX_SCORE:
                problems.append(
                    (column, _("The score for %(code)s must be a whole number from 0 to 4.") % {"code": code})
                )
            elif values[code] in scores:
                problems.append((column, _("%(code)s is scored twice.") % {"code": code}))
            else:
                scores[values[code]] = int(raw)
        if not scores:
            message = _("Give choice %(number)d a score per value, e.g. pelayanan:4.") % {"number": number}
            problems.append((column, message))
        result.append(scores)
    for number in range(count + 1, 7):
        if row.get(f"scores_{number}"):
            problems.append((f"scores_{number}", _("Scores given for a choice that has no text.")))
    return result


def questions_import(*, quiz: Quiz, rows: list[dict[str, str]], partial: bool = False) -> ImportReport:
    """Add the rows' questions to the quiz; with errors, nothing is added unless partial (then the good rows)."""
    report = ImportReport()
    parsed = []
    for index, row in enumerate(rows, start=2):  # row 1 is the header, as the spreadsheet numbers it
        if not any(row.values()):
            continue
        if row.get("reuse"):
            reused, problems = _reused(row)
            for column, message in problems:
                report.errors.append({"row": index, "column": column, "message": message})
            if reused is not None:
                parsed.append({"reuse": reused})
            continue
        arguments, problems = _parse(row)
        for column, message in problems:
            report.errors.append({"row": index, "column": column, "message": message})
        if arguments:
            parsed.append(arguments)
    if report.errors and not partial:
        return report
    with transaction.atomic():
        for arguments in parsed:
            if "reuse" in arguments:
                question_reuse(question=arguments["reuse"], quiz=quiz)
                report.created += 1
                continue
            category = _category(arguments.pop("category_path"))
            question_create(quiz=quiz, category=category, **arguments)
            report.created += 1
    return report


def _reused(row: dict[str, str]) -> tuple[Question | None, list[tuple[str, str]]]:
    raw = row["reuse"].strip()
    question = Question.objects.filter(pk=int(raw)).first() if _number(raw) else None
    if question is None:
        return None, [("reuse", _("No question has the id %(id)s.") % {"id": raw})]
    return question, []


def _safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def _export_rows(quiz: Quiz) -> list[list[str]]:
    rows = [COLUMNS]
    questions = quiz_members(quiz=quiz).select_related("category__parent", "value")
    scores = Prefetch("choices__value_scores", queryset=ChoiceValueScore.objects.select_related("value"))
    for question in questions.prefetch_related(_ORDERED_CHOICES, scores):
        choices = list(question.choices.all())
        if question.kind == Question.Kind.TRUE_FALSE:
            correct = "true" if choices and choices[0].is_correct else "false"
            texts = [""] * 6
        else:
            correct = ",".join(str(index + 1) for index, choice in enumerate(choices) if choice.is_correct)
            texts = [choice.text for choice in choices[:6]] + [""] * (6 - min(6, len(choices)))
        category = ""
        if question.category:
            category = (
                f"{question.category.parent.name} > {question.category.name}"
                if question.category.parent_id
                else question.category.name
            )
        row = [question.kind, question.text, *texts, correct, question.explanation, category]
        row += [question.value.code if question.value else "", question.answer_order]
        if question.kind == Question.Kind.SITUATIONAL:
            correct_at = COLUMNS.index("correct")
            row[correct_at] = ""
            row += [
                "; ".join(f"{score.value.code}:{score.score}" for score in choice.value_scores.all())
                for choice in choices[:6]
            ]
        row += [""] * (len(COLUMNS) - len(row))
        rows.append([_safe(str(cell)) for cell in row])
    return rows


def questions_export(*, quiz: Quiz, file_format: str) -> tuple[bytes, str]:
    """The quiz's questions (its own and reused ones) in the import format; formula-like cells quoted."""
    rows = _export_rows(quiz)
    if file_format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, quoting=csv.QUOTE_ALL).writerows(rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Questions"))
    for row in rows:
        # XML cannot hold most control characters (a vertical tab pasted from Word): openpyxl would refuse the row.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def error_report_csv(errors: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([_("Row"), _("Column"), _("Problem")])
    for error in errors:
        writer.writerow([error["row"], error["column"], _safe(error["message"])])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
