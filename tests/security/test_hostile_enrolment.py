"""Hostile input around enrolment: self-enrolment, HR's assignment form (pasted NIPs), the public catalogue's
filters and the public certificate look-ups. Anonymous pages must never give a 500 (PostgreSQL refuses NUL)."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from courses.models import Assignment, Enrolment
from people.models import Role
from tests import factories

from .test_hostile_input import BAD_NIPS, EVERYTHING, SQLISH, UNICODE, XSS, assert_escaped

pytestmark = pytest.mark.django_db

NUL = ["\x00", "pelayanan\x00", "' OR 1=1 --\x00"]


def test_a_learner_with_a_hostile_name_enrols_once_and_every_page_is_escaped(client):
    module = factories.module(title=XSS[1], lessons=1)
    learner = factories.UserFactory(full_name=XSS[0] + " " + UNICODE[2])
    client.force_login(learner)
    url = reverse("courses:module_enrol", args=[module.pk])
    for _ in range(2):
        response = client.post(url, {"module": "'; DROP TABLE courses_enrolment;--", "user": "1"})
        assert response.status_code == 302
    assert Enrolment.objects.filter(user=learner).count() == 1
    for page in (module.url, reverse("reports:my_learning"), reverse("quizzes:progress")):
        response = client.get(page)
        assert response.status_code == 200, page
        assert_escaped(response, XSS[0])
        assert_escaped(response, XSS[1])


def test_enrolment_is_post_only_signed_in_only_and_live_modules_only(client):
    module = factories.module(lessons=0)
    url = reverse("courses:module_enrol", args=[module.pk])
    assert client.post(url).status_code == 302  # to the sign-in page
    assert not Enrolment.objects.exists()
    client.force_login(factories.UserFactory())
    assert client.get(url).status_code == 405
    module.unpublish()
    assert client.post(url).status_code == 404
    assert client.post("/modul/" + quote("1²", safe="") + "/daftar/").status_code == 404
    assert not Enrolment.objects.exists()


# --- HR's assignment form -----------------------------------------------------------------------------------


@pytest.fixture
def hr_client(client):
    unit = factories.UnitFactory(code="SDA", name=XSS[1])
    client.force_login(factories.hr_user(units=[unit]))
    client.cookies["django_language"] = "en"
    return client, unit


def assign(client, **fields):
    module = factories.module(title=XSS[0], lessons=0)
    data = {"module": module.pk, "target": "people", "nips": "", "due_date": "2099-12-31", **fields}
    return client.post(reverse("courses_assignment_create"), data)


def test_pasted_hostile_nips_are_listed_escaped_and_nothing_is_assigned(hr_client):
    client, unit = hr_client
    good = factories.UserFactory(unit=unit)
    pasted = "\n".join([good.nip, *BAD_NIPS, *XSS, *SQLISH, *UNICODE[:3]])
    response = assign(client, nips=pasted)
    assert response.status_code == 400
    assert b"nothing was saved" in response.content
    for payload in XSS:
        assert_escaped(response, payload)
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"nips": "198503122010012002\x00"},
        {"nips": ",".join(f"1985031220100{index:05d}" for index in range(2001))},
        {"target": "unit", "unit": "²"},
        {"target": "unit", "unit": "' OR 1=1 --"},
        {"target": "<script>alert(1)</script>"},
        {"module": "²"},
        {"due_date": "2026-02-30"},
        {"due_date": "<script>alert(1)</script>"},
        {"due_date": "9999999-01-01"},
    ],
)
def test_malformed_assignment_forms_are_refused_with_a_message(hr_client, fields):
    client, _unit = hr_client
    response = assign(client, **{"nips": "198503122010012002", **fields})
    assert response.status_code == 400
    assert b"error" in response.content
    assert b"<script>alert(1)</script>" not in response.content
    assert not Assignment.objects.exists()


# --- public pages: the catalogue and certificate look-ups ---------------------------------------------------


def test_hostile_catalogue_filters_are_ignored_or_escaped_never_a_500(client):
    catalogue = factories.catalogue()
    factories.module(title="Pelayanan Prima", lessons=0)
    for payload in [*EVERYTHING, *NUL, "x" * 5000]:
        params = {"q": payload, "unit": payload, "nilai": payload, "aspek": payload, "format": payload}
        response = client.get(catalogue.url, {**params, "halaman": payload})
        assert response.status_code == 200, payload
        assert_escaped(response, payload)


def test_the_certificate_lookup_and_verification_with_nul_are_not_found(client):
    for payload in NUL:
        assert client.get(reverse("certificates:lookup"), {"nomor": payload}).status_code == 404
        assert client.get("/verifikasi/" + quote(payload, safe="") + "/").status_code == 404


def test_a_trainer_listing_pending_certificates_with_an_odd_page_gets_the_form(client):
    client.force_login(factories.UserFactory(nip=None, username="pelatih", role=Role.TRAINER, is_staff=True))
    for odd in ["²", "١", "' OR 1=1 --", "\x00", "9" * 40]:
        response = client.get(reverse("certificates_bulk_new"), {"halaman": odd})
        assert response.status_code == 200, odd
