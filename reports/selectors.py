"""What an HR officer may see: completions, people and ledgers of the units in their scope, never more."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Max, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Substr

from people.models import Unit, User
from people.selectors import units_in_scope
from records.models import Completion, ExternalTraining
from records.selectors import completions_in_units, with_jp_total


class UnknownUnit(Exception):
    """The unit code names no unit (or none the user may see)."""


def course_title_expression():
    """The title of what was completed (a module or a workshop), as a SQL expression for exports and aggregates."""
    return Coalesce("module__title", "workshop__title")


def export_pre_post_scores(*, pairs: list[tuple[int, int | None]]) -> dict[tuple[int, int], tuple]:
    """Pre-test and post-test score per (user id, module id) for one chunk of exported rows: two queries per chunk.

    Pre is the first finished pre-test attempt on the module (as in quizzes.selectors.pre_post_scores); post is
    the best finished attempt on the module's graded quiz. Workshop rows (module id None) get nothing.
    """
    from quizzes.models import Attempt, Quiz

    users = {user_id for user_id, module_id in pairs if module_id is not None}
    modules = {module_id for _user_id, module_id in pairs if module_id is not None}
    if not users:
        return {}
    finished = Attempt.objects.filter(
        user_id__in=users, quiz__module_id__in=modules, status=Attempt.Status.FINISHED, is_preview=False
    )
    scores: dict[tuple[int, int], list] = {}
    pre_rows = (
        finished.filter(quiz__purpose=Quiz.Purpose.PRE_TEST)
        .order_by("user_id", "quiz__module_id", "finished_at", "pk")
        .values_list("user_id", "quiz__module_id", "score")
    )
    for user_id, module_id, score in pre_rows:
        scores.setdefault((user_id, module_id), [None, None])
        if scores[(user_id, module_id)][0] is None:
            scores[(user_id, module_id)][0] = score
    post_rows = (
        finished.exclude(quiz__purpose=Quiz.Purpose.PRE_TEST)
        .values("user_id", "quiz__module_id")
        .annotate(best=Max("score"))
        .values_list("user_id", "quiz__module_id", "best")
    )
    for user_id, module_id, best in post_rows:
        scores.setdefault((user_id, module_id), [None, None])[1] = best
    cents = Decimal("0.01")  # SQLite's MAX() loses the decimal places; every score prints as 85.00
    return {
        key: tuple(None if value is None else Decimal(value).quantize(cents) for value in pair)
        for key, pair in scores.items()
    }


def scope_units(*, user, unit_code: str | None = None) -> QuerySet[Unit]:
    """The units the user may see, narrowed to one unit's subtree when a code is given (none if outside)."""
    units = units_in_scope(user=user)
    if unit_code:
        root = units.filter(code=unit_code).first()
        units = units.filter(path__startswith=root.path) if root else units.none()
    return units


def scope_roots(*, user, unit_code: str | None = None) -> list[Unit]:
    """The top units of what the user may see (their scope roots, or the chosen unit)."""
    if unit_code:
        root = units_in_scope(user=user).filter(code=unit_code).first()
        return [root] if root else []
    if user.is_superuser:
        return list(Unit.get_root_nodes())
    return [scope.unit for scope in user.unit_scopes.select_related("unit").order_by("unit__path")]


def _path_condition(roots: list[Unit], prefix: str) -> Q:
    """A join condition on path prefixes: PostgreSQL uses the path index, no IN (subquery) needed."""
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(**{f"{prefix}path__startswith": root.path})
    return condition


def scoped_completions(*, user, year: int | None = None, unit_code: str | None = None) -> QuerySet[Completion]:
    if user.is_active and user.is_superuser and not unit_code:
        # Administrators also see completions recorded before the person had a unit.
        return completions_for_export(year=year)
    units = scope_units(user=user, unit_code=unit_code)
    return completions_in_units(units=units, year=year).select_related("certificate")


def completions_for_export(*, year: int | None = None, unit_code: str | None = None) -> QuerySet[Completion]:
    """Operator export: all completions, or one unit's subtree."""
    if not unit_code:
        queryset = Completion.objects.all()
        if year is not None:
            queryset = queryset.filter(completed_at__year=year)
        return queryset.select_related("user", "module", "workshop", "unit", "certificate").order_by(
            "-completed_at", "pk"
        )
    root = Unit.objects.filter(code=unit_code).first()
    if root is None:
        raise UnknownUnit(unit_code)
    units = Unit.objects.filter(path__startswith=root.path)
    return completions_in_units(units=units, year=year).select_related("certificate")


def people_under(roots: list[Unit]) -> QuerySet[User]:
    """Active ASN (with a NIP) whose current unit lies under one of the roots."""
    return User.objects.filter(_path_condition(roots, "unit__"), is_active=True, nip__isnull=False)


def completions_under(roots: list[Unit], *, year: int | None = None) -> QuerySet[Completion]:
    """Completions whose unit (at completion time) lies under one of the roots."""
    queryset = Completion.objects.filter(_path_condition(roots, "unit__"))
    if year is not None:
        start, end = _year_bounds(year)
        queryset = queryset.filter(completed_at__gte=start, completed_at__lt=end)
    return queryset


def scoped_people(*, user, unit_code: str | None = None) -> QuerySet[User]:
    """Active ASN (with a NIP) whose current unit is in scope: the people HR answers for."""
    roots = scope_roots(user=user, unit_code=unit_code)
    if not roots or not (user.is_active and user.has_perm("records.view_unit_records")):
        return User.objects.none()
    return people_under(roots)


def person_in_scope(*, user, nip: str) -> User | None:
    """One person by NIP, or None when they are not in the user's scope (callers answer 404, not 403)."""
    return scoped_people(user=user).filter(nip=nip).select_related("unit").first()


def short_of_target(*, user, year: int, unit_code: str | None = None) -> QuerySet[User]:
    """People in scope whose JP this year is below settings.MELAYANI_JP_TARGET, fewest JP first."""
    people = with_jp_total(scoped_people(user=user, unit_code=unit_code), year=year)
    target = settings.MELAYANI_JP_TARGET
    return (
        people.filter(jp_total__lt=target)
        .annotate(jp_missing=Value(target) - F("jp_total"))
        .select_related("unit")
        .order_by("jp_total", "unit__path", "full_name", "pk")
    )


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime(year, 1, 1, tzinfo=zone), datetime.datetime(year + 1, 1, 1, tzinfo=zone)


def _jp_by_group(*, roots: list[Unit], year: int, length: int) -> dict[str, dict]:
    """Per unit group (path prefix of `length`, by the person's current unit): people with any JP this year and
    people at or above the target. One GROUP BY over completions UNION ALL approved external training."""
    start, end = _year_bounds(year)
    in_scope = _path_condition(roots, "user__unit__")
    group = Substr("user__unit__path", 1, length)
    platform = (
        Completion.objects.filter(in_scope, user__is_active=True, completed_at__gte=start, completed_at__lt=end)
        .order_by()
        .annotate(grp=group)
        .values_list("user_id", "grp", "jp")
    )
    external = (
        ExternalTraining.objects.filter(
            in_scope,
            user__is_active=True,
            ended_on__gte=start.date(),
            ended_on__lt=end.date(),
            status=ExternalTraining.Status.APPROVED,
        )
        .order_by()
        .annotate(grp=group)
        .values_list("user_id", "grp", "jp")
    )
    platform_sql, platform_params = platform.query.sql_with_params()
    external_sql, external_params = external.query.sql_with_params()
    sql = (
        "SELECT grp, COUNT(*), SUM(CASE WHEN total >= %s THEN 1 ELSE 0 END) FROM ("  # noqa: S608  # orm sql  # nosec B608
        "SELECT uid, grp, SUM(jp) AS total FROM ("
        f"SELECT p.user_id AS uid, p.grp AS grp, p.jp AS jp FROM ({platform_sql}) p "
        f"UNION ALL SELECT e.user_id, e.grp, e.jp FROM ({external_sql}) e"
        ") AS ledger GROUP BY uid, grp) AS per_person GROUP BY grp"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (settings.MELAYANI_JP_TARGET, *platform_params, *external_params))
        return {grp: {"learners": learners, "meeting": meeting or 0} for grp, learners, meeting in cursor.fetchall()}


def people_meeting_target(*, user, year: int, unit_code: str | None = None) -> int:
    """How many people in scope reached the JP target (both sources, aggregated in SQL)."""
    roots = scope_roots(user=user, unit_code=unit_code)
    if not roots or not user.has_perm("records.view_unit_records"):
        return 0
    groups = _jp_by_group(roots=roots, year=year, length=Unit.steplen)
    return sum(row["meeting"] for row in groups.values())


def dashboard(*, user, year: int, unit_code: str | None = None) -> dict:
    """The HR dashboard's numbers: three aggregate queries over the subtree, whatever its size."""
    roots = scope_roots(user=user, unit_code=unit_code)
    empty = {"roots": [], "people": 0, "completions": 0, "jp": 0, "meeting": 0, "short": 0, "by_unit": []}
    if not roots or not user.has_perm("records.view_unit_records"):
        return {**empty, "by_module": []}
    # Grouped by the level just below the chosen unit (or by the scope roots when there are several).
    if len(roots) == 1:
        length = (roots[0].depth + 1) * Unit.steplen
        groups = {unit.path: unit for unit in roots[0].get_children()}
    else:
        length = min(root.depth for root in roots) * Unit.steplen
        groups = {root.path: root for root in roots}
    people_by = dict(
        people_under(roots)
        .order_by()
        .annotate(grp=Substr("unit__path", 1, length))
        .values("grp")
        .annotate(n=Count("pk"))
        .values_list("grp", "n")
    )
    # One scan of the year's completions, grouped by unit group and course (module or workshop); totals follow.
    cells = list(
        completions_under(roots, year=year)
        .order_by()
        .annotate(grp=Substr("unit__path", 1, length), course_id=Coalesce("module_id", "workshop_id"))
        .values("grp", "course_id")
        .annotate(n=Count("pk"), jp=Sum("jp"), score_sum=Sum("score"), scored=Count("score"))
    )
    ledger = _jp_by_group(roots=roots, year=year, length=length)
    by_unit = []
    for path, unit in sorted(groups.items()):
        staff = people_by.get(path, 0)
        learners = ledger.get(path, {}).get("learners", 0)
        by_unit.append(
            {
                "unit": unit,
                "people": staff,
                "completions": sum(cell["n"] for cell in cells if cell["grp"] == path),
                "learners": learners,
                "percent": round(100 * learners / staff) if staff else 0,
            }
        )
    modules: dict[int, dict] = {}
    for cell in cells:
        row = modules.setdefault(cell["course_id"], {"n": 0, "score_sum": 0, "scored": 0})
        row["n"] += cell["n"]
        row["score_sum"] += cell["score_sum"] or 0
        row["scored"] += cell["scored"]
    titles = _course_titles(list(modules))
    by_module = sorted(
        (
            {
                "title": titles.get(module_id, ""),
                "n": row["n"],
                "average": (row["score_sum"] / row["scored"]) if row["scored"] else None,
            }
            for module_id, row in modules.items()
        ),
        key=lambda row: (-row["n"], row["title"]),
    )[:30]
    people_count = sum(people_by.values())
    meeting = sum(row["meeting"] for row in ledger.values())
    return {
        "roots": roots,
        "people": people_count,
        "completions": sum(cell["n"] for cell in cells),
        "jp": sum(cell["jp"] or 0 for cell in cells),
        "meeting": meeting,
        "short": max(people_count - meeting, 0),
        "by_unit": by_unit,
        "by_module": by_module,
    }


def _course_titles(module_ids: list[int]) -> dict[int, str]:
    """Titles of completed modules and workshops (both are pages), by page id."""
    from wagtail.models import Page

    return dict(Page.objects.filter(pk__in=module_ids).values_list("pk", "title"))


ACCESS_ACTIONS_ON_PERSON = ("melayani.ledger_view", "melayani.external_certificate_download")
ACCESS_ACTIONS_ON_EXPORT = ("melayani.export", "melayani.export_download")


def accesses_to(*, person: User, limit: int = 100) -> list:
    """Audit entries that concern a person: their ledger opened or a scan downloaded by someone else, and
    exports (and their downloads) whose units covered the person's current unit or a unit they completed in."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from .models import ExportJob

    unit_ids = set(Completion.objects.filter(user=person).exclude(unit=None).values_list("unit_id", flat=True))
    if person.unit_id:
        unit_ids.add(person.unit_id)
    prefixes = set()
    for path in Unit.objects.filter(pk__in=unit_ids).values_list("path", flat=True):
        prefixes |= {path[:end] for end in range(Unit.steplen, len(path) + 1, Unit.steplen)}
    covering = Q(pk__in=[])
    for prefix in prefixes:
        covering |= Q(scope_key__contains=f"|{prefix}|")
    job_ids = [str(pk) for pk in ExportJob.objects.filter(covering).order_by("-pk").values_list("pk", flat=True)[:500]]
    entries = ModelLogEntry.objects.filter(
        Q(
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(person.pk),
            action__in=ACCESS_ACTIONS_ON_PERSON,
        )
        | Q(
            content_type=ContentType.objects.get_for_model(ExportJob),
            object_id__in=job_ids,
            action__in=ACCESS_ACTIONS_ON_EXPORT,
        )
    ).exclude(user_id=person.pk)
    return list(entries.select_related("user").order_by("-timestamp")[:limit])
