"""Admins manage ASN accounts in Wagtail's user admin, with NIP, name with titles, position and unit."""

import pytest
from django.urls import reverse

from people.models import User
from tests import factories


@pytest.fixture
def admin_client(client, db):
    admin = User.objects.create_superuser("root", "root@example.go.id", factories.PASSWORD)
    client.force_login(admin)
    return client


def test_the_user_form_offers_the_asn_fields(admin_client):
    """The create form shows NIP, full name, position and unit beside Wagtail's own fields."""
    html = admin_client.get(reverse("wagtailusers_users:add")).content.decode()
    for name in ("nip", "full_name", "position", "unit"):
        assert f'name="{name}"' in html


def test_an_admin_creates_an_asn_with_a_nip_typed_with_spaces(admin_client, unit):
    """The NIP is stored without the spaces people type from their card."""
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "198503122010012002",
            "email": "siti@example.go.id",
            "first_name": "Siti",
            "last_name": "Rahmawati",
            "nip": "19850312 201001 2 002",
            "full_name": "Siti Rahmawati, S.Sos.",
            "position": "Analis",
            "unit": unit.pk,
            "password1": "Sangat#Rahasia2026",
            "password2": "Sangat#Rahasia2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="198503122010012002")
    assert (user.nip, user.full_name, user.unit) == ("198503122010012002", "Siti Rahmawati, S.Sos.", unit)


def test_an_invalid_nip_is_refused_in_the_admin_with_its_reason(admin_client):
    """A NIP with a gender digit other than 1 or 2 is refused, saying which digit is wrong."""
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "someone",
            "email": "x@example.go.id",
            "first_name": "X",
            "last_name": "Y",
            "nip": "198503122010013002",
            "password1": "Sangat#Rahasia2026",
            "password2": "Sangat#Rahasia2026",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="someone").exists()
    assert "15" in response.content.decode()
