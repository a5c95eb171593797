"""The User model keeps NIPs valid both in forms (full_clean) and in the database (CheckConstraint)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from people.models import Role, User
from tests import factories

pytestmark = pytest.mark.django_db


def test_full_clean_rejects_a_bad_nip_on_the_nip_field():
    user = User(username="x", nip="198513322010121002")
    with pytest.raises(ValidationError) as caught:
        user.full_clean(exclude=["password"])
    assert "nip" in caught.value.error_dict
    assert caught.value.error_dict["nip"][0].code == "nip_birth_date"


def test_full_clean_accepts_a_valid_nip():
    User(username="198503302010121002", nip="198503302010121002").full_clean(exclude=["password"])


@pytest.mark.parametrize("nip", ["12345", "19850330201012100", "19850330201012100A", "19850330 201012100"])
def test_the_database_refuses_a_nip_that_is_not_18_digits_even_without_validation(nip):
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        User(username=f"bypass-{nip}", nip=nip).save()
    assert "people_user_nip_18_digits" in str(caught.value)
    assert not User.objects.filter(username=f"bypass-{nip}").exists()


def test_the_database_accepts_no_nip_for_staff_accounts():
    User(username="staf", nip=None).save()
    assert User.objects.get(username="staf").nip is None


def test_display_name_prefers_the_full_name_with_titles():
    user = factories.UserFactory(full_name="Dr. Siti Rahmawati, M.T.", first_name="Siti", last_name="R")
    assert user.display_name == "Dr. Siti Rahmawati, M.T."
    assert str(user) == "Dr. Siti Rahmawati, M.T."


def test_display_name_falls_back_to_first_and_last_name_then_username():
    named = factories.UserFactory(full_name="", first_name="Budi", last_name="Santoso")
    bare = factories.UserFactory(full_name="", first_name="", last_name="")
    assert named.display_name == "Budi Santoso"
    assert bare.display_name == bare.username


def test_has_role_is_true_only_for_the_groups_the_user_is_in():
    user = factories.UserFactory(role=Role.TRAINER)
    assert user.has_role(Role.TRAINER)
    assert not user.has_role(Role.HR)


def test_the_people_and_courses_migrations_match_the_models():
    """The NIP CheckConstraint lives in a migration: a model change without one would not reach the database."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    try:
        call_command("makemigrations", "people", "courses", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"missing migrations (exit {exit_.code}):\n{out.getvalue()}")
