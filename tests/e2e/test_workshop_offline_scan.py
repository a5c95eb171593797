"""A participant's phone loses the venue's connection, scans the session QR anyway, and the scan is sent later."""

import re

import pytest
from django.urls import reverse

from courses.models import SessionAttendance
from courses.services import session_token_make
from tests import factories
from tests.courses import workshop_factories as wf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_scan_made_offline_waits_on_the_phone_and_is_recorded_once_back_online(live_server, phone):
    page_obj = wf.workshop(title="Konsinyasi Luring")
    registration = wf.confirmed(workshop_page=page_obj)
    session = wf.sessions_of(page_obj)[0]
    page = phone
    context = page.context

    # Sign in, then open the workshop page once: it installs the service worker that keeps the scan page.
    page.goto(live_server.url + reverse("people:login"))
    page.fill("#id_username", registration.user.nip)
    page.fill("#id_password", factories.PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/beranda/$"))
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(live_server.url + page_obj.url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # no sideways scroll
    # The workshop page lies outside the worker's scope (/lokakarya/); scan links lie inside it. The page says when
    # the phone is ready (the worker active, the scan page kept); going offline before that would leave nothing.
    page.locator("[data-offline-ready]").wait_for(state="visible", timeout=30_000)

    # The venue's connection drops; the participant scans the code on the screen. context.set_offline cuts the
    # page's requests but, in Chromium, not the service worker's own fetches, so cut those too: the scan page must
    # then come from the worker's cache.
    context.set_offline(True)
    context.route("**/*", lambda route: route.abort("internetdisconnected"))
    scan_url = (
        live_server.url
        + reverse("courses:attendance_scan", args=[session.pk])
        + "?t="
        + session_token_make(session=session)
    )
    page.goto(scan_url)
    assert page.locator("[data-offline-shell]").is_visible()
    waiting = page.locator("[data-queue-state]")
    waiting.wait_for(state="visible")
    assert page.locator("[data-queue-count]").inner_text() == "1"
    assert not SessionAttendance.objects.exists()

    # The connection returns: the queue empties and the attendance is recorded, once.
    context.unroute("**/*")
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    waiting.wait_for(state="hidden")
    assert SessionAttendance.objects.filter(registration=registration, session=session).count() == 1
    row = SessionAttendance.objects.get()
    assert row.method == SessionAttendance.Method.SESSION_QR
