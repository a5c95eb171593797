"""The trainer's work in a real browser: marking an essay in the admin's marking screen, and running a workshop's
attendance (the session QR screen, a participant's scan, the trainer's scan of a personal code, a manual
correction). Every page is checked with axe-core at 1280 px and 360 px."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from courses.models import SessionAttendance
from courses.services import participant_token_make, session_token_make
from quizzes.models import Answer
from quizzes.services import attempt_answer, attempt_finish, attempt_start
from records.models import Completion
from tests import factories
from tests.courses import workshop_factories as wf
from tests.quizzes import factories as qf

from .accessibility import WAGTAIL_EXCLUSIONS, AxeLog, assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, base_url, login):
    """Sign in afresh, keeping English (the journey asserts on msgids, not on the compiled Indonesian)."""
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base_url}])
    page.goto(base_url + reverse("people:login"))
    page.fill("#id_username", login)
    page.fill("#id_password", factories.PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/masuk/" not in url)


@pytest.fixture
def desk(browser, live_server):
    """A desktop browser in English, so no test depends on a translation yet to be compiled."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_trainer_marks_an_essay_and_the_learner_passes(live_server, desk):
    unit = factories.UnitFactory(code="SDA", name="Sumber Daya Air")
    learner = factories.UserFactory(unit=unit, full_name="Siti Rahmawati, S.Sos.")
    module = factories.module(title="Menulis Jawaban Pengaduan", lessons=1)
    quiz = qf.standalone_quiz(title="Kuis Esai Pengaduan", module=module, pass_mark=75)
    choice_question, essay = qf.mc(quiz), qf.essay(quiz, text="Bagaimana Anda menanggapi pengaduan?")
    factories.lessons_complete(user=learner, module_page=module)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_answer(
        attempt=attempt,
        answers={choice_question.pk: qf.choice_named(choice_question, "Benar"), essay.pk: "Saya dengarkan dulu."},
    )
    assert attempt_finish(attempt=attempt).needs_marking
    trainer = factories.UserFactory(nip=None, username="penilai-e2e", role="pengajar", is_staff=True)
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "en"
    profile.save()
    page, base, axe = desk, live_server.url, AxeLog()

    sign_in(page, base, trainer.username)
    page.goto(base + reverse("quizzes_admin_sittings"))
    page.get_by_label("Only essays to mark").check()
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"to_mark=1"))
    assert_accessible(page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)
    page.get_by_role("link", name="Siti Rahmawati, S.Sos.").click()
    page.get_by_text("Saya dengarkan dulu.").wait_for()
    assert_accessible(page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)

    answer = Answer.objects.get(attempt=attempt, question=essay)
    page.get_by_label("Mark (%)").fill("80")
    page.get_by_role("button", name="Save mark").click()
    page.get_by_text("Mark saved").wait_for()
    assert_accessible(page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)

    answer.refresh_from_db()
    attempt.refresh_from_db()
    assert float(answer.points) == 0.8
    assert attempt.passed and not attempt.needs_marking
    assert Completion.objects.filter(user=learner, module=module).exists()
    assert len(axe.checked) == 2 * 3


def test_a_trainer_runs_workshop_attendance_with_the_qr_screen_a_scan_and_a_correction(live_server, desk, browser):
    trainer = wf.trainer(full_name="Dr. Rina Wulandari, M.Si.")
    workshop = wf.workshop(title="Konsinyasi Pelayanan Prima", sessions=3, facilitators=[trainer])
    scanner = wf.confirmed(workshop_page=workshop)
    coded = wf.confirmed(workshop_page=workshop)
    absent = wf.confirmed(workshop_page=workshop)
    first, second, third = wf.sessions_of(workshop)
    page, base, axe = desk, live_server.url, AxeLog()

    # The trainer puts the session's QR code on the projector.
    sign_in(page, base, trainer.username)
    page.goto(base + reverse("courses:session_qr", args=[first.pk]))
    page.get_by_role("img", name="Attendance QR code for this session").wait_for()
    assert page.locator("[data-qr] svg").count() == 1
    assert_accessible(page, log=axe)

    # A participant opens the link in that code on a 360 px phone and records their attendance.
    phone_context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        phone = phone_context.new_page()
        phone.set_default_timeout(15_000)
        sign_in(phone, base, scanner.user.nip)
        token = session_token_make(session=first)
        phone.goto(base + reverse("courses:attendance_scan", args=[first.pk]) + "?t=" + token)
        phone.get_by_role("heading", name="Attendance").wait_for()
        assert_accessible(phone, log=axe)
        scan_form = phone.locator("[data-scan-form]")
        if scan_form.is_visible():  # without the queue script the learner presses the button
            phone.get_by_role("button", name="Record my attendance").click()
        phone.get_by_text("is recorded").first.wait_for()
        assert_accessible(phone, log=axe)
    finally:
        phone_context.close()
    assert SessionAttendance.objects.filter(session=first, registration=scanner).exists()

    # The trainer scans a participant's personal code (a hand scanner types it and presses Enter).
    page.goto(base + reverse("courses:session_scan", args=[first.pk]))
    assert_accessible(page, log=axe)
    page.get_by_label("Participant's code").fill(participant_token_make(registration=coded))
    page.keyboard.press("Enter")
    page.get_by_text("recorded present").first.wait_for()
    assert SessionAttendance.objects.filter(session=first, registration=coded).exists()

    # The attendance grid, and a manual correction with its reason.
    page.get_by_role("link", name="Attendance list and corrections").click()
    page.get_by_role("heading", name="Correct attendance").wait_for()
    assert_accessible(page, log=axe)
    page.get_by_label("Participant", exact=True).select_option(str(absent.pk))
    page.get_by_label("Session", exact=True).select_option(str(second.pk))
    page.get_by_label("Attendance", exact=True).select_option("1")
    page.get_by_label("Reason (kept in the workshop's history)").fill("Hadir, ponsel mati; dicek di daftar kertas.")
    page.get_by_role("button", name="Save the correction").click()
    page.get_by_text("Attendance corrected").wait_for()
    assert_accessible(page, log=axe)
    assert SessionAttendance.objects.filter(session=second, registration=absent).exists()
    assert not SessionAttendance.objects.filter(session=third).exists()
    assert len(axe.checked) == 2 * 6
