"""The export rows computed by PostgreSQL: every column already a neutralised string, streamed by COPY.

The Python path (reports.exports.export_rows) converts each value in a loop; at a million rows that loop, not
the database, was the cost (6.9x PostgreSQL's own COPY). Here the same conversions are SQL expressions on the
same scoped queryset, so its filters (units, year) stay bound parameters, and PostgreSQL writes the CSV itself.
tests/reports/test_export_sql.py checks on PostgreSQL that both paths give the same rows.
"""

import csv
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Case, DecimalField, Expression, F, Func, QuerySet, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim, TruncDate
from django.db.models.sql.constants import LOUTER

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


PRE_POST_ALIAS = "x_pre_post"


def _pre_post_sql(*, people_sql: str = "", people_params: tuple = ()) -> tuple[str, list]:
    """One row per (user, module) with pre and post computed once for everyone, to be joined to the completions.

    quizzes' rule (quizzes.selectors.analytics._pre_post): a module's pre-test is its first published pre-test
    and its graded quiz the first published quiz of any other purpose (lowest id each); pre is the score of the
    first finished attempt (by finished_at, id) on the pre-test; post is the grade of the finished attempts on the
    graded quiz under its grading method (first, last, average rounded to 2 places half up, else the highest).
    Previews never count. Aggregated over all attempts and hash-joined: the correlated subqueries it replaces cost
    four or five index probes per exported row.
    """
    from quizzes.models import Attempt, Quiz

    quiz, attempt = Quiz._meta.db_table, Attempt._meta.db_table
    method = Quiz.GradingMethod
    # The first and the last attempt are the least and the greatest [finished_at, id, score] array: plain
    # aggregates, so PostgreSQL hashes the groups instead of sorting every group's attempts (ORDER BY aggregates).
    key = "ARRAY[EXTRACT(EPOCH FROM attempt.finished_at), attempt.id, attempt.score]"
    post = "FILTER (WHERE NOT roles.is_pre)"
    scope = f"AND attempt.user_id IN ({people_sql})" if people_sql else ""
    sql = f"""
        SELECT attempt.user_id, roles.module_id,
            (MIN({key}) FILTER (WHERE roles.is_pre))[3] AS pre,
            CASE MAX(roles.grading_method) {post}
                WHEN %s THEN (MIN({key}) {post})[3]
                WHEN %s THEN (MAX({key}) {post})[3]
                WHEN %s THEN ROUND(AVG(attempt.score) {post}, 2)
                ELSE MAX(attempt.score) {post}
            END AS post
        FROM "{attempt}" attempt
        JOIN (
            SELECT DISTINCT ON (module_id, purpose = %s) id, module_id, purpose = %s AS is_pre, grading_method
            FROM "{quiz}"
            WHERE is_published AND module_id IS NOT NULL
            ORDER BY module_id, purpose = %s, id
        ) roles ON roles.id = attempt.quiz_id
        WHERE attempt.status = %s AND NOT attempt.is_preview {scope}
        GROUP BY attempt.user_id, roles.module_id
    """  # noqa: S608  # nosec B608 -- table names, constant fragments and the ORM's own compiled subquery; values are parameters
    pre_test = Quiz.Purpose.PRE_TEST
    params = [method.FIRST, method.LAST, method.AVERAGE, pre_test, pre_test, pre_test, Attempt.Status.FINISHED]
    return sql, [str(value) for value in params] + list(people_params)


class PrePostJoin:
    """`LEFT OUTER JOIN (_pre_post_sql()) x_pre_post ON (user and module)` in an ORM query's FROM clause.

    Django has no public API for joining a derived table; an entry in Query.alias_map with as_sql() and
    relabeled_clone() (the contract documented on django.db.models.sql.datastructures.Join) is compiled as a join.
    """

    join_type = LOUTER
    nullable = True
    filtered_relation = None
    table_name = table_alias = PRE_POST_ALIAS

    def __init__(self, parent_alias: str, people: QuerySet | None = None):
        self.parent_alias = parent_alias
        self.people = people

    def as_sql(self, compiler, connection):
        # Only the exported people's attempts are aggregated: a unit's export must not pay for the whole country's.
        people_sql, people_params = ("", ())
        if self.people is not None:
            people_sql, people_params = self.people.query.get_compiler(connection=connection).as_sql()
        sql, params = _pre_post_sql(people_sql=people_sql, people_params=people_params)
        alias, parent = (
            compiler.quote_name_unless_alias(PRE_POST_ALIAS),
            compiler.quote_name_unless_alias(self.parent_alias),
        )
        return (
            f"LEFT OUTER JOIN ({sql}) {alias} ON ({alias}.user_id = {parent}.user_id "
            f"AND {alias}.module_id = {parent}.module_id)",
            params,
        )

    def relabeled_clone(self, change_map):
        return type(self)(change_map.get(self.parent_alias, self.parent_alias), self.people)


class PrePostColumn(Expression):
    """A column (pre or post) of the joined PrePostJoin table."""

    output_field = DecimalField(max_digits=5, decimal_places=2)

    def __init__(self, column: str):
        super().__init__()
        self.column = column

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(PRE_POST_ALIAS)}.{connection.ops.quote_name(self.column)}", []


def with_pre_post(queryset: QuerySet) -> QuerySet:
    """The queryset with the pre/post table joined (once) under the alias PRE_POST_ALIAS."""
    queryset = queryset._chain()
    query = queryset.query
    if PRE_POST_ALIAS not in query.alias_map:
        people = queryset.order_by().values("user_id") if query.where else None  # scoped: aggregate those only
        query.alias_map[PRE_POST_ALIAS] = PrePostJoin(query.get_initial_alias(), people)
        query.alias_refcount[PRE_POST_ALIAS] = 1
    return queryset


def sql_export_queryset(completions: QuerySet) -> QuerySet:
    """The scoped completions as tuples of 14 strings in reports.exports.COLUMNS order (PostgreSQL only)."""
    from certificates.models import Certificate

    from .exports import STATUS_COMPLETED, STATUS_REVOKED, verification_prefix

    before, after = verification_prefix()
    blank = Value("")
    name = Coalesce(
        NullIf("user__full_name", blank),
        NullIf(Trim(Concat("user__first_name", Value(" "), "user__last_name", output_field=TextField())), blank),
        "user__username",
        output_field=TextField(),
    )
    return (
        with_pre_post(completions)
        .annotate(
            x_nip=Neutralised("user__nip"),
            x_name=Neutralised(name),
            x_position=Neutralised("user__position"),
            x_unit_code=Neutralised("unit__code"),
            x_unit_name=Neutralised("unit__name"),
            x_module=Neutralised(Coalesce("module__title", "workshop__title", output_field=TextField())),
            x_jp=Cast("jp", TextField()),
            x_score=_text_or_empty("score"),
            x_pre=_text_or_empty(PrePostColumn("pre")),
            x_post=_text_or_empty(PrePostColumn("post")),
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
        )
        .values_list(*FIELDS)
    )


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


def copy_rows(completions: QuerySet) -> Iterator[list[str]]:
    """The same rows as lists of strings, read from the CSV that COPY writes and parsed by the C csv module.

    The XLSX and ODS writers' source on PostgreSQL: the rows PostgreSQL already converted, with the CSV path's plan (a
    server-side cursor is planned for its first rows and walked the whole table in date order for one unit).
    """
    import psycopg

    connection = connections[completions.db]
    try:
        sql, params = sql_export_queryset(completions).query.sql_with_params()
    except EmptyResultSet:
        return
    connection.ensure_connection()
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, ENCODING 'UTF8')"
    with psycopg.ClientCursor(connection.connection) as cursor, cursor.copy(statement, params) as copy:
        # One COPY message per record, the newlines inside quoted fields included: each is one csv "line".
        yield from csv.reader(bytes(data).decode("utf-8") for data in copy)


def sql_rows(completions: QuerySet, *, chunk_size: int = 5000) -> Iterator[tuple[str, ...]]:
    """The same rows as tuples of strings from a server-side cursor (used by the tests to compare both paths)."""
    return sql_export_queryset(completions).iterator(chunk_size=chunk_size)
