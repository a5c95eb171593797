"""Reads about modules, lessons and a learner's progress."""

from dataclasses import dataclass
from functools import cache

from django.db.models import QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from ..models import Enrolment, LessonPage, LessonProgress, ModulePage
from .translations import canonical_page


@dataclass(frozen=True)
class ModuleProgress:
    done: int
    total: int
    next_lesson: LessonPage | None
    last_lesson: LessonPage | None
    enrolled: bool = False

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def all_lessons_done(self) -> bool:
        return self.total > 0 and self.done >= self.total


def module_lessons(*, module: ModulePage) -> QuerySet[LessonPage]:
    return LessonPage.objects.child_of(module).live().order_by("path")


def module_progress(*, user, module: ModulePage) -> ModuleProgress:
    """How far a learner is, and which lesson to open next ("continue where you left off"), in one query.

    The same answer as modules_progress for one module: its live lessons annotated with the learner's progress.
    """
    module = canonical_page(module)  # the English module shows the progress kept on its Indonesian source
    lessons = _lessons_with_progress(user=user, module=module, source=module)
    if not lessons:  # no row to carry the enrolment
        return ModuleProgress(
            done=0,
            total=0,
            next_lesson=None,
            last_lesson=None,
            enrolled=Enrolment.objects.filter(user=user, module=module).exists(),
        )
    return _progress_of(lessons)


def _lessons_with_progress(*, user, module: ModulePage, source: ModulePage) -> list[LessonPage]:
    """The module's live lessons, each with is_done, is_last and is_enrolled for the learner: one query.

    Progress is kept on the Indonesian source: for an English module, matched by the lessons' translation key.
    Plain SQL, the same statement every time: on the pages learners open most, building it with the ORM (three
    EXISTS subqueries) cost more CPU than running it.
    """
    same = source.pk == module.pk
    done = (user.pk,) if same else (user.pk, source.pk)
    params = [*done, user.pk, source.pk, user.pk, source.pk, f"{module.path}%", module.depth + 1]
    lessons = list(LessonPage.objects.raw(_lessons_sql(same), params))
    for lesson in lessons:  # SQLite answers EXISTS with 0 or 1
        lesson.is_done, lesson.is_last = bool(lesson.is_done), bool(lesson.is_last)
        lesson.is_enrolled = bool(lesson.is_enrolled)
    return lessons


@cache
def _lessons_sql(same_module: bool) -> str:
    """The statement behind _lessons_with_progress, built once per process (table names from the models)."""
    page, lesson = Page._meta.db_table, LessonPage._meta.db_table
    progress, enrolment = LessonProgress._meta.db_table, Enrolment._meta.db_table
    if same_module:
        done = "SELECT 1 FROM {progress} d WHERE d.user_id = %s AND d.lesson_id = p.id"
        last = "SELECT 1 FROM {enrolment} e WHERE e.user_id = %s AND e.module_id = %s AND e.last_lesson_id = p.id"
    else:  # an English module: the Indonesian lesson with the same translation key
        done = (
            "SELECT 1 FROM {progress} d INNER JOIN {page} dp ON dp.id = d.lesson_id "
            "WHERE d.user_id = %s AND d.module_id = %s AND dp.translation_key = p.translation_key"
        )
        last = (
            "SELECT 1 FROM {enrolment} e INNER JOIN {page} ep ON ep.id = e.last_lesson_id "
            "WHERE e.user_id = %s AND e.module_id = %s AND ep.translation_key = p.translation_key"
        )
    statement = (
        "SELECT l.page_ptr_id, p.id, p.title, p.url_path, p.path, p.depth, "  # noqa: S608  # nosec B608 -- tables from models, values as parameters
        "EXISTS(" + done + ") AS is_done, EXISTS(" + last + ") AS is_last, "
        "EXISTS(SELECT 1 FROM {enrolment} f WHERE f.user_id = %s AND f.module_id = %s) AS is_enrolled "
        "FROM {page} p INNER JOIN {lesson} l ON l.page_ptr_id = p.id "
        "WHERE p.path LIKE %s AND p.depth = %s AND p.live ORDER BY p.path"
    )
    return statement.format(page=page, lesson=lesson, progress=progress, enrolment=enrolment)


def _progress_of(lessons: list[LessonPage]) -> ModuleProgress:
    return ModuleProgress(
        done=sum(1 for item in lessons if item.is_done),
        total=len(lessons),
        next_lesson=next((item for item in lessons if not item.is_done), None),
        last_lesson=next((item for item in lessons if item.is_last), None),
        enrolled=any(item.is_enrolled for item in lessons),
    )


def modules_progress(*, user, modules) -> dict[int, ModuleProgress]:
    """Progress in many modules at once (keyed by module id), in three queries however many there are.

    Only live lessons count, so a lesson unpublished after it was done no longer does; "continue" only
    points at a lesson still published in its module.
    """
    by_path = {module.path: module.pk for module in modules}
    if not by_path:
        return {}
    step = Page.steplen
    lessons = (
        LessonPage.objects.live()
        .annotate(parent_path=Substr("path", 1, Length("path") - step))
        .filter(parent_path__in=list(by_path))
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth")
    )
    lessons_of: dict[int, list[LessonPage]] = {pk: [] for pk in by_path.values()}
    for lesson in lessons:
        lessons_of[by_path[lesson.parent_path]].append(lesson)
    module_ids = list(lessons_of)
    done_ids = set(
        LessonProgress.objects.filter(user=user, lesson__in=lessons.values("pk")).values_list("lesson_id", flat=True)
    )
    last_lesson_of = dict(
        Enrolment.objects.filter(user=user, module_id__in=module_ids).values_list("module_id", "last_lesson_id")
    )
    result = {}
    for module_id, module_lessons_ in lessons_of.items():
        done = [lesson for lesson in module_lessons_ if lesson.pk in done_ids]
        last_id = last_lesson_of.get(module_id)
        result[module_id] = ModuleProgress(
            done=len(done),
            total=len(module_lessons_),
            next_lesson=next((lesson for lesson in module_lessons_ if lesson.pk not in done_ids), None),
            last_lesson=next((lesson for lesson in module_lessons_ if lesson.pk == last_id), None),
            enrolled=module_id in last_lesson_of,
        )
    return result


def lesson_neighbours(*, lesson: LessonPage, module: ModulePage) -> dict:
    lessons = list(module_lessons(module=module))
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    return {
        "previous_lesson": lessons[index - 1] if index > 0 else None,
        "next_lesson": lessons[index + 1] if index + 1 < len(lessons) else None,
        "lesson_number": index + 1,
        "lesson_count": len(lessons),
    }


def lesson_state(*, user, lesson: LessonPage, module: ModulePage) -> dict:
    """Everything the lesson page shows about the learner, in one query whatever the size of the catalogue.

    Progress in the module, whether this lesson is done, and its neighbours, from the module's live lessons
    annotated with the learner's progress and enrolment. A draft previewed in the admin is not among the live
    lessons, so it has no neighbours (and one more query tells whether it was done).
    """
    source = canonical_page(module)  # no query for an Indonesian module
    lessons = _lessons_with_progress(user=user, module=module, source=source)
    index = next((i for i, item in enumerate(lessons) if item.pk == lesson.pk), None)
    progress = _progress_of(lessons)
    if index is None or not lesson.live:
        done = LessonProgress.objects.filter(user=user, lesson=canonical_page(lesson)).exists()
        return {
            "progress": progress,
            "done": done,
            "previous_lesson": None,
            "next_lesson": None,
            "lesson_number": None,
            "lesson_count": None,
        }
    return {
        "progress": progress,
        "done": lessons[index].is_done,
        "previous_lesson": lessons[index - 1] if index > 0 else None,
        "next_lesson": lessons[index + 1] if index + 1 < len(lessons) else None,
        "lesson_number": index + 1,
        "lesson_count": len(lessons),
    }


def enrolments_in_progress(*, user) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(user=user).select_related("module").order_by("-last_seen_at")
