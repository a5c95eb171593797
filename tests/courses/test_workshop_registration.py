"""Registration: seats up to capacity, then a waiting list; cancelling promotes the first in line."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from courses.models import WorkshopRegistration
from courses.services import RegistrationRefused, registration_cancel, registration_create
from tests import factories
from tests.courses import workshop_factories as wf

pytestmark = pytest.mark.django_db
Status = WorkshopRegistration.Status


def test_seats_fill_to_capacity_then_people_wait_in_order():
    page = wf.workshop(capacity=2)
    people = [factories.UserFactory() for _ in range(4)]
    statuses = [registration_create(user=person, workshop=page).status for person in people]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED, Status.WAITLISTED]


def test_registering_twice_changes_nothing():
    page = wf.workshop(capacity=1)
    person = factories.UserFactory()
    first = registration_create(user=person, workshop=page)
    again = registration_create(user=person, workshop=page)
    assert first.pk == again.pk
    assert WorkshopRegistration.objects.filter(workshop=page).count() == 1


def test_the_database_refuses_a_second_row_for_the_same_person():
    page = wf.workshop()
    registration = wf.confirmed(workshop_page=page)
    with pytest.raises(IntegrityError):
        WorkshopRegistration.objects.create(workshop=page, user=registration.user, status=Status.WAITLISTED)


def test_cancelling_a_seat_promotes_the_first_on_the_waiting_list():
    page = wf.workshop(capacity=1)
    seated, first, second = (factories.UserFactory() for _ in range(3))
    seat = registration_create(user=seated, workshop=page)
    registration_create(user=first, workshop=page)
    registration_create(user=second, workshop=page)

    promoted = registration_cancel(registration=seat)

    assert promoted.user == first
    assert WorkshopRegistration.objects.get(workshop=page, user=first).status == Status.CONFIRMED
    assert WorkshopRegistration.objects.get(workshop=page, user=second).status == Status.WAITLISTED
    assert WorkshopRegistration.objects.get(pk=seat.pk).status == Status.CANCELLED


def test_leaving_the_waiting_list_promotes_nobody():
    page = wf.workshop(capacity=1)
    registration_create(user=factories.UserFactory(), workshop=page)
    waiting = registration_create(user=factories.UserFactory(), workshop=page)
    assert registration_cancel(registration=waiting) is None


def test_coming_back_after_cancelling_goes_to_the_end_of_the_queue():
    page = wf.workshop(capacity=1)
    person, other = factories.UserFactory(), factories.UserFactory()
    seat = registration_create(user=person, workshop=page)
    registration_cancel(registration=seat)
    registration_create(user=other, workshop=page)
    back = registration_create(user=person, workshop=page)
    assert back.pk == seat.pk
    assert back.status == Status.WAITLISTED


@pytest.mark.parametrize(("opens", "closes"), [(1, 5), (-5, -1)])
def test_registration_only_within_the_window(opens, closes):
    page = wf.workshop(opens_in_days=opens, closes_in_days=closes)
    with pytest.raises(RegistrationRefused):
        registration_create(user=factories.UserFactory(), workshop=page)
    assert not WorkshopRegistration.objects.exists()


def test_the_register_button_confirms_a_seat_with_a_message(client):
    page = wf.workshop()
    person = factories.UserFactory()
    client.force_login(person)
    client.cookies["django_language"] = "en"
    response = client.post(f"/lokakarya/{page.pk}/daftar/", follow=True)
    assert "Your seat is confirmed." in response.content.decode()
    assert WorkshopRegistration.objects.get(user=person).status == Status.CONFIRMED


def test_a_closed_registration_says_so(client):
    page = wf.workshop(opens_in_days=-5, closes_in_days=-1)
    client.force_login(factories.UserFactory())
    client.cookies["django_language"] = "en"
    response = client.post(f"/lokakarya/{page.pk}/daftar/", follow=True)
    assert "Registration for this workshop has closed." in response.content.decode()


def test_a_full_workshop_puts_the_person_on_the_waiting_list_with_their_position(client):
    page = wf.workshop(capacity=1)
    wf.confirmed(workshop_page=page)
    client.force_login(factories.UserFactory())
    client.cookies["django_language"] = "en"
    content = client.post(f"/lokakarya/{page.pk}/daftar/", follow=True).content.decode()
    assert "you are on the waiting list" in content
    assert "You are number 1 on the waiting list" in content


def test_the_window_is_checked_at_the_given_time():
    page = wf.workshop()
    later = timezone.now() + datetime.timedelta(days=30)
    with pytest.raises(RegistrationRefused):
        registration_create(user=factories.UserFactory(), workshop=page, now=later)


def test_after_the_capacity_grows_the_waiting_list_is_seated_before_newcomers():
    page = wf.workshop(capacity=1)
    registration_create(user=factories.UserFactory(), workshop=page)
    waiting = registration_create(user=factories.UserFactory(), workshop=page)
    page.capacity = 2
    page.save()

    newcomer = registration_create(user=factories.UserFactory(), workshop=page)

    assert WorkshopRegistration.objects.get(pk=waiting.pk).status == Status.CONFIRMED
    assert newcomer.status == Status.WAITLISTED
