"""A workshop completion flows through HR's records, the CSV export and the learner's page like a module's."""

import pytest
from django.utils import timezone

from records.models import Completion
from tests import factories
from tests.courses import workshop_factories as wf

from .helpers import csv_rows, streamed_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop_completion(learner):
    page = wf.workshop(title="Konsinyasi Pelayanan Bogor", sessions=5, jp_per_session=2)
    return Completion.objects.create(user=learner, workshop=page, unit=learner.unit, jp=10, completed_at=timezone.now())


def test_hr_sees_and_exports_a_workshop_completion(client, unit, workshop_completion):
    client.force_login(factories.hr_user(units=[unit]))
    page = client.get("/admin/rekap/penyelesaian/")
    assert page.status_code == 200
    assert "Konsinyasi Pelayanan Bogor" in page.content.decode()
    rows = csv_rows(streamed_text(client.get("/admin/rekap/penyelesaian.csv")))
    assert rows[1][5] == "Konsinyasi Pelayanan Bogor"
    assert rows[1][6] == "10"


def test_the_learner_sees_the_workshop_among_completions(signed_in, workshop_completion):
    content = signed_in.get("/beranda/").content.decode()
    assert "Konsinyasi Pelayanan Bogor" in content
