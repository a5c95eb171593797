"""seed_demo adds one konsinyasi workshop with a real agenda, the demo trainer running it, the demo ASN seated."""

import io

import pytest
from django.core.management import call_command

from courses.models import WorkshopPage, WorkshopRegistration, WorkshopSession
from demo.services import DEMO_ASN_NIP

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_one_workshop_with_at_least_five_sessions_once(client):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    page = WorkshopPage.objects.get()
    assert page.live
    assert WorkshopSession.objects.filter(page=page).count() >= 5
    assert page.facilitators.filter(username="pengajar").exists()
    assert page.organiser is not None and page.map_url
    registration = WorkshopRegistration.objects.get(workshop=page)
    assert registration.user.nip == DEMO_ASN_NIP
    assert registration.status == WorkshopRegistration.Status.CONFIRMED
    assert client.get(page.url).status_code == 200
