"""Reads about modules, lessons and a learner's progress."""

from dataclasses import dataclass

from django.db.models import QuerySet

from ..models import Enrolment, LessonPage, LessonProgress, ModulePage


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
    """How far a learner is, and which lesson to open next ("continue where you left off")."""
    lessons = list(module_lessons(module=module).specific(defer=True).only("id", "title", "url_path", "path"))
    done_ids = set(
        LessonProgress.objects.filter(user=user, lesson__in=[lesson.pk for lesson in lessons]).values_list(
            "lesson_id", flat=True
        )
    )
    enrolment = Enrolment.objects.filter(user=user, module=module).first()
    # Only offer to continue at a lesson that is still published in this module.
    last = next((lesson for lesson in lessons if enrolment and lesson.pk == enrolment.last_lesson_id), None)
    next_lesson = next((lesson for lesson in lessons if lesson.pk not in done_ids), None)
    return ModuleProgress(
        done=len(done_ids),
        total=len(lessons),
        next_lesson=next_lesson,
        last_lesson=last,
        enrolled=enrolment is not None,
    )


def lesson_neighbours(*, lesson: LessonPage, module: ModulePage) -> dict:
    lessons = list(module_lessons(module=module))
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    return {
        "previous_lesson": lessons[index - 1] if index > 0 else None,
        "next_lesson": lessons[index + 1] if index + 1 < len(lessons) else None,
        "lesson_number": index + 1,
        "lesson_count": len(lessons),
    }


def enrolments_in_progress(*, user) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(user=user).select_related("module", "last_lesson").order_by("-last_seen_at")
