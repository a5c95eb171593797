"""The yearly summaries the HR dashboard reads stay equal to the facts: kept by the services, rebuilt on demand."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from records.models import Completion, CompletionTally, ExternalTraining, JpYear
from records.selectors import jp_earned
from records.services import external_training_record, summaries_rebuild
from tests import factories
from tests.courses import workshop_factories as wf

pytestmark = pytest.mark.django_db


def utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def snapshot() -> tuple[set, set]:
    people = set(JpYear.objects.values_list("user_id", "year", "platform_jp", "external_jp", "entries"))
    tallies = set(
        CompletionTally.objects.values_list("unit_id", "course_id", "year", "completions", "jp", "score_sum", "scored")
    )
    return people, tallies


def external(user, jp, *, year=2026, status=ExternalTraining.Status.APPROVED):
    return external_training_record(
        user=user,
        title="Diklat luar",
        started_on=datetime.date(year, 3, 1),
        ended_on=datetime.date(year, 3, 2),
        jp=jp,
        entered_by=None,
        status=status,
    )


@pytest.fixture
def facts(unit):
    """Completions in two years (one across the Jakarta new year), a workshop, external training of each status."""
    other_unit = factories.UnitFactory(code="LAIN")
    first, second = factories.UserFactory(unit=unit), factories.UserFactory(unit=other_unit)
    module_a, module_b = factories.module(jp=4, lessons=0), factories.module(jp=6, lessons=0)
    factories.completion(user=first, module=module_a, score=80, completed_at=utc(2026, 2, 1))
    factories.completion(user=first, module=module_b, score=None, completed_at=utc(2025, 12, 31, 18))
    factories.completion(user=second, module=module_a, score=90.5, completed_at=utc(2025, 6, 1))
    factories.completion(user=second, module=module_b, unit=unit, score=70)
    workshop = wf.workshop(title="Konsinyasi", sessions=2, jp_per_session=3)
    from records.services import summary_add_completion

    summary_add_completion(
        completion=Completion.objects.create(
            user=second, workshop=workshop, unit=other_unit, jp=6, completed_at=timezone.now()
        )
    )
    external(first, 5)
    external(first, 7, status=ExternalTraining.Status.REJECTED)
    external(second, 3, year=2025)
    return first, second


def test_the_kept_summaries_equal_a_rebuild_from_the_facts(facts):
    kept = snapshot()

    summaries_rebuild()

    assert snapshot() == kept
    assert kept[0] and kept[1]


def test_each_persons_summary_is_their_ledger_total(facts):
    for row in JpYear.objects.all():
        assert row.platform_jp + row.external_jp == jp_earned(user=row.user, year=row.year)
    first, _second = facts
    # 18:00 UTC on 31 December 2025 is 1 January 2026 in Jakarta; the rejected training does not count.
    assert JpYear.objects.get(user=first, year=2026).platform_jp == 10
    assert JpYear.objects.get(user=first, year=2026).external_jp == 5
    assert not JpYear.objects.filter(user=first, year=2025).exists()


def test_the_tally_counts_by_the_unit_at_completion_time(facts, unit):
    _first, second = facts
    tallies = CompletionTally.objects.filter(unit=unit, year=timezone.localtime().year)

    assert sum(row.completions for row in tallies) >= 1
    assert CompletionTally.objects.filter(unit=second.unit).exists()


def test_a_real_completion_through_the_service_is_counted(learner):
    module = factories.module(jp=6, lessons=1)
    factories.lessons_complete(user=learner, module_page=module)  # no quiz: the last lesson completes it

    assert Completion.objects.filter(user=learner, module=module).exists()
    row = JpYear.objects.get(user=learner, year=timezone.localtime().year)
    assert (row.platform_jp, row.entries) == (6, 1)
    assert CompletionTally.objects.get(unit=learner.unit, course_id=module.pk).completions == 1


def test_a_drifted_summary_is_repaired_by_the_command(facts):
    kept = snapshot()
    JpYear.objects.update(platform_jp=0)
    CompletionTally.objects.all().delete()
    out = io.StringIO()

    call_command("rebuild_jp_summaries", stdout=out)

    assert snapshot() == kept
    assert "person-years" in out.getvalue()


def test_the_summary_year_is_the_jakarta_year():
    person = factories.UserFactory()
    factories.completion(
        user=person, completed_at=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    )

    assert list(JpYear.objects.filter(user=person).values_list("year", flat=True)) == [2026]
