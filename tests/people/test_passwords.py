"""Production hashes passwords with Argon2id; older PBKDF2 hashes still sign in and are upgraded (issue 7).

The suite hashes with MD5 for speed (config/settings/test.py), so these tests switch the production list on.
"""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher, make_password
from django.test import override_settings
from django.urls import reverse

from config.settings import base
from tests import factories

pytestmark = pytest.mark.django_db

ARGON2ID_PREFIX = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


@pytest.fixture
def production_hashers():
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        yield


def sign_in(client, nip):
    return client.post(reverse("people:login"), {"username": nip, "password": factories.PASSWORD})


def test_production_hashes_new_passwords_with_argon2id_at_owasp_cost(production_hashers):
    assert base.PASSWORD_HASHERS[0] == "people.hashers.Argon2idHasher"
    encoded = make_password("Sandi-Baru#2027")
    assert encoded.startswith(ARGON2ID_PREFIX)
    assert identify_hasher(encoded).verify("Sandi-Baru#2027", encoded)


def test_a_pbkdf2_password_signs_in_and_is_upgraded_to_argon2id(client, unit, production_hashers):
    learner = factories.UserFactory(unit=unit)
    learner.password = make_password(factories.PASSWORD, hasher="pbkdf2_sha256")
    learner.save(update_fields=["password"])

    assert sign_in(client, learner.nip).status_code == 302
    learner.refresh_from_db()
    assert learner.password.startswith(ARGON2ID_PREFIX)

    client.logout()
    assert sign_in(client, learner.nip).status_code == 302  # the upgraded hash signs in too


def test_an_argon2_hash_at_other_costs_is_rehashed_at_ours(client, unit, production_hashers):
    learner = factories.UserFactory(unit=unit)
    learner.password = Argon2PasswordHasher().encode(factories.PASSWORD, Argon2PasswordHasher().salt())  # Django's
    learner.save(update_fields=["password"])
    assert not learner.password.startswith(ARGON2ID_PREFIX)

    assert sign_in(client, learner.nip).status_code == 302
    learner.refresh_from_db()
    assert learner.password.startswith(ARGON2ID_PREFIX)


def test_a_wrong_password_does_not_touch_an_old_hash(client, unit, production_hashers):
    learner = factories.UserFactory(unit=unit)
    old = make_password(factories.PASSWORD, hasher="pbkdf2_sha256")
    learner.password = old
    learner.save(update_fields=["password"])

    response = client.post(reverse("people:login"), {"username": learner.nip, "password": "salah-sandi"})
    assert response.status_code == 200
    learner.refresh_from_db()
    assert learner.password == old
