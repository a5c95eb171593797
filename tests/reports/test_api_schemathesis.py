"""Schemathesis fuzzes every documented API operation (bounded examples): no input may produce a 500.

The operations come from the schema the site serves; each gets hypothesis-generated query strings (valid and
invalid), sent through the WSGI application with a valid token.
"""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.api_fuzz]
EXAMPLES_PER_OPERATION = 30


@pytest.fixture
def token(db):
    from reports.models import Integration

    unit = factories.UnitFactory(code="FUZZ", name="Unit Fuzz")
    factories.completion(user=factories.UserFactory(unit=unit))
    integration = Integration(name="fuzz")
    value = integration.set_new_token()
    integration.save()
    integration.units.set([unit])
    return value


@pytest.fixture
def keep_connection():
    """Requests go through the real WSGI handler, whose request signals would close the test's connection
    (PostgreSQL); keep it open as Django's own test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_api_input_causes_a_server_error(token, keep_connection):
    from django.core.wsgi import get_wsgi_application

    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 4
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def fuzz(case):
            cache.clear()  # the fuzzer must not be stopped by the rate limit
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            case.validate_response(response, checks=[not_a_server_error])

        fuzz()
