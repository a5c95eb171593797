"""Fixtures shared by the report tests."""

import pytest

from tests import factories


@pytest.fixture
def tree(db):
    """Unit A with sub-unit A1, and unit B beside them: (a, a1, b)."""
    a = factories.UnitFactory(code="A", name="Unit A")
    a1 = factories.UnitFactory(code="A1", name="Unit A1", parent=a)
    b = factories.UnitFactory(code="B", name="Unit B")
    return a, a1, b


@pytest.fixture
def hr(unit):
    """HR of the shared `unit` (tests/conftest.py)."""
    return factories.hr_user(units=[unit])


@pytest.fixture
def hr_client(client, hr):
    """The hr officer signed in, reading English."""
    client.cookies["django_language"] = "en"
    client.force_login(hr)
    return client
