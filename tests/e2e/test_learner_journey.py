"""The foundation's spine in a real browser on a phone-sized screen, driven partly by keyboard; every page it
visits is checked with axe-core at 1280 px and at 360 px."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from certificates.models import Certificate
from records.models import Completion
from tests import factories

from .accessibility import AxeLog, assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_an_asn_signs_in_learns_passes_the_quiz_and_downloads_the_certificate(live_server, phone, monkeypatch):
    unit = factories.UnitFactory(code="SDA", name="Sumber Daya Air")
    learner = factories.UserFactory(unit=unit, full_name="Dr. Siti Rahmawati, S.Sos., M.Si.")
    module = factories.module(title="Perilaku Pelayanan Prima", lessons=2)
    quiz = factories.quiz(module=module, questions=3)
    page = phone
    axe = AxeLog()

    # The first Tab on a page reaches the skip link.
    page.goto(live_server.url + "/")
    assert_accessible(page, log=axe)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

    # Sign in with the keyboard only: the NIP field has focus, the NIP typed as printed on the card.
    page.goto(live_server.url + reverse("people:login"))
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_username'")
    assert_accessible(page, log=axe)
    page.locator("#id_username").focus()
    page.keyboard.type(" ".join([learner.nip[:8], learner.nip[8:14], learner.nip[14:]]))
    page.keyboard.press("Tab")
    page.keyboard.type(factories.PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/beranda/$"))
    assert _no_horizontal_scroll(page)
    assert_accessible(page, log=axe)

    # Catalogue → module → every lesson, marked done.
    page.goto(live_server.url + "/")
    assert_accessible(page, log=axe)
    page.get_by_role("link", name="Perilaku Pelayanan Prima").click()
    page.get_by_role("link", name="Mulai materi pertama").wait_for()
    assert_accessible(page, log=axe)
    page.get_by_role("link", name="Mulai materi pertama").click()
    for _lesson in range(2):
        page.get_by_role("button", name="Tandai selesai dan lanjutkan").wait_for()
        assert _no_horizontal_scroll(page)
        assert_accessible(page, log=axe)
        page.get_by_role("button", name="Tandai selesai dan lanjutkan").click()
    page.wait_for_url(re.compile(re.escape(module.url) + "$"))
    assert_accessible(page, log=axe)

    # The quiz: choose the right answers by their labels, then finish.
    page.get_by_role("button", name="Kerjakan kuis").click()
    page.get_by_label("Benar 0").wait_for()
    assert_accessible(page, log=axe)
    for number in range(3):
        page.get_by_label(f"Benar {number}").check()
    assert _no_horizontal_scroll(page)
    page.get_by_role("button", name="Selesai dan nilai").click()
    page.get_by_text("Lulus").first.wait_for()
    assert_accessible(page, log=axe)
    assert Completion.objects.filter(user=learner, module=module).exists()

    # The worker issues the certificate; the learner downloads the stored PDF from their home page.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    certificate = Certificate.objects.get(completion__user=learner)
    page.goto(live_server.url + reverse("reports:my_learning"))
    assert_accessible(page, log=axe)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh PDF").click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"

    # Anyone can verify it without signing in; the NIP is masked.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("certificates:lookup"))
    assert_accessible(page, log=axe)
    page.get_by_label("Nomor sertifikat").fill(certificate.number)
    page.keyboard.press("Enter")
    page.get_by_text("Sertifikat ini sah.").wait_for()
    assert_accessible(page, log=axe)
    body = page.content()
    assert "Dr. Siti Rahmawati, S.Sos., M.Si." in body
    assert learner.nip not in body
    assert quiz.title  # the quiz existed throughout
    # Sign-in, home, catalogue, module, two lessons, module again, quiz, result, my learning, lookup, verified.
    assert len(axe.checked) == 2 * 13


def test_the_answer_key_is_not_in_the_page_the_browser_receives(live_server, phone):
    learner = factories.UserFactory()
    module = factories.module(lessons=1)
    quiz = factories.quiz(module=module, questions=2)
    attempt = factories.attempt(user=learner, quiz_instance=quiz)
    page = phone
    page.goto(live_server.url + reverse("people:login"))
    page.get_by_label("NIP atau nama pengguna").fill(learner.nip)
    page.get_by_label("Kata sandi").fill(factories.PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/beranda/$"))

    page.goto(live_server.url + reverse("quizzes:attempt", args=[attempt.pk]))

    html = page.content()
    assert "Penjelasan rahasia" not in html
    assert "is_correct" not in html
