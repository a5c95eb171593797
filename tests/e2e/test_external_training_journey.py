"""External training in a real browser: a learner finds their empty list, sends a training done elsewhere with a
small PDF scan, HR of their unit approves it in the review queue, and the learner sees it counted. Each screen is
checked with axe-core at 1280 px and 360 px."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from records.models import ExternalTraining
from tests import factories

from .accessibility import WAGTAIL_EXCLUSIONS, AxeLog, assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# A whole, if tiny, PDF: what a phone's scanner app would hand over, minus the picture.
SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def sign_in(context, base, login):
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(base + reverse("people:login"))
    page.fill("#id_username", login)
    page.fill("#id_password", factories.PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/masuk/" not in url)
    return page


def english_context(browser, base, **options):
    context = browser.new_context(locale="en-GB", **options)
    context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    return context


def test_a_learner_sends_external_training_hr_approves_it_and_it_counts(live_server, browser):
    unit = factories.UnitFactory(code="SDA", name="Sumber Daya Air")
    section = factories.UnitFactory(code="SDA-1", name="Bagian Umum", parent=unit)
    learner = factories.UserFactory(unit=section, full_name="Siti Rahmawati, S.Sos.")
    hr = factories.hr_user(units=[unit], full_name="Budi Kepegawaian")
    profile = UserProfile.get_for_user(hr)
    profile.preferred_language = "en"
    profile.save()
    today = timezone.localdate()  # this year, so it counts on the learner's home page once approved
    base, axe = live_server.url, AxeLog()
    my_page = base + reverse("reports:my_external_training")

    phone = english_context(browser, base, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    desk = english_context(browser, base, viewport={"width": 1280, "height": 900})
    try:
        # The learner's list is empty at first, and says so.
        page = sign_in(phone, base, learner.nip)
        page.goto(my_page)
        page.get_by_text("You have not sent any external training yet.").wait_for()
        assert_accessible(page, log=axe)

        # They send a training with its scan.
        page.get_by_label("Training title").fill("Diklat Pelayanan Publik")
        page.get_by_label("Organiser").fill("BPSDM Provinsi")
        page.get_by_label("Start date").fill(today.isoformat())
        page.get_by_label("End date").fill(today.isoformat())
        page.get_by_label("JP", exact=True).fill("12")
        page.get_by_label("Certificate number").fill("BPSDM/12/2026")
        page.get_by_label("Scanned certificate").set_input_files(
            {"name": "sertifikat.pdf", "mimeType": "application/pdf", "buffer": SCAN}
        )
        page.get_by_role("button", name="Send for review").click()
        page.get_by_text("Sent to HR.").wait_for()
        row = page.get_by_role("row").filter(has_text="Diklat Pelayanan Publik")
        assert "Waiting for review" in row.inner_text()
        assert_accessible(page, log=axe)
        training = ExternalTraining.objects.get(user=learner)
        assert training.status == ExternalTraining.Status.PENDING

        # HR of the unit finds it in the review queue and approves it.
        hr_page = sign_in(desk, base, hr.username)
        hr_page.goto(base + reverse("reports_external_review"))
        entry = hr_page.get_by_role("row").filter(has_text="Diklat Pelayanan Publik")
        entry.wait_for()
        assert "Siti Rahmawati, S.Sos." in entry.inner_text()
        assert_accessible(hr_page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)
        entry.get_by_role("button", name="Approve").click()
        hr_page.get_by_text("Approved: the JP now count for Siti Rahmawati, S.Sos.").wait_for()
        hr_page.get_by_text("No external training is waiting for review in your units.").wait_for()
        assert_accessible(hr_page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)

        # The learner sees it approved and counted in this year's JP.
        page.goto(my_page)
        row = page.get_by_role("row").filter(has_text="Diklat Pelayanan Publik")
        assert re.search(r"\bApproved\b", row.inner_text())
        page.goto(base + reverse("reports:my_learning"))
        page.get_by_text("12 of 20 JP").first.wait_for()
    finally:
        phone.close()
        desk.close()
    training.refresh_from_db()
    assert training.status == ExternalTraining.Status.APPROVED
    assert len(axe.checked) == 2 * 4
