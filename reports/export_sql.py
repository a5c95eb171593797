"""The export rows computed by PostgreSQL: every column already a neutralised string, streamed by COPY.

The Python path (reports.exports.export_rows) converts each value in a loop; at a million rows that loop, not
the database, was the cost (6.9x PostgreSQL's own COPY). Here the same conversions are SQL expressions on the
same scoped queryset, so its filters (units, year) stay bound parameters, and PostgreSQL writes the CSV itself.
tests/reports/test_export_sql.py checks on PostgreSQL that both paths give the same rows.
"""

from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Avg, Case, DecimalField, F, Func, Max, OuterRef, QuerySet, Subquery, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Round, Trim, TruncDate

FIELDS = (
    "x_nip",
    "x_name",
    "x_position",
    "x_unit_code",
    "x_unit_name",
    "x_module",
    "x_jp",
    "x_score",
    "x_pre",
    "x_post",
    "x_status",
    "x_completed_on",
    "x_number",
    "x_url",
)
FLUSH_BYTES = 256 * 1024


class Neutralised(Func):
    """SQL twin of reports.exports.neutralise: NULL becomes '', a formula trigger gets a leading apostrophe."""

    output_field = TextField()
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        text = f"COALESCE(({sql})::text, '')"
        # = + - @ tab CR, the same characters as reports.exports.FORMULA_TRIGGERS.
        return (
            f"(CASE WHEN LEFT({text}, 1) IN ('=', '+', '-', '@', CHR(9), CHR(13)) THEN '''' || {text} ELSE {text} END)",
            (*params, *params, *params),
        )


class IsoDate(Func):
    """A date as YYYY-MM-DD whatever the server's DateStyle."""

    function = "TO_CHAR"
    template = "TO_CHAR(%(expressions)s, 'YYYY-MM-DD')"
    output_field = TextField()


def _text_or_empty(expression):
    return Coalesce(Cast(expression, TextField()), Value(""), output_field=TextField())


def _pre_post_subqueries() -> tuple[Subquery, Subquery]:
    """Pre: the first finished attempt on the module's first published pre-test; post: the grade, under its
    grading method (highest, last, first, average rounded half up), of the finished attempts on the module's first
    published graded quiz. The rule of quizzes' pre/post selectors, as correlated index lookups per row."""
    from quizzes.models import Attempt, Quiz

    pre_test = (
        Quiz.objects.filter(module_id=OuterRef(OuterRef("module_id")), is_published=True, purpose=Quiz.Purpose.PRE_TEST)
        .order_by("pk")
        .values("pk")[:1]
    )
    pre = (
        Attempt.objects.filter(
            user_id=OuterRef("user_id"), quiz_id=Subquery(pre_test), status=Attempt.Status.FINISHED, is_preview=False
        )
        .order_by("finished_at", "pk")
        .values("score")[:1]
    )
    attempts = Attempt.objects.filter(
        user_id=OuterRef(OuterRef("user_id")), quiz_id=OuterRef("pk"), status=Attempt.Status.FINISHED, is_preview=False
    )
    score = DecimalField(max_digits=5, decimal_places=2)

    def aggregate(function):
        return Subquery(
            attempts.order_by().values("quiz_id").annotate(value=function).values("value")[:1], output_field=score
        )

    method = Quiz.GradingMethod
    grade = Case(
        When(
            grading_method=method.FIRST,
            then=Subquery(attempts.order_by("finished_at", "pk").values("score")[:1], output_field=score),
        ),
        When(
            grading_method=method.LAST,
            then=Subquery(attempts.order_by("-finished_at", "-pk").values("score")[:1], output_field=score),
        ),
        When(grading_method=method.AVERAGE, then=aggregate(Round(Avg("score"), 2))),
        default=aggregate(Max("score")),
        output_field=score,
    )
    post = (
        Quiz.objects.filter(module_id=OuterRef("module_id"), is_published=True)
        .exclude(purpose=Quiz.Purpose.PRE_TEST)
        .order_by("pk")
        .annotate(grade=grade)
        .values("grade")[:1]
    )
    return Subquery(pre), Subquery(post, output_field=score)


def sql_export_queryset(completions: QuerySet) -> QuerySet:
    """The scoped completions as tuples of 14 strings in reports.exports.COLUMNS order (PostgreSQL only)."""
    from certificates.models import Certificate

    from .exports import STATUS_COMPLETED, STATUS_REVOKED, verification_prefix

    before, after = verification_prefix()
    pre, post = _pre_post_subqueries()
    blank = Value("")
    name = Coalesce(
        NullIf("user__full_name", blank),
        NullIf(Trim(Concat("user__first_name", Value(" "), "user__last_name", output_field=TextField())), blank),
        "user__username",
        output_field=TextField(),
    )
    return completions.annotate(
        x_nip=Neutralised("user__nip"),
        x_name=Neutralised(name),
        x_position=Neutralised("user__position"),
        x_unit_code=Neutralised("unit__code"),
        x_unit_name=Neutralised("unit__name"),
        x_module=Neutralised(Coalesce("module__title", "workshop__title", output_field=TextField())),
        x_jp=Cast("jp", TextField()),
        x_score=_text_or_empty("score"),
        x_pre=_text_or_empty(pre),
        x_post=_text_or_empty(post),
        x_status=Case(
            When(certificate__status=Certificate.Status.REVOKED, then=Value(STATUS_REVOKED)),
            default=Value(STATUS_COMPLETED),
            output_field=TextField(),
        ),
        x_completed_on=IsoDate(TruncDate("completed_at", tzinfo=ZoneInfo(settings.TIME_ZONE))),
        x_number=Neutralised("certificate__number"),
        x_url=Case(
            When(
                certificate__token__gt="",  # nosec B106 -- a lookup on the token column, not a password
                then=Concat(Value(before), F("certificate__token"), Value(after), output_field=TextField()),
            ),
            default=blank,
            output_field=TextField(),
        ),
    ).values_list(*FIELDS)


def uses_sql_path(completions: QuerySet) -> bool:
    return connections[completions.db].vendor == "postgresql"


def copy_csv(completions: QuerySet, *, progress: Callable[[int], None] | None = None) -> Iterator[bytes]:
    """The CSV records (no header) as PostgreSQL's COPY writes them: every field quoted, UTF-8, in chunks.

    The statement is the ORM's compiled SQL and its parameters go to psycopg separately (a client-side bound
    query, as Django itself runs them): no user input is formatted into the SQL string.
    """
    import psycopg

    connection = connections[completions.db]
    try:
        sql, params = sql_export_queryset(completions).query.sql_with_params()
    except EmptyResultSet:  # a scope that matches nothing (e.g. a unit code outside it): no SQL to run
        if progress is not None:
            progress(0)
        return
    connection.ensure_connection()
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *, ENCODING 'UTF8')"
    buffer = bytearray()
    count = 0
    with psycopg.ClientCursor(connection.connection) as cursor, cursor.copy(statement, params) as copy:
        for data in copy:  # one COPY message per row
            buffer += data
            count += 1
            if len(buffer) >= FLUSH_BYTES:
                yield bytes(buffer)
                buffer.clear()
                if progress is not None:
                    progress(count)
    if buffer:
        yield bytes(buffer)
    if progress is not None:
        progress(count)


def sql_rows(completions: QuerySet, *, chunk_size: int = 5000) -> Iterator[tuple[str, ...]]:
    """The same rows as tuples of strings from a server-side cursor (the XLSX writer's source on PostgreSQL)."""
    return sql_export_queryset(completions).iterator(chunk_size=chunk_size)
