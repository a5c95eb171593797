"""Reads of completion records and the JP ledger."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .models import Completion, ExternalTraining


def completions_of(*, user) -> QuerySet[Completion]:
    return Completion.objects.filter(user=user).select_related("module", "workshop").order_by("-completed_at")


def external_trainings_of(*, user) -> QuerySet[ExternalTraining]:
    """A person's own external training, newest first, whatever its status (the learner follows their submissions)."""
    return ExternalTraining.objects.filter(user=user).order_by("-entered_at", "-pk")


def completed_module_ids(*, user, module_ids) -> set[int]:
    """Which of these modules the person has completed; answers courses' prerequisite question."""
    return set(Completion.objects.filter(user=user, module_id__in=module_ids).values_list("module_id", flat=True))


def jp_earned(*, user, year: int) -> int:
    """JP credited in a year: completions plus approved external training (by its end date)."""
    platform = Completion.objects.filter(user=user, completed_at__year=year).aggregate(total=Sum("jp"))["total"]
    external = ExternalTraining.objects.filter(
        user=user, ended_on__year=year, status=ExternalTraining.Status.APPROVED
    ).aggregate(total=Sum("jp"))["total"]
    return (platform or 0) + (external or 0)


def completions_in_units(*, units: QuerySet, year: int | None = None) -> QuerySet[Completion]:
    """Completions whose unit lies in the given units (already expanded to subtrees by the caller)."""
    queryset = Completion.objects.filter(unit__in=units)
    if year is not None:
        queryset = queryset.filter(completed_at__year=year)
    return queryset.select_related("user", "module", "workshop", "unit").order_by("-completed_at", "pk")


@dataclass(frozen=True)
class LedgerEntry:
    """One line of a JP ledger: a completion on the platform or external training entered by HR."""

    date: datetime.date
    title: str
    source: str  # "platform" or "external"
    jp: int
    counted: bool
    status: str
    reference: str  # certificate number
    external: ExternalTraining | None = None


@dataclass(frozen=True)
class Ledger:
    year: int
    entries: list[LedgerEntry]
    total: int
    target: int

    @property
    def shortfall(self) -> int:
        return max(0, self.target - self.total)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.total / self.target)) if self.target else 100


def jp_ledger(*, user, year: int) -> Ledger:
    """A person's JP in one year, line by line, against settings.MELAYANI_JP_TARGET."""
    from django.utils import timezone

    entries = []
    for completion in Completion.objects.filter(user=user, completed_at__year=year).select_related(
        "certificate", "module", "workshop"
    ):
        certificate = getattr(completion, "certificate", None)
        entries.append(
            LedgerEntry(
                date=timezone.localtime(completion.completed_at).date(),
                title=completion.course.title,
                source="platform",
                jp=completion.jp,
                counted=True,
                status="completed",
                reference=certificate.number if certificate else "",
            )
        )
    for training in ExternalTraining.objects.filter(user=user, ended_on__year=year):
        entries.append(
            LedgerEntry(
                date=training.ended_on,
                title=training.title,
                source="external",
                jp=training.jp,
                counted=training.status == ExternalTraining.Status.APPROVED,
                status=training.status,
                reference=training.certificate_number,
                external=training,
            )
        )
    entries.sort(key=lambda entry: entry.date)
    total = sum(entry.jp for entry in entries if entry.counted)
    return Ledger(year=year, entries=entries, total=total, target=settings.MELAYANI_JP_TARGET)


def with_jp_total(people: QuerySet, *, year: int) -> QuerySet:
    """Annotate people with `jp_total` for the year in SQL (two correlated sums, both index lookups)."""
    start = datetime.date(year, 1, 1)
    end = datetime.date(year + 1, 1, 1)
    platform = (
        Completion.objects.filter(user=OuterRef("pk"), completed_at__year=year)
        .order_by()
        .values("user")
        .annotate(total=Sum("jp"))
        .values("total")
    )
    external = (
        ExternalTraining.objects.filter(
            user=OuterRef("pk"), ended_on__gte=start, ended_on__lt=end, status=ExternalTraining.Status.APPROVED
        )
        .order_by()
        .values("user")
        .annotate(total=Sum("jp"))
        .values("total")
    )
    zero = Value(0, output_field=IntegerField())
    return people.annotate(
        jp_total=Coalesce(Subquery(platform, output_field=IntegerField()), zero)
        + Coalesce(Subquery(external, output_field=IntegerField()), zero)
    )
