"""Two people asking for the last seat at the same moment: exactly one gets it (PostgreSQL row lock)."""

import pytest

from courses.models import WorkshopRegistration
from courses.services import registration_create
from tests import factories
from tests.conftest import requires_postgres
from tests.courses import workshop_factories as wf
from tests.parallel import run_together

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), requires_postgres]


def test_concurrent_registrations_never_exceed_capacity():
    page = wf.workshop(capacity=1)
    people = [factories.UserFactory() for _ in range(4)]

    run_together([lambda person=person: registration_create(user=person, workshop=page) for person in people])

    statuses = list(WorkshopRegistration.objects.filter(workshop=page).values_list("status", flat=True))
    assert sorted(statuses) == ["confirmed", "waitlisted", "waitlisted", "waitlisted"]
