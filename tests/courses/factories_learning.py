"""Factories for learning tests (prerequisites, assignments, the learner's home); builds on tests.factories."""

import datetime
import itertools

from django.utils import timezone

from courses.models import Assignment, Enrolment, LessonPage, LessonProgress, ModulePage
from records.models import Completion
from tests import factories

_batch = itertools.count(1)


def many_modules(count: int, *, lessons: int = 1, jp: int = 2) -> list[ModulePage]:
    """`count` live modules with `lessons` live lessons each, added straight to the tree (no revisions) for speed."""
    batch = next(_batch)
    parent = factories.catalogue()
    modules = []
    for index in range(count):
        module = parent.add_child(
            instance=ModulePage(
                title=f"Modul Massal {batch}-{index:04d}",
                slug=f"massal-{batch}-{index}",
                summary="Ringkasan.",
                jp=jp,
                live=True,
            )
        )
        for number in range(lessons):
            module.add_child(
                instance=LessonPage(
                    title=f"Materi {number + 1}",
                    slug=f"materi-{number + 1}",
                    body=[("text", "<p>Isi.</p>")],
                    live=True,
                )
            )
        modules.append(module)
    return modules


def learner_history(*, user, modules: list[ModulePage], assigner) -> dict[str, list[ModulePage]]:
    """Spread the modules over the learner's home: a fifth each completed, in progress, assigned to the person
    (half of them overdue), assigned to their unit; the rest untouched. Bulk-created, so it stays fast at 500."""
    fifth = max(1, len(modules) // 5)
    groups = {
        "completed": modules[:fifth],
        "in_progress": modules[fifth : 2 * fifth],
        "assigned_person": modules[2 * fifth : 3 * fifth],
        "assigned_unit": modules[3 * fifth : 4 * fifth],
    }
    now = timezone.now()
    today = timezone.localdate()
    Completion.objects.bulk_create(
        Completion(user=user, module=module, unit=user.unit, jp=module.jp, score=90, completed_at=now)
        for module in groups["completed"]
    )
    first_lessons = {}
    for module in groups["in_progress"] + groups["assigned_person"]:
        first_lessons[module.pk] = LessonPage.objects.child_of(module).first()
    Enrolment.objects.bulk_create(
        Enrolment(user=user, module=module, last_lesson=first_lessons[module.pk]) for module in groups["in_progress"]
    )
    LessonProgress.objects.bulk_create(
        LessonProgress(user=user, module=module, lesson=first_lessons[module.pk])
        for module in groups["in_progress"] + groups["assigned_person"]
        if first_lessons[module.pk] is not None
    )
    Assignment.objects.bulk_create(
        Assignment(
            module=module,
            user=user,
            due_date=today + datetime.timedelta(days=(-3 if index % 2 else 30)),
            assigned_by=assigner,
        )
        for index, module in enumerate(groups["assigned_person"])
    )
    Assignment.objects.bulk_create(
        Assignment(module=module, unit=user.unit, due_date=today + datetime.timedelta(days=60), assigned_by=assigner)
        for module in groups["assigned_unit"]
    )
    return groups
