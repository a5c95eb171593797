"""Reads of completion records."""

from django.db.models import QuerySet, Sum

from .models import Completion


def completions_of(*, user) -> QuerySet[Completion]:
    return Completion.objects.filter(user=user).select_related("module", "workshop").order_by("-completed_at")


def completed_module_ids(*, user, module_ids) -> set[int]:
    """Which of these modules the person has completed; answers courses' prerequisite question."""
    return set(Completion.objects.filter(user=user, module_id__in=module_ids).values_list("module_id", flat=True))


def jp_earned(*, user, year: int) -> int:
    return Completion.objects.filter(user=user, completed_at__year=year).aggregate(total=Sum("jp"))["total"] or 0


def completions_in_units(*, units: QuerySet, year: int | None = None) -> QuerySet[Completion]:
    """Completions whose unit lies in the given units (already expanded to subtrees by the caller)."""
    queryset = Completion.objects.filter(unit__in=units)
    if year is not None:
        queryset = queryset.filter(completed_at__year=year)
    return queryset.select_related("user", "module", "workshop", "unit").order_by("-completed_at", "pk")
