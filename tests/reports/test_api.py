"""The read API: token auth per integration, unit scope on every route, pagination, throttling, the schema."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIClient
from wagtail.models import ModelLogEntry

from certificates.services import certificate_issue
from reports.models import Integration
from tests import factories

pytestmark = pytest.mark.django_db
ROUTES = ["/api/v1/people/", "/api/v1/completions/", "/api/v1/ledger/", "/api/v1/certificates/"]


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    a = factories.UnitFactory(code="A", name="Unit A")
    a1 = factories.UnitFactory(code="A1", name="Unit A1", parent=a)
    b = factories.UnitFactory(code="B", name="Unit B")
    inside = factories.UserFactory(unit=a1, full_name="Orang Dalam")
    outside = factories.UserFactory(unit=b, full_name="Orang Luar")
    for person in (inside, outside):
        certificate_issue(completion=factories.completion(user=person, jp=8))
    return {"a": a, "a1": a1, "b": b, "inside": inside, "outside": outside}


def integration_for(*units, name="SIMPEG") -> str:
    integration = Integration(name=name)
    token = integration.set_new_token()
    integration.save()
    integration.units.set(units)
    return token


def api(token: str | None) -> APIClient:
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.mark.parametrize("route", ROUTES)
def test_every_route_needs_a_valid_token(world, route):
    assert api(None).get(route).status_code == 401
    assert api("not-a-token").get(route).status_code == 401
    token = integration_for(world["a"])
    Integration.objects.update(is_active=False)
    assert api(token).get(route).status_code == 401


def test_the_token_is_stored_only_as_a_hash(world):
    token = integration_for(world["a"])
    stored = Integration.objects.get()
    assert token not in (stored.token_hash, stored.token_prefix + "x")
    assert Integration.for_token(token) == stored


@pytest.mark.parametrize("route", ROUTES)
def test_an_integration_of_unit_a_gets_nothing_of_unit_b_through_any_route(world, route):
    client = api(integration_for(world["a"]))
    for params in ({}, {"unit": "B"}, {"unit": "A1"}, {"year": 2026, "unit": "B"}):
        response = client.get(route, params)
        assert response.status_code == 200, (route, params)
        body = response.content.decode()
        assert world["outside"].nip not in body and "Orang Luar" not in body, (route, params)
    assert world["inside"].nip in client.get(route).content.decode()


def test_completions_carry_the_documented_fields(world):
    data = api(integration_for(world["a"])).get("/api/v1/completions/").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["nip"] == world["inside"].nip and row["jp"] == 8 and row["unit_code"] == "A1"
    assert row["verification_url"].startswith("https://melayani.test/verifikasi/")


def test_the_ledger_reports_jp_against_the_target(world):
    from django.utils import timezone

    rows = api(integration_for(world["a"])).get("/api/v1/ledger/").json()["results"]
    assert rows == [
        {
            "nip": world["inside"].nip,
            "name": "Orang Dalam",
            "unit_code": "A1",
            "year": timezone.localdate().year,
            "jp": 8,
            "target": 20,
            "shortfall": 12,
        }
    ]


def test_lists_are_paginated(world):
    for _ in range(3):
        factories.UserFactory(unit=world["a1"])
    data = api(integration_for(world["a"])).get("/api/v1/people/", {"page_size": 2}).json()
    assert data["count"] == 4 and len(data["results"]) == 2 and data["next"]


def test_a_bad_filter_is_a_400_not_a_500(world):
    response = api(integration_for(world["a"])).get("/api/v1/completions/", {"year": "soon"})
    assert response.status_code == 400


@override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": {"integration": "2/minute"}})
def test_requests_are_rate_limited_per_integration(world):
    from reports.api.authentication import IntegrationRateThrottle

    IntegrationRateThrottle.THROTTLE_RATES = {"integration": "2/minute"}
    try:
        client = api(integration_for(world["a"]))
        codes = [client.get("/api/v1/people/").status_code for _ in range(3)]
    finally:
        from rest_framework.settings import api_settings

        IntegrationRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert codes == [200, 200, 429]


def test_api_reads_are_audited_without_rows(world):
    api(integration_for(world["a"])).get("/api/v1/people/", {"unit": "A1"}, REMOTE_ADDR="10.9.9.9")
    entry = ModelLogEntry.objects.get(action="melayani.api_read")
    assert entry.data["path"] == "/api/v1/people/" and entry.data["rows"] == 1 and entry.data["ip"] == "10.9.9.9"
    assert world["inside"].nip not in str(entry.data)


def test_the_schema_and_its_docs_are_served(client):
    schema = client.get("/api/v1/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert set(paths) == set(ROUTES)
    assert "integrationToken" in schema.json()["components"]["securitySchemes"]
    assert client.get("/api/v1/docs/").status_code == 200


def test_create_integration_prints_the_token_once(world):
    out = io.StringIO()
    call_command("create_integration", "SIMPEG-A", "--unit", "A", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    assert Integration.for_token(token).name == "SIMPEG-A"
    assert api(token).get("/api/v1/people/").status_code == 200


def test_an_administrator_creates_an_integration_in_the_admin_and_sees_the_token_once(client, world):
    admin = factories.UserFactory(nip=None, username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    client.cookies["django_language"] = "en"
    response = client.post(
        "/admin/api_integrations/new/", {"name": "SIMPEG-B", "units": [world["b"].pk], "is_active": "on"}, follow=True
    )
    assert response.status_code == 200
    message = next(str(m) for m in response.context["messages"])
    token = message.split("shown only now: ", 1)[1].split()[0]
    assert Integration.for_token(token).name == "SIMPEG-B"
    assert world["outside"].nip in api(token).get("/api/v1/people/").content.decode()
    assert world["inside"].nip not in api(token).get("/api/v1/people/").content.decode()


def test_hr_officers_cannot_manage_integrations(client, world):
    client.force_login(factories.hr_user(units=[world["a"]]))
    assert client.get("/admin/api_integrations/").status_code in (302, 403)
