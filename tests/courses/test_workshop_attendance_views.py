"""Who may run attendance, and what the scan links answer (the phone's queue reads the JSON)."""

import datetime
import re

import pytest
from django.utils import timezone

from courses.models import SessionAttendance
from courses.services import participant_token_make, session_token_make
from people.models import Role
from tests import factories
from tests.courses import workshop_factories as wf

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    trainer = wf.trainer()
    page = wf.workshop(facilitators=[trainer])
    registration = wf.confirmed(workshop_page=page)
    other = wf.confirmed(workshop_page=page)
    return {
        "page": page,
        "trainer": trainer,
        "registration": registration,
        "other": other,
        "session": wf.sessions_of(page)[0],
    }


def post_scan(client, session, token, **extra):
    return client.post(
        f"/lokakarya/sesi/{session.pk}/hadir/kirim/", {"token": token, **extra}, HTTP_ACCEPT="application/json"
    )


def test_a_participant_scans_the_session_code_and_a_replay_records_nothing(client, setup):
    client.force_login(setup["registration"].user)
    token = session_token_make(session=setup["session"])
    first = post_scan(client, setup["session"], token)
    second = post_scan(client, setup["session"], token)
    assert first.json()["code"] == "recorded"
    assert second.json()["code"] == "duplicate"
    assert SessionAttendance.objects.count() == 1


def test_a_queued_offline_scan_is_accepted_with_its_scan_time(client, setup):
    client.force_login(setup["registration"].user)
    shown = timezone.now() - datetime.timedelta(hours=3)
    token = session_token_make(session=setup["session"], now=shown)
    scanned_ms = int((shown + datetime.timedelta(seconds=30)).timestamp() * 1000)
    response = post_scan(client, setup["session"], token, scanned_at=scanned_ms, queued="1")
    assert response.json()["code"] == "recorded"
    assert SessionAttendance.objects.get().queued_offline


def test_an_old_code_sent_without_the_queue_flag_is_expired(client, setup):
    client.force_login(setup["registration"].user)
    shown = timezone.now() - datetime.timedelta(hours=3)
    response = post_scan(client, setup["session"], session_token_make(session=setup["session"], now=shown))
    assert response.status_code == 409
    assert response.json()["code"] == "expired"


def test_a_signed_out_phone_keeps_its_scan_for_later(client, setup):
    response = post_scan(client, setup["session"], session_token_make(session=setup["session"]))
    assert response.status_code == 401
    assert not SessionAttendance.objects.exists()


def test_the_scan_link_needs_a_sign_in_and_then_offers_to_record(client, setup):
    url = f"/lokakarya/sesi/{setup['session'].pk}/hadir/?t=abc"
    assert client.get(url).status_code == 302
    client.force_login(setup["registration"].user)
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="token" value="abc"' in response.content.decode()


def test_the_offline_shell_and_the_service_worker_are_served(client):
    assert client.get("/lokakarya/hadir/luring/").status_code == 200
    worker = client.get("/lokakarya/sw.js")
    assert worker["Content-Type"] == "application/javascript"
    assert "/lokakarya/hadir/luring/" in worker.content.decode()


def test_the_service_workers_cache_name_changes_with_what_it_keeps(client, monkeypatch, tmp_path):
    from courses.views import workshops

    def cache_name():
        body = client.get("/lokakarya/sw.js").content.decode()
        return re.search(r'var CACHE = PREFIX \+ "([0-9a-f]{12})"', body).group(1)

    before = cache_name()
    assert cache_name() == before  # stable while nothing changes: phones keep their copy
    changed = tmp_path / "attendance-queue.js"
    changed.write_text("/* a new version of the queue script */")
    real_find = workshops.finders.find
    monkeypatch.setattr(
        workshops.finders,
        "find",
        lambda name: str(changed) if name.endswith("attendance-queue.js") else real_find(name),
    )
    assert cache_name() != before  # a changed script gets a new cache, so phones fetch it again


@pytest.mark.parametrize("who", ["participant", "other_trainer", "anonymous"])
def test_only_the_workshops_trainers_show_the_qr_or_scan_or_correct(client, setup, who):
    if who == "participant":
        client.force_login(setup["registration"].user)
    elif who == "other_trainer":
        client.force_login(wf.trainer())
    session, page = setup["session"], setup["page"]
    code = participant_token_make(registration=setup["other"])
    responses = [
        client.get(f"/lokakarya/sesi/{session.pk}/qr/"),
        client.get(f"/lokakarya/sesi/{session.pk}/qr/?format=json"),
        client.post(f"/lokakarya/sesi/{session.pk}/pindai/", {"code": code}),
        client.get(f"/lokakarya/{page.pk}/kehadiran/"),
        client.post(
            f"/lokakarya/{page.pk}/kehadiran/",
            {"registration": setup["other"].pk, "session": session.pk, "present": "1", "reason": "x"},
        ),
        client.get(f"/lokakarya/{page.pk}/daftar-hadir.pdf"),
    ]
    expected = 302 if who == "anonymous" else 403
    assert [response.status_code for response in responses] == [expected] * len(responses)
    assert not SessionAttendance.objects.exists()


def test_a_participant_cannot_mark_someone_else_with_their_code(client, setup):
    """A participant's own session scan records only themselves; the personal-code form is for trainers."""
    client.force_login(setup["registration"].user)
    post_scan(client, setup["session"], session_token_make(session=setup["session"]))
    assert list(SessionAttendance.objects.values_list("registration", flat=True)) == [setup["registration"].pk]


def test_the_trainer_shows_a_rotating_qr_code_of_the_scan_link(client, setup, settings):
    client.force_login(setup["trainer"])
    state = client.get(f"/lokakarya/sesi/{setup['session'].pk}/qr/?format=json").json()
    assert state["url"].startswith(f"{settings.MELAYANI_BASE_URL}/lokakarya/sesi/{setup['session'].pk}/hadir/?t=")
    assert state["svg"].startswith("<svg")
    assert state["present"] == 0


def test_the_trainer_scans_a_personal_code_and_corrects_attendance(client, setup):
    client.force_login(setup["trainer"])
    session = setup["session"]
    response = client.post(
        f"/lokakarya/sesi/{session.pk}/pindai/",
        {"code": participant_token_make(registration=setup["other"])},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["code"] == "recorded"
    client.post(
        f"/lokakarya/{setup['page'].pk}/kehadiran/",
        {"registration": setup["registration"].pk, "session": session.pk, "present": "1", "reason": "Baterai habis"},
    )
    assert SessionAttendance.objects.filter(session=session).count() == 2


def test_an_admin_may_run_attendance(client, setup):
    client.force_login(factories.UserFactory(nip=None, username="admin2", role=Role.ADMIN))
    assert client.get(f"/lokakarya/{setup['page'].pk}/kehadiran/").status_code == 200
