"""On PostgreSQL the export is converted in SQL and written by COPY; it must give exactly the Python path's rows."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.db.models import TextField, Value
from django.utils import timezone
from openpyxl import load_workbook

from certificates.services import certificate_issue, certificate_revoke
from people.models import Unit
from quizzes.models import Attempt, Quiz
from records.models import Completion
from reports.export_sql import Neutralised, sql_rows
from reports.exports import csv_bytes, csv_lines, export_rows, neutralise, write_csv, write_ods, write_xlsx
from reports.selectors import scoped_completions
from tests import factories
from tests.conftest import requires_postgres
from tests.courses import workshop_factories as wf
from tests.quizzes import factories as qf

from .helpers import DOCUMENTED_HEADER, csv_rows, ods_rows

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, requires_postgres]

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+62 812 0000",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTab",
    "\rReturn",
    'Dr. "Budi", M.Si.\nbaris dua',
    "Ṡiti Nur'aini 🌺, S.Kom.",
    "Đặng Thị Hương; 王小明",
]


def jakarta(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=ZoneInfo("Asia/Jakarta"))


def _finished(user, quiz, score, minutes):
    Attempt.objects.create(
        user=user,
        quiz=quiz,
        status=Attempt.Status.FINISHED,
        score=score,
        passed=score >= quiz.pass_mark,
        finished_at=timezone.now() - datetime.timedelta(minutes=minutes),
    )


@pytest.fixture
def data():
    """Two units (one with a child) and every kind of value the conversions treat differently."""
    unit_a = factories.UnitFactory(code="A", name="=Unit A")
    unit_a1 = factories.UnitFactory(code="A'1", name="Unit Ā Satu", parent=unit_a)
    unit_b = factories.UnitFactory(code="B", name="Unit B")
    module = factories.module(title="@Modul Satu", jp=4, lessons=0)
    other = factories.module(title="Modul Dua", jp=2, lessons=0)
    pre = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.PRE_TEST, title="Pre")
    post = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.POST_TEST, title="Post")
    workshop = wf.workshop(title="+Konsinyasi Bogor", sessions=2, jp_per_session=3)
    people = []
    for index, name in enumerate(HOSTILE):
        person = factories.UserFactory(unit=unit_a if index % 2 else unit_a1, full_name=name, position="-Analis")
        factories.completion(user=person, module=module, score=70 + index, completed_at=jakarta(2026, 3, 1 + index))
        people.append(person)
    _finished(people[0], pre, 40, minutes=30)
    _finished(people[0], pre, 90, minutes=10)  # the first pre-test counts, not this one
    _finished(people[0], post, 70, minutes=5)
    _finished(people[0], post, 85.5, minutes=1)
    nameless = factories.UserFactory(unit=unit_a, full_name="", first_name="Budi", last_name="Santoso")
    username_only = factories.UserFactory(unit=unit_a, full_name="", first_name="", last_name="")
    # 18:00 UTC on 31 December is already 1 January in Jakarta (date and year filter).
    boundary = factories.completion(
        user=nameless, module=other, score=None, completed_at=datetime.datetime(2025, 12, 31, 18, tzinfo=datetime.UTC)
    )
    Completion.objects.create(
        user=username_only, workshop=workshop, unit=unit_a, jp=6, completed_at=jakarta(2026, 5, 2)
    )
    revoked = certificate_issue(completion=Completion.objects.get(user=people[1]))
    certificate_revoke(certificate=revoked, reason="Salah nama")
    certificate_issue(completion=boundary)
    factories.completion(user=factories.UserFactory(unit=unit_b, full_name="Orang B"), completed_at=jakarta(2026, 4, 1))
    return {"a": unit_a, "a1": unit_a1, "b": unit_b, "people": people}


def python_csv(completions) -> list[list[str]]:
    return csv_rows("".join(csv_lines(completions)))


def sql_csv(completions) -> list[list[str]]:
    return csv_rows(b"".join(csv_bytes(completions)).decode("utf-8"))


def test_both_paths_give_the_same_rows_for_everything(data):
    completions = Completion.objects.order_by("-completed_at", "pk")

    python, sql = python_csv(completions), sql_csv(completions)

    assert len(sql) == Completion.objects.count() + 1
    assert sql == python
    assert sql[0] == DOCUMENTED_HEADER


def test_the_sql_rows_carry_the_conversions(data):
    rows = {row[1]: row for row in sql_csv(Completion.objects.order_by("pk"))[1:]}

    first = rows["'" + HOSTILE[0]]
    assert first[2] == "'-Analis" and first[5] == "'@Modul Satu"
    assert (first[8], first[9]) == ("40.00", "85.50")
    assert rows["'" + HOSTILE[4]][0].isdigit()  # the NIP stays digits, as text
    assert rows["'" + HOSTILE[1]][10] == "sertifikat dicabut"
    assert rows["Budi Santoso"][11] == "2026-01-01"  # the Jakarta date
    assert rows["Budi Santoso"][13].startswith("https://melayani.test/verifikasi/")
    assert rows[HOSTILE[7]][1] == HOSTILE[7]  # unicode untouched
    assert any(row[5] == "'+Konsinyasi Bogor" and row[6] == "6" for row in rows.values())


@pytest.mark.parametrize(("unit_key", "year"), [(None, None), (None, 2026), ("a1", None), ("a1", 2026), ("a", 2025)])
def test_both_paths_agree_under_hr_scope_and_filters(data, unit_key, year):
    hr = factories.hr_user(units=[data["a"]])
    unit_code = data[unit_key].code if unit_key else None
    completions = scoped_completions(user=hr, year=year, unit_code=unit_code)

    python, sql = python_csv(completions), sql_csv(completions)

    assert sql == python
    assert "Orang B" not in {row[1] for row in sql}  # unit B is out of scope whatever the filter
    if unit_key == "a1":
        assert len(sql) > 1 and all(row[3] == "A'1" for row in sql[1:])
    if year == 2025:
        assert len(sql) == 1  # the boundary completion is 2026 in Jakarta


def test_a_hostile_unit_code_is_a_bound_parameter_not_sql(data):
    hr = factories.hr_user(units=[data["a"]])
    code = "X');DROP TABLE x;--"
    hostile = factories.UnitFactory(code=code, name="Jahat", parent=data["a"])
    factories.completion(user=factories.UserFactory(unit=hostile, full_name="Orang X"))

    rows = sql_csv(scoped_completions(user=hr, unit_code=code))

    assert [row[1] for row in rows[1:]] == ["Orang X"] and rows[1][3] == code


def test_the_sql_rows_equal_the_python_rows(data):
    completions = Completion.objects.order_by("-completed_at", "pk")

    assert [list(row) for row in sql_rows(completions)] == list(export_rows(completions))


def test_write_csv_counts_records_and_reports_progress_on_the_copy_path(data):
    seen = []
    handle = io.BytesIO()

    count = write_csv(Completion.objects.all(), handle, progress=seen.append)

    assert count == Completion.objects.count() == seen[-1]
    assert handle.getvalue().startswith(b'\xef\xbb\xbf"NIP","Nama"')


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1", "'=1"), ("\t", "'\t"), ("\r", "'\r"), ("-", "'-"), ("a=b", "a=b"), (None, ""), ("", ""), ("Ā", "Ā")],
)
def test_the_sql_neutralisation_matches_the_python_one(value, expected):
    unit = factories.UnitFactory()

    got = Unit.objects.filter(pk=unit.pk).annotate(v=Neutralised(Value(value, output_field=TextField())))

    assert got.values_list("v", flat=True).get() == expected == neutralise(value)


def test_the_xlsx_from_sql_rows_has_no_formula_and_text_nips(data, tmp_path):
    target = tmp_path / "rekap.xlsx"

    count = write_xlsx(Completion.objects.order_by("-completed_at", "pk"), target)

    rows = list(load_workbook(target).active.iter_rows())
    assert count == Completion.objects.count() == len(rows) - 1
    assert all(cell.data_type == "s" for row in rows for cell in row if cell.value is not None)
    assert not any(str(cell.value).startswith("=") for row in rows for cell in row if cell.value is not None)
    expected = python_csv(Completion.objects.order_by("-completed_at", "pk"))
    read = [["" if cell.value is None else cell.value for cell in row] for row in rows]
    # XML without lxml turns a bare CR into LF when read back; compare on that footing.
    assert read == [[value.replace("\r", "\n") for value in row] for row in expected] or read == expected


def test_the_ods_from_sql_rows_holds_the_same_values_as_string_cells(data, tmp_path):
    target = tmp_path / "rekap.ods"

    count = write_ods(Completion.objects.order_by("-completed_at", "pk"), target)

    rows = ods_rows(target.read_bytes())
    assert count == Completion.objects.count() == len(rows) - 1
    assert {value_type for row in rows for text, value_type in row if text} == {"string"}
    expected = python_csv(Completion.objects.order_by("-completed_at", "pk"))
    # In ODS a CR is a line break like LF.
    assert [[text for text, _type in row] for row in rows] == [
        [value.replace("\r\n", "\n").replace("\r", "\n") for value in row] for row in expected
    ]


def test_a_scope_that_matches_nothing_gives_the_header_only(data):
    hr = factories.hr_user(units=[data["a"]])

    rows = sql_csv(scoped_completions(user=hr, unit_code="B"))  # B exists but is outside the scope

    assert rows == [DOCUMENTED_HEADER]
    assert write_csv(scoped_completions(user=hr, unit_code="B"), io.BytesIO()) == 0


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (Quiz.GradingMethod.HIGHEST, "85.50"),
        (Quiz.GradingMethod.LAST, "60.00"),
        (Quiz.GradingMethod.FIRST, "70.00"),
        (Quiz.GradingMethod.AVERAGE, "71.83"),
    ],
)
def test_the_post_test_column_follows_the_quizs_grading_method(method, expected):
    """quizzes' rule: the grade of the module's first published graded quiz; the pre-test's first attempt."""
    module = factories.module(lessons=0)
    pre = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.PRE_TEST, title="Pre")
    post = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.POST_TEST, title="Post", grading_method=method)
    draft = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.POST_TEST, title="Draf", is_published=False)
    person = factories.UserFactory()
    _finished(person, pre, 30, minutes=50)
    _finished(person, pre, 95, minutes=40)
    _finished(person, post, 70, minutes=30)
    _finished(person, post, 85.5, minutes=20)
    _finished(person, post, 60, minutes=10)
    _finished(person, draft, 100, minutes=5)  # an unpublished quiz never counts
    factories.completion(user=person, module=module)

    [row] = list(sql_rows(Completion.objects.filter(user=person)))

    assert (row[8], row[9]) == ("30.00", expected)


def test_the_joined_pre_post_table_matches_each_row_to_its_own_person_and_module():
    """The table is aggregated once for everyone: a row gets its own (person, module) pair, nobody else's."""
    module, other = factories.module(title="Modul A", lessons=0), factories.module(title="Modul B", lessons=0)
    pre = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.PRE_TEST, title="Pre")
    qf.standalone_quiz(module=module, purpose=Quiz.Purpose.PRE_TEST, title="Pre kedua")  # not the first: ignored
    graded = qf.standalone_quiz(
        module=other, purpose=Quiz.Purpose.QUIZ, title="Kuis", grading_method=Quiz.GradingMethod.LAST
    )
    first, second, third = factories.UserFactory(), factories.UserFactory(), factories.UserFactory()
    _finished(first, pre, 55, minutes=20)
    _finished(second, pre, 65, minutes=20)
    _finished(first, graded, 90, minutes=15)
    _finished(first, graded, 75, minutes=5)  # the last one counts on this quiz
    Attempt.objects.create(user=second, quiz=graded, status=Attempt.Status.IN_PROGRESS)  # unfinished: no grade
    preview = Attempt.objects.create(
        user=third,
        quiz=pre,
        status=Attempt.Status.FINISHED,
        score=99,
        passed=True,
        is_preview=True,
        finished_at=timezone.now(),
    )
    for person in (first, second, third):
        factories.completion(user=person, module=module)
        factories.completion(user=person, module=other)

    rows = {(row[0], row[5]): (row[8], row[9]) for row in sql_rows(Completion.objects.all())}
    python = {(row[0], row[5]): (row[8], row[9]) for row in export_rows(Completion.objects.all())}

    assert rows == python
    assert rows[(first.nip, module.title)] == ("55.00", "")
    assert rows[(second.nip, module.title)] == ("65.00", "")
    assert rows[(first.nip, other.title)] == ("", "75.00")
    assert rows[(second.nip, other.title)] == ("", "")
    assert rows[(third.nip, module.title)] == ("", "") and preview.is_preview
