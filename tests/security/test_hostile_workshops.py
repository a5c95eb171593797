"""Hostile input on konsinyasi workshops: registration, the attendance tokens and the trainer's corrections.

Nothing sent by a phone or a trainer's browser may give a 500, record attendance it should not, or come back
unescaped; the correction reason is kept verbatim in the page history (never with a NUL PostgreSQL refuses).
"""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from courses.models import SessionAttendance, WorkshopRegistration
from courses.services import participant_token_make, session_token_make
from tests import factories
from tests.courses import workshop_factories as wf

from .test_hostile_input import EVERYTHING, SQLISH, UNICODE, XSS, assert_escaped

pytestmark = pytest.mark.django_db

NUL = ["sesi\x00", "\x00", "a\x00' OR 1=1 --"]
ODD_IDS = ["abc", "²", "١", "1.5", "-1", "9" * 40, "' OR 1=1 --", "\x00", ""]


@pytest.fixture
def setup():
    trainer = wf.trainer()
    page = wf.workshop(facilitators=[trainer], sessions=2)
    registration = wf.confirmed(workshop_page=page)
    return {"page": page, "trainer": trainer, "registration": registration, "session": wf.sessions_of(page)[0]}


def test_hostile_session_tokens_are_refused_as_json_and_record_nothing(client, setup):
    client.force_login(setup["registration"].user)
    url = reverse("courses:attendance_submit", args=[setup["session"].pk])
    for payload in [*EVERYTHING, *NUL, "x" * 20000]:
        data = {"token": payload, "scanned_at": payload, "queued": "1"}
        response = client.post(url, data, HTTP_ACCEPT="application/json")
        assert response.status_code == 409, payload
        assert response.json()["code"] == "invalid", payload
    assert not SessionAttendance.objects.exists()


def test_a_session_token_with_a_hostile_scan_time_still_counts_when_the_code_is_fresh(client, setup):
    client.force_login(setup["registration"].user)
    token = session_token_make(session=setup["session"])
    response = client.post(
        reverse("courses:attendance_submit", args=[setup["session"].pk]),
        {"token": token, "scanned_at": "9" * 40, "queued": "1"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["code"] == "recorded"


def test_a_token_signed_for_the_session_but_tampered_with_is_refused(client, setup):
    client.force_login(setup["registration"].user)
    token = session_token_make(session=setup["session"])
    payload, rest = token.split(":", 1)
    forged = f"{payload}<script>:{rest}"
    response = client.post(
        reverse("courses:attendance_submit", args=[setup["session"].pk]),
        {"token": forged},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["code"] == "invalid"


def test_the_scan_page_reflects_a_hostile_token_only_escaped(client, setup):
    client.force_login(setup["registration"].user)
    for payload in [*XSS, '"><script>alert(1)</script>', "\u202e" + XSS[0]]:
        response = client.get(reverse("courses:attendance_scan", args=[setup["session"].pk]), {"t": payload})
        assert response.status_code == 200
        assert_escaped(response, payload)


def test_hostile_participant_codes_are_refused_without_recording(client, setup):
    client.force_login(setup["trainer"])
    url = reverse("courses:session_scan", args=[setup["session"].pk])
    for payload in [*EVERYTHING, *NUL]:
        data = {"code": payload, "scanned_at": payload, "queued": "1"}
        response = client.post(url, data, HTTP_ACCEPT="application/json")
        assert response.status_code == 409, payload
        assert response.json()["code"] == "invalid", payload
    assert not SessionAttendance.objects.exists()


def test_a_participant_code_of_another_workshop_is_refused(client, setup):
    other = wf.confirmed(workshop_page=wf.workshop(title="Lain", sessions=1))
    client.force_login(setup["trainer"])
    response = client.post(
        reverse("courses:session_scan", args=[setup["session"].pk]),
        {"code": participant_token_make(registration=other)},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["code"] == "other_workshop"


def test_participants_with_hostile_names_are_recorded_and_shown_escaped(client, setup):
    names = [*XSS, *UNICODE]
    registrations = [
        wf.confirmed(workshop_page=setup["page"], user=factories.UserFactory(full_name=name)) for name in names
    ]
    client.force_login(setup["trainer"])
    url = reverse("courses:session_scan", args=[setup["session"].pk])
    for name, registration in zip(names, registrations, strict=True):
        response = client.post(url, {"code": participant_token_make(registration=registration)}, follow=True)
        assert response.status_code == 200
        assert_escaped(response, name)
        assert SessionAttendance.objects.filter(registration=registration).exists()
    grid = client.get(reverse("courses:workshop_attendance", args=[setup["page"].pk]))
    assert grid.status_code == 200
    for name in names:
        assert_escaped(grid, name)
    assert "مريم الأحمد" in grid.content.decode()
    pdf = client.get(reverse("courses:workshop_attendance_pdf", args=[setup["page"].pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def correct(client, setup, reason, **extra):
    data = {"registration": setup["registration"].pk, "session": setup["session"].pk, "present": "1"}
    return client.post(
        reverse("courses:workshop_attendance", args=[setup["page"].pk]), {**data, "reason": reason, **extra}
    )


def test_correction_reasons_are_kept_verbatim_and_shown_escaped_in_the_history(client, setup):
    admin = factories.UserFactory(nip=None, username="akar", is_superuser=True, is_staff=True)
    client.force_login(admin)
    payloads = [*XSS, *SQLISH, *UNICODE, "x" * 500]
    for payload in payloads:
        assert correct(client, setup, payload, present="1").status_code == 302
        assert correct(client, setup, payload, present="0").status_code == 302
    reasons = list(
        PageLogEntry.objects.filter(action="courses.attendance_correct").order_by("pk").values_list("data", flat=True)
    )
    assert [data["reason"] for data in reasons[::2]] == [payload.strip() for payload in payloads]
    history = client.get(reverse("wagtailadmin_pages:history", args=[setup["page"].pk]))
    assert history.status_code == 200
    for payload in payloads:
        assert_escaped(history, payload)


def test_correction_reasons_with_nul_characters_or_too_long_are_refused_with_a_message(client, setup):
    client.force_login(setup["trainer"])
    client.cookies["django_language"] = "en"
    for payload in [*NUL, "x" * 501]:
        response = correct(client, setup, payload)
        assert response.status_code == 302
        page = client.get(response.url)
        assert b"Write the reason as plain text of at most 500 characters." in page.content
    assert not SessionAttendance.objects.exists()
    assert not PageLogEntry.objects.filter(action="courses.attendance_correct").exists()


def test_the_correction_form_with_odd_ids_is_a_404_not_a_500(client, setup):
    client.force_login(setup["trainer"])
    for field in ("registration", "session"):
        for value in ODD_IDS:
            response = correct(client, setup, "x", **{field: value})
            assert response.status_code == 404, (field, value)
    assert not SessionAttendance.objects.exists()


def test_registering_twice_and_cancelling_twice_changes_nothing_more(client, setup):
    person = factories.UserFactory(full_name=XSS[1])
    client.force_login(person)
    register = reverse("courses:workshop_register", args=[setup["page"].pk])
    cancel = reverse("courses:workshop_cancel", args=[setup["page"].pk])
    assert client.post(register).status_code == 302
    assert client.post(register).status_code == 302
    assert WorkshopRegistration.objects.filter(user=person).count() == 1
    assert client.post(cancel).status_code == 302
    assert client.post(cancel).status_code == 302
    page = client.get(setup["page"].url)
    assert page.status_code == 200
    assert_escaped(page, XSS[1])


def test_registration_is_post_only(client, setup):
    client.force_login(setup["registration"].user)
    response = client.get(reverse("courses:workshop_register", args=[setup["page"].pk]))
    assert response.status_code == 405
