"""What an HR officer may see: completions, people and ledgers of the units in their scope, never more."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Max, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Length

from people.models import Unit, User
from people.selectors import units_in_scope
from records.models import Completion, CompletionTally, ExternalTraining, JpYear
from records.selectors import completions_in_units, with_jp_total


class UnknownUnit(Exception):
    """The unit code names no unit (or none the user may see)."""


def course_title_expression():
    """The title of what was completed (a module or a workshop), as a SQL expression for exports and aggregates."""
    return Coalesce("module__title", "workshop__title")


def export_pre_post_scores(*, pairs: list[tuple[int, int | None]]) -> dict[tuple[int, int], tuple]:
    """Pre-test and post-test score per (user id, module id) for one chunk of exported rows: two queries per chunk.

    The rule lives in quizzes (first pre-test attempt; post-test grade under its grading method).
    """
    from quizzes.selectors import pre_post_by_pair

    return pre_post_by_pair(pairs=pairs)


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
    if not (nip.isascii() and nip.isdigit() and len(nip) <= 18):  # not a NIP: never a query (NUL, "²", …)
        return None
    return scoped_people(user=user).filter(nip=nip).select_related("unit").first()


def external_waiting_review(*, user) -> QuerySet[ExternalTraining]:
    """Learners' submissions waiting for an HR decision, only of people in the officer's scope, oldest first."""
    return (
        ExternalTraining.objects.filter(status=ExternalTraining.Status.PENDING, user__in=scoped_people(user=user))
        .exclude(user=user)
        .select_related("user", "user__unit")
        .order_by("entered_at", "pk")
    )


def external_reviewers(*, training: ExternalTraining) -> list[User]:
    """Whom to tell of a new entry: the HR officers nearest the person's unit among those who find it in their
    review queue (`external_waiting_review`, the queue's own rule, asked per candidate, not a second copy).

    Nearest: an officer of the unit itself before one of the unit above it, and so on, so that HR of a whole ministry
    is not told of every entry below it (they still see them in the queue). When no HR officer covers the unit,
    the superusers who can review it are told instead. Active, admin access, never the person themself. A few
    officers per unit, so one query each is fine (this runs in a task).
    """
    person = training.user
    if person.unit_id is None:
        return []
    path, step = person.unit.path, Unit.steplen
    above = [path[:end] for end in range(step, len(path) + 1, step)]
    scoped = (
        User.objects.filter(unit_scopes__unit__path__in=above, is_active=True)
        .exclude(pk=person.pk)
        .annotate(nearest=Max(Length("unit_scopes__unit__path")))
        .order_by("-nearest", "pk")
    )
    reviewers = [officer for officer in scoped if _reviews(officer, training)]
    if reviewers:
        return [officer for officer in reviewers if officer.nearest == reviewers[0].nearest]
    superusers = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=person.pk).order_by("pk")
    return [officer for officer in superusers if _reviews(officer, training)]


def _reviews(officer: User, training: ExternalTraining) -> bool:
    return (
        officer.has_perm("wagtailadmin.access_admin")
        and external_waiting_review(user=officer).filter(pk=training.pk).exists()
    )


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


def _units_under(roots: list[Unit]) -> dict[int, str]:
    """Unit id -> path for every unit under the roots (a few thousand at most: a ministry's tree)."""
    return dict(Unit.objects.filter(_path_condition(roots, "")).values_list("pk", "path"))


def _jp_by_group(*, roots: list[Unit], year: int, length: int, units: dict[int, str] | None = None) -> dict[str, dict]:
    """Per unit group (path prefix of `length`, by the person's current unit): people with any JP this year and
    people at or above the target. Reads records.JpYear (one row per person and year), grouped by unit in SQL."""
    units = _units_under(roots) if units is None else units
    target = settings.MELAYANI_JP_TARGET
    rows = (
        JpYear.objects.filter(year=year, user__is_active=True, user__unit_id__in=list(units), entries__gt=0)
        .order_by()
        .values("user__unit_id")
        .annotate(
            learners=Count("pk"),
            meeting=Count("pk", filter=Q(platform_jp__gte=Value(target) - F("external_jp"))),
        )
        .values_list("user__unit_id", "learners", "meeting")
    )
    groups: dict[str, dict] = {}
    for unit_id, learners, meeting in rows:
        group = groups.setdefault(units[unit_id][:length], {"learners": 0, "meeting": 0})
        group["learners"] += learners
        group["meeting"] += meeting
    return groups


def people_meeting_target(*, user, year: int, unit_code: str | None = None) -> int:
    """How many people in scope reached the JP target (both sources, aggregated in SQL)."""
    roots = scope_roots(user=user, unit_code=unit_code)
    if not roots or not user.has_perm("records.view_unit_records"):
        return 0
    groups = _jp_by_group(roots=roots, year=year, length=Unit.steplen)
    return sum(row["meeting"] for row in groups.values())


def _people_and_jp_by_unit(*, unit_ids: list[int], year: int) -> list[tuple[int, int, int, int]]:
    """Per unit id: active ASN (with a NIP), active people with JP this year, and those at or above the target."""
    if not unit_ids:
        return []
    users = connection.ops.quote_name(User._meta.db_table)
    years = connection.ops.quote_name(JpYear._meta.db_table)
    placeholders = ", ".join(["%s"] * len(unit_ids))
    sql = (
        "SELECT u.unit_id, SUM(CASE WHEN u.nip IS NOT NULL THEN 1 ELSE 0 END), "  # noqa: S608  # nosec B608 -- table names from models
        "SUM(CASE WHEN j.entries > 0 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN j.entries > 0 AND j.platform_jp + j.external_jp >= %s THEN 1 ELSE 0 END) "
        f"FROM {users} u LEFT JOIN {years} j ON j.user_id = u.id AND j.year = %s "
        f"WHERE u.is_active AND u.unit_id IN ({placeholders}) GROUP BY u.unit_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [settings.MELAYANI_JP_TARGET, year, *unit_ids])
        return [(unit_id, int(a or 0), int(b or 0), int(c or 0)) for unit_id, a, b, c in cursor.fetchall()]


def dashboard(*, user, year: int, unit_code: str | None = None) -> dict:
    """The HR dashboard's numbers from the yearly summaries: people and their JpYear per unit, tallies per course."""
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
    units = _units_under(roots)
    # People, learners and people at the target per unit id in one pass over the people of the units (joined to
    # their JpYear row of the year), folded into groups by path here.
    people_by: dict[str, int] = {}
    ledger: dict[str, dict] = {}
    for unit_id, staff, learners, meeting in _people_and_jp_by_unit(unit_ids=list(units), year=year):
        key = units[unit_id][:length]
        people_by[key] = people_by.get(key, 0) + staff
        group = ledger.setdefault(key, {"learners": 0, "meeting": 0})
        group["learners"] += learners
        group["meeting"] += meeting
    # The year's completions per unit (at completion time) and course come from records.CompletionTally.
    cells: list[dict] = []
    tallies = CompletionTally.objects.filter(year=year, unit_id__in=list(units)).values_list(
        "unit_id", "course_id", "completions", "jp", "score_sum", "scored"
    )
    for unit_id, course_id, n, jp, score_sum, scored in tallies:
        cells.append(
            {
                "grp": units[unit_id][:length],
                "course_id": course_id,
                "n": n,
                "jp": jp,
                "score_sum": score_sum,
                "scored": scored,
            }
        )
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


def learning_gain_by_unit(*, user, unit_code: str | None = None, max_modules: int = 20) -> dict:
    """Per unit group (the dashboard's grouping): the cohort's pre/post normalised gain on every module that has a
    pre-test, and the Ber-AKHLAK value profile of its people, from quizzes' own selectors. Scoped as everywhere."""
    from courses.models import ModulePage
    from quizzes.models import Quiz
    from quizzes.selectors import cohort_gain, value_profile

    roots = scope_roots(user=user, unit_code=unit_code)
    if not roots or not (user.is_active and user.has_perm("records.view_unit_records")):
        return {"groups": [], "modules": []}
    units = list(roots[0].get_children()) or roots if len(roots) == 1 else roots
    with_pre_test = Quiz.objects.filter(purpose=Quiz.Purpose.PRE_TEST, module__isnull=False).values("module_id")
    modules = list(ModulePage.objects.filter(pk__in=with_pre_test).order_by("title")[:max_modules])
    groups = []
    for unit in units:
        people = people_under([unit])
        groups.append(
            {
                "unit": unit,
                "gains": [(module, cohort_gain(users=people, module=module)) for module in modules],
                "values": value_profile(users=people),
            }
        )
    return {"groups": groups, "modules": modules}
