"""Concurrent issuing on PostgreSQL: gapless distinct numbers, and never two certificates for one completion."""

import pytest

from certificates.models import Certificate
from certificates.services import certificate_issue
from records.models import Completion
from tests import factories
from tests.conftest import requires_postgres
from tests.parallel import run_together

from .helpers import jakarta

pytestmark = [
    requires_postgres,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_in_threads(completion_ids: list[int]) -> tuple[list[str], list[BaseException]]:
    """Issue one certificate per id, each in its own thread and connection, all released at once."""

    def issuer(completion_id: int):
        return lambda: certificate_issue(completion=Completion.objects.get(pk=completion_id)).number

    outcomes = run_together([issuer(completion_id) for completion_id in completion_ids], timeout=180)
    errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    return [outcome for outcome in outcomes if isinstance(outcome, str)], errors


def test_fifty_concurrent_issues_get_fifty_distinct_gapless_numbers():
    module = factories.module(lessons=0)
    completions = [factories.completion(module=module, completed_at=jakarta(2026)) for _ in range(50)]

    numbers, errors = run_in_threads([completion.pk for completion in completions])

    assert errors == []
    assert len(set(numbers)) == 50
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == list(range(1, 51))
    assert set(Certificate.objects.values_list("number", flat=True)) == set(numbers)
    assert Certificate.objects.exclude(pdf="").count() == 50


def test_concurrent_issues_in_two_template_series_stay_gapless_per_series():
    from .factories import template

    module_a, module_b = factories.module(title="A", lessons=0), factories.module(title="B", lessons=0)
    template(number_format="{seq:03d}/A/{year}", pages=[module_a])
    template(number_format="{seq:03d}/B/{year}", pages=[module_b])
    completions = [
        factories.completion(module=module, completed_at=jakarta(2026)) for module in [module_a, module_b] * 10
    ]

    numbers, errors = run_in_threads([completion.pk for completion in completions])

    assert errors == []
    for series in ("A", "B"):
        assert sorted(n for n in numbers if f"/{series}/" in n) == [f"{i:03d}/{series}/2026" for i in range(1, 11)]


def test_ten_concurrent_issues_for_one_completion_make_one_certificate():
    completion = factories.completion(completed_at=jakarta(2026))

    numbers, errors = run_in_threads([completion.pk] * 10)

    assert errors == []
    assert numbers == ["00001/BERAKHLAK/2026"] * 10
    certificate = Certificate.objects.get()
    assert certificate.completion_id == completion.pk
    assert certificate.sequence == 1
    assert certificate.pdf and certificate.sha256
