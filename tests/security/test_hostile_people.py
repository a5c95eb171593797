"""Hostile input in the user admin: bad NIPs are refused with a reason, hostile names are kept and shown escaped."""

import pytest
from django.urls import reverse

from people.models import User
from tests import factories

from .test_hostile_imports import MORE_BAD_NIPS
from .test_hostile_input import BAD_NIPS, SQLISH, UNICODE, XSS, assert_escaped

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("akar", "akar@example.go.id", factories.PASSWORD))
    client.cookies["django_language"] = "en"
    return client


def person_form(unit, **fields) -> dict:
    return {
        "username": "asn-baru",
        "email": "asn@example.go.id",
        "first_name": "Asn",
        "last_name": "Baru",
        "nip": "198503122010012002",
        "full_name": "Siti",
        "position": "Analis",
        "unit": unit.pk,
        "password1": "Sangat#Rahasia2026",
        "password2": "Sangat#Rahasia2026",
        **fields,
    }


def test_bad_nips_are_refused_in_the_user_admin_with_a_reason(admin_client):
    unit = factories.UnitFactory()
    for nip in [*BAD_NIPS, *MORE_BAD_NIPS, "19850312201001200\u0301"]:
        response = admin_client.post(reverse("wagtailusers_users:add"), person_form(unit, nip=nip))
        assert response.status_code == 200, nip
        assert b"error" in response.content, nip
    assert not User.objects.filter(username="asn-baru").exists()


def test_hostile_names_are_stored_verbatim_and_listed_escaped(admin_client):
    unit = factories.UnitFactory(name=XSS[1])
    names = [*XSS, *SQLISH, *UNICODE]
    for index, name in enumerate(names):
        nip = f"19850312201001{2000 + index:04d}"
        form = person_form(unit, username=nip, nip=nip, full_name=name[:255], position=name[:255])
        response = admin_client.post(reverse("wagtailusers_users:add"), form)
        assert response.status_code == 302, (name, response.content[:2000])
        assert User.objects.get(nip=nip).full_name == name.strip()[:255]
    listing = admin_client.get(reverse("wagtailusers_users:index"))
    assert listing.status_code == 200
    for name in names:
        assert_escaped(listing, name)


def test_retrying_a_task_by_an_odd_id_says_it_is_not_failed(admin_client):
    from django_tasks_db.models import DBTaskResult

    for task_id in ["abc", "' OR 1=1 --", "²", "0" * 200, "<script>alert(1)"]:
        response = admin_client.post(reverse("operations_task_retry", args=["database", task_id]), follow=True)
        assert response.status_code == 200, task_id
        assert b"no longer failed" in response.content, task_id
        assert_escaped(response, task_id)
    assert not DBTaskResult.objects.exists()
