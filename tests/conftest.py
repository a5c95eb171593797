import pytest
from django.db import connection

from people.models import Role
from tests import factories


@pytest.fixture
def unit(db):
    return factories.UnitFactory(code="SDA", name="Sumber Daya Air")


@pytest.fixture
def learner(db, unit):
    return factories.UserFactory(unit=unit, full_name="Siti Rahmawati, S.Sos.")


@pytest.fixture
def module_with_quiz(db):
    """A published module with two lessons and a three-question quiz (pass mark 70)."""
    module = factories.module(lessons=2)
    quiz = factories.quiz(module=module, questions=3)
    return module, quiz


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run on-commit callbacks, then let the real database task worker drain the queue once."""
    from django.core.management import call_command

    def _run():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return _run


requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: run with DATABASE_URL=postgres://…"
)

__all__ = ["Role", "requires_postgres"]
