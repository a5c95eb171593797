"""Sign-in lockout (django-axes): the site's NIP sign-in and the Wagtail admin sign-in, and the admin unlock."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse

from people.models import User
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LOGIN = reverse("people:login")
ADMIN_LOGIN = reverse("wagtailadmin_login")
LIMIT = 3


@pytest.fixture
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def sign_in(client, url, username, password):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3")


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_nip_is_locked_after_the_limit_and_the_right_password_no_longer_works(client, learner):
    for _ in range(LIMIT - 1):
        assert sign_in(client, LOGIN, learner.nip, "salah-sandi").status_code == 200
    locked = sign_in(client, LOGIN, learner.nip, "salah-sandi")
    assert locked.status_code == 429
    assert b"Sign-in locked" in locked.content
    assert f"after {LIMIT} wrong passwords".encode() in locked.content

    again = sign_in(client, LOGIN, learner.nip, factories.PASSWORD)
    assert again.status_code == 429
    assert SESSION_KEY not in client.session


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_spaced_and_compact_nip_count_as_one_person(client, learner):
    nip = learner.nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    sign_in(client, LOGIN, spaced, "salah")
    sign_in(client, LOGIN, nip, "salah")
    assert sign_in(client, LOGIN, spaced, "salah").status_code == 429
    assert AccessAttempt.objects.get().username == nip


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_a_success_before_the_limit_resets_the_count(client, learner):
    for _ in range(LIMIT - 1):
        sign_in(client, LOGIN, learner.nip, "salah")
    assert sign_in(client, LOGIN, learner.nip, factories.PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert sign_in(client, LOGIN, learner.nip, "salah").status_code == 200
    assert sign_in(client, LOGIN, learner.nip, factories.PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_another_person_is_not_locked_by_someone_elses_failures(client, learner, unit):
    other = factories.UserFactory(unit=unit)
    for _ in range(LIMIT):
        sign_in(client, LOGIN, learner.nip, "salah")
    assert sign_in(client, LOGIN, other.nip, factories.PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_wagtail_admin_sign_in_is_locked_too(client):
    User.objects.create_superuser("akar", "akar@example.go.id", factories.PASSWORD)
    for _ in range(LIMIT):
        sign_in(client, ADMIN_LOGIN, "akar", "salah")
    locked = sign_in(client, ADMIN_LOGIN, "akar", factories.PASSWORD)
    assert locked.status_code == 429
    assert b"Sign-in locked" in locked.content
    assert SESSION_KEY not in client.session


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_an_administrator_unlocks_from_the_admin_and_the_person_can_sign_in(client, learner):
    for _ in range(LIMIT):
        sign_in(client, LOGIN, learner.nip, "salah")
    admin = User.objects.create_superuser("akar", "akar@example.go.id", factories.PASSWORD)
    admin_client = type(client)()
    admin_client.force_login(admin)
    listing = admin_client.get(reverse("people_sign_in_locks"))
    assert listing.status_code == 200
    assert learner.nip.encode() in listing.content

    response = admin_client.post(reverse("people_sign_in_locks"), {"username": learner.nip})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=learner.nip).exists()
    assert sign_in(client, LOGIN, learner.nip, factories.PASSWORD).status_code == 302


def test_a_learner_cannot_open_the_unlock_list(signed_in):
    assert signed_in.get(reverse("people_sign_in_locks")).status_code in {302, 403}
    assert signed_in.post(reverse("people_sign_in_locks"), {"username": "x"}).status_code in {302, 403}
