"""External training rows: the database refuses impossible JP and dates; only approved rows count."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from records.models import ExternalTraining
from records.selectors import jp_earned, with_jp_total
from tests import factories

pytestmark = pytest.mark.django_db


def row(user, **overrides):
    values = {
        "user": user,
        "title": "Diklat",
        "started_on": datetime.date(2026, 3, 1),
        "ended_on": datetime.date(2026, 3, 2),
        "jp": 4,
    }
    return ExternalTraining(**{**values, **overrides})


@pytest.mark.parametrize(
    "overrides",
    [{"jp": 0}, {"jp": 501}, {"ended_on": datetime.date(2026, 2, 28)}],
)
def test_the_database_refuses_impossible_rows(learner, overrides):
    with pytest.raises(IntegrityError), transaction.atomic():
        row(learner, **overrides).save()


def test_only_approved_training_counts_in_the_year_it_ended(learner):
    row(learner, jp=5).save()
    row(learner, jp=7, status=ExternalTraining.Status.PENDING).save()
    row(learner, jp=9, started_on=datetime.date(2025, 12, 30), ended_on=datetime.date(2025, 12, 31)).save()

    assert jp_earned(user=learner, year=2026) == 5
    assert jp_earned(user=learner, year=2025) == 9
    annotated = with_jp_total(type(learner).objects.filter(pk=learner.pk), year=2026).get()
    assert annotated.jp_total == 5


def test_the_service_keeps_the_scan_in_private_storage(learner, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from records.services import external_training_record

    hr = factories.hr_user(units=[learner.unit])
    training = external_training_record(
        user=learner,
        title="Seminar",
        started_on=datetime.date(2026, 1, 5),
        ended_on=datetime.date(2026, 1, 5),
        jp=2,
        entered_by=hr,
        certificate_file=SimpleUploadedFile("scan.pdf", b"%PDF-1.4"),
    )
    assert training.certificate_file.name.startswith("external-training/")
    assert str(settings.PRIVATE_ROOT) in training.certificate_file.path
