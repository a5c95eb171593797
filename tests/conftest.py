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
def run_tasks(monkeypatch):
    """Let the real database task worker drain the queue once, inside the test's transaction.

    The worker calls close_old_connections() between tasks; inside a test transaction that would close the
    connection on PostgreSQL (autocommit differs from the settings), so the test keeps it open.
    """
    from django.core.management import call_command

    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    def _run():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return _run


requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: run with DATABASE_URL=postgres://…"
)

__all__ = ["Role", "requires_postgres"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache: cached sites, routes and pages of another test's rolled-back pages
    must not leak in (courses.page_cache)."""
    from django.core.cache import cache

    cache.clear()
    yield
