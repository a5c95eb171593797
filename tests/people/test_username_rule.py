"""Only mostly-digit sign-in names are treated as NIPs; a username that starts with a digit still works."""

import pytest
from django.urls import reverse

from people.models import Role
from tests import factories


@pytest.mark.django_db
def test_a_staff_username_starting_with_a_digit_signs_in(client):
    factories.UserFactory(nip=None, username="2bagus", role=Role.TRAINER)
    response = client.post(reverse("people:login"), {"username": "2bagus", "password": factories.PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_nip_with_a_stray_letter_still_gets_the_nip_message(client, learner):
    """Eight or more digits mean the person meant a NIP, so they learn what is wrong with it."""
    response = client.post(
        reverse("people:login"),
        {"username": learner.nip[:10] + "x" + learner.nip[11:], "password": factories.PASSWORD},
        HTTP_COOKIE="django_language=en",
    )
    assert response.status_code == 200
    assert "A NIP contains digits only." in response.content.decode()
