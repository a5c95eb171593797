"""Sign-in with a NIP or a staff username, sign-out, and password change, through HTTP."""

from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY, authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from people.models import User
from people.validators import validate_nip
from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = reverse("people:login")
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def nip_message(value: str) -> str:
    """The message validate_nip gives, in the language pages use by default."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            validate_nip(value)
        except ValidationError as error:
            return escape(error.messages[0])
    raise AssertionError(f"{value} is a valid NIP")


def spaced(nip: str) -> str:
    """A NIP the way it is printed on a card: 8 6 1 3."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def test_the_sign_in_page_shows_a_form(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_a_correct_nip_and_password_signs_in(client, learner):
    response = client.post(LOGIN, {"username": learner.nip, "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert signed_in_user_id(client) == str(learner.pk)


def test_a_nip_typed_with_spaces_as_on_the_card_signs_in(client, learner):
    response = client.post(LOGIN, {"username": spaced(learner.nip), "password": factories.PASSWORD})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(learner.pk)


def test_a_nip_typed_with_dots_signs_in(client, learner):
    dotted = spaced(learner.nip).replace(" ", ".")
    client.post(LOGIN, {"username": dotted, "password": factories.PASSWORD})
    assert signed_in_user_id(client) == str(learner.pk)


def test_sign_in_follows_a_safe_next_address(client, learner):
    response = client.post(LOGIN, {"username": learner.nip, "password": factories.PASSWORD, "next": "/kata-sandi/"})
    assert response["Location"] == "/kata-sandi/"


def test_sign_in_ignores_a_next_address_on_another_site(client, learner):
    response = client.post(
        LOGIN, {"username": learner.nip, "password": factories.PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


@pytest.mark.parametrize(
    "typed",
    [
        "198513322010121002",  # month 13
        "19850330201012100",  # 17 digits
        "198503302010123002",  # gender digit 3
        "19850330201012100X",  # a letter
    ],
)
def test_a_wrong_nip_shows_what_is_wrong_with_it_and_does_not_sign_in(client, learner, typed):
    response = client.post(LOGIN, {"username": typed, "password": factories.PASSWORD})
    assert response.status_code == 200
    assert nip_message(typed) in response.content.decode()
    assert response.context["form"].errors["username"]
    assert signed_in_user_id(client) is None


def test_a_wrong_nip_is_reported_before_the_password_is_checked(client):
    """No account and no password check: the NIP itself is impossible, so say so."""
    response = client.post(LOGIN, {"username": "198513322010121002", "password": "whatever"})
    form = response.context["form"]
    assert [error.code for error in form.errors.as_data()["username"]] == ["nip_birth_date"]
    assert not form.non_field_errors()


def test_a_wrong_password_shows_the_generic_error_and_does_not_sign_in(client, learner):
    response = client.post(LOGIN, {"username": learner.nip, "password": "salah-sandi"})
    assert response.status_code == 200
    form = response.context["form"]
    assert [error.code for error in form.errors.as_data()["__all__"]] == ["invalid_login"]
    assert "username" not in form.errors
    with translation.override(settings.LANGUAGE_CODE):
        generic = AuthenticationForm.error_messages["invalid_login"] % {
            "username": User._meta.get_field("username").verbose_name
        }
    assert escape(generic) in response.content.decode()
    assert signed_in_user_id(client) is None


def test_a_valid_nip_without_an_account_gets_the_same_generic_error(client, learner):
    """Do not reveal which NIPs have accounts."""
    response = client.post(LOGIN, {"username": "198503302010121002", "password": factories.PASSWORD})
    codes = [error.code for error in response.context["form"].errors.as_data()["__all__"]]
    assert codes == ["invalid_login"]


def test_staff_sign_in_with_a_plain_username(client, unit):
    hr = factories.hr_user(units=[unit])
    response = client.post(LOGIN, {"username": hr.username, "password": factories.PASSWORD})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(hr.pk)


def test_a_staff_username_is_not_case_sensitive(client, unit):
    hr = factories.hr_user(units=[unit])
    client.post(LOGIN, {"username": hr.username.upper(), "password": factories.PASSWORD})
    assert signed_in_user_id(client) == str(hr.pk)


def test_an_asn_whose_username_differs_from_the_nip_still_signs_in_with_the_nip(client, unit):
    user = factories.UserFactory(unit=unit, username="siti.rahma")
    client.post(LOGIN, {"username": user.nip, "password": factories.PASSWORD})
    assert signed_in_user_id(client) == str(user.pk)


def test_an_inactive_user_cannot_sign_in(client, unit):
    user = factories.UserFactory(unit=unit, is_active=False)
    response = client.post(LOGIN, {"username": user.nip, "password": factories.PASSWORD})
    assert response.status_code == 200
    assert signed_in_user_id(client) is None


def test_the_backend_refuses_an_unknown_login_and_an_inactive_account(unit):
    inactive = factories.UserFactory(unit=unit, is_active=False)
    assert authenticate(None, username="tidak-ada", password=factories.PASSWORD) is None
    assert authenticate(None, username=inactive.nip, password=factories.PASSWORD) is None


def test_the_backend_accepts_a_spaced_nip(learner):
    assert authenticate(None, username=spaced(learner.nip), password=factories.PASSWORD) == learner


def test_the_session_key_is_rotated_at_sign_in(client, learner):
    session = client.session
    session["bahasa_dipilih"] = "id"
    session.save()
    before = session.session_key

    client.post(LOGIN, {"username": learner.nip, "password": factories.PASSWORD})

    after = client.session.session_key
    assert after != before
    assert not SessionStore().exists(before)
    assert client.session["bahasa_dipilih"] == "id"
    assert signed_in_user_id(client) == str(learner.pk)


def test_a_signed_in_user_visiting_the_sign_in_page_is_sent_on(signed_in):
    response = signed_in.get(LOGIN)
    assert response.status_code == 302


def test_sign_out_is_post_and_ends_the_session(signed_in, learner):
    before = signed_in.session.session_key
    response = signed_in.post(reverse("people:logout"))
    assert response.status_code == 302
    assert response["Location"] == settings.LOGOUT_REDIRECT_URL
    assert signed_in_user_id(signed_in) is None
    assert not SessionStore().exists(before)


def test_sign_out_by_get_is_not_allowed_and_keeps_the_session(signed_in, learner):
    response = signed_in.get(reverse("people:logout"))
    assert response.status_code == 405
    assert signed_in_user_id(signed_in) == str(learner.pk)


def test_password_change_needs_a_sign_in(client):
    response = client.get(reverse("people:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")


def test_password_change_with_the_old_password_works_and_keeps_the_user_signed_in(signed_in, learner):
    new = "Sandi-Baru#2027"
    response = signed_in.post(
        reverse("people:password_change"),
        {"old_password": factories.PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:password_change_done")
    learner.refresh_from_db()
    assert learner.check_password(new)
    assert signed_in_user_id(signed_in) == str(learner.pk)
    assert signed_in.get(reverse("people:password_change_done")).status_code == 200


def test_password_change_refuses_a_wrong_old_password(signed_in, learner):
    new = "Sandi-Baru#2027"
    response = signed_in.post(
        reverse("people:password_change"),
        {"old_password": "bukan-sandi-lama", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    learner.refresh_from_db()
    assert learner.check_password(factories.PASSWORD)


def test_after_a_password_change_the_old_password_no_longer_signs_in(client, learner):
    client.force_login(learner)
    new = "Sandi-Baru#2027"
    client.post(
        reverse("people:password_change"),
        {"old_password": factories.PASSWORD, "new_password1": new, "new_password2": new},
    )
    client.post(reverse("people:logout"))
    client.post(LOGIN, {"username": learner.nip, "password": factories.PASSWORD})
    assert signed_in_user_id(client) is None
    client.post(LOGIN, {"username": learner.nip, "password": new})
    assert signed_in_user_id(client) == str(learner.pk)


def test_the_sign_in_form_hands_on_a_spaced_nip_as_18_digits(learner):
    from people.forms import SignInForm

    form = SignInForm(data={"username": spaced(learner.nip), "password": factories.PASSWORD})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["username"] == learner.nip
    assert form.get_user() == learner


def test_the_sign_in_form_keeps_a_staff_username_as_typed_without_surrounding_spaces():
    from people.forms import SignInForm

    form = SignInForm(data={"username": "  hr.sda ", "password": "x"})
    form.is_valid()
    assert form.cleaned_data["username"] == "hr.sda"
