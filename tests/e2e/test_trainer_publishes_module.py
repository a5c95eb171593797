"""A trainer writes a module and a lesson in the Wagtail admin and submits them; a lead trainer approves;
a learner on a 360 px phone then opens the module and completes the lesson by keyboard. Every page is checked
with axe-core at 1280 px and 360 px (Wagtail's own markup: see WAGTAIL_EXCLUSIONS)."""

import re
import time

import pytest
from django.db import connection
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from wagtail.models import Page, WorkflowState
from wagtail.users.models import UserProfile

from courses.models import LessonPage, LessonProgress, ModulePage
from courses.services import moderation_sync, trainer_section_grant, unit_section_create
from people.models import Role
from tests import factories

from .accessibility import WAGTAIL_EXCLUSIONS, AxeLog, assert_accessible

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # The Wagtail editor fires requests in parallel (editing-session pings, previews); the live server shares one
    # in-memory SQLite connection between its threads, which then fails with "database table is locked".
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="admin journey needs PostgreSQL: run with DATABASE_URL=postgres://…"
    ),
]


def english_admin(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def sign_in(page, base_url, login):
    page.context.clear_cookies()
    page.goto(base_url + reverse("people:login"))
    page.fill("#id_username", login)
    page.fill("#id_password", factories.PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


def submit_for_moderation(page):
    """Open the editor footer's "More actions" menu and press "Submit to …", as a trainer does."""
    page.get_by_role("button", name="More actions").first.click()
    page.get_by_role("button", name=re.compile(r"^Submit to")).first.click()
    try:
        page.wait_for_url(lambda url: "/add/" not in url)
    except PlaywrightTimeoutError:
        # The form came back: say what Wagtail objected to instead of a bare timeout.
        shown = page.locator(".error-message, .help-critical, .messages, [role=alert]").all_inner_texts()
        raise AssertionError(f"the editor stayed on the add form; it shows: {shown}") from None


def type_into_rich_text(page, text: str) -> None:
    """Type into the first Draftail editor once it takes input: on a loaded machine the first keys can land before
    the editor is ready (seen once in CI: the lesson came back from "Submit" with an empty body)."""
    editor = page.locator(".public-DraftEditor-content").first
    for _attempt in range(3):
        editor.click()
        page.keyboard.type(text)
        if text in editor.inner_text():
            return
        page.wait_for_timeout(500)
    raise AssertionError(f"the rich-text editor did not take the text; it holds {editor.inner_text()!r}")


def in_moderation(pk) -> bool:
    return WorkflowState.objects.filter(object_id=str(pk), status=WorkflowState.STATUS_IN_PROGRESS).exists()


def wait_until(predicate, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def narrow_phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_trainer_submits_lead_trainer_approves_learner_completes(live_server, desk, narrow_phone, settings):
    # Wagtail 8 autosaves the editor every 500 ms; on a loaded machine an autosave that creates the page can land
    # just before "Submit to moderation" posts to the add URL, which then answers 400 (slug taken) and the page
    # stays a draft outside the workflow (seen once in five runs at load 18). The journey is about moderation,
    # so it turns autosave off (the live server runs in this process and reads the same settings).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    moderation_sync()
    unit = factories.UnitFactory(code="SDA", name="Ditjen Sumber Daya Air")
    catalogue = factories.catalogue()
    catalogue.save_revision().publish()
    section = unit_section_create(catalogue=catalogue, unit=unit)
    trainer = english_admin(
        factories.UserFactory(nip=None, username="pengajar-sda", role=Role.TRAINER, unit=unit, is_staff=True)
    )
    trainer_section_grant(user=trainer, unit=unit)
    lead = english_admin(
        factories.UserFactory(nip=None, username="pengajar-utama", role=Role.LEAD_TRAINER, unit=unit, is_staff=True)
    )
    learner = factories.UserFactory(unit=unit)
    base = live_server.url
    axe = AxeLog()

    # The trainer writes the module in their unit's section and submits it for moderation.
    page = desk
    sign_in(page, base, trainer.username)
    page.goto(f"{base}/admin/pages/add/courses/modulepage/{section.pk}/")
    page.locator("#id_title").wait_for()
    assert_accessible(page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)
    page.fill("#id_title", "Menangani Pengaduan Banjir")
    page.fill("#id_summary", "Cara melayani warga yang mengadu saat banjir.")
    page.fill("#id_jp", "2")
    page.locator('input[name="values"]').first.check()
    page.locator("#id_slug").evaluate("input => { input.value = 'pengaduan-banjir'; }")
    submit_for_moderation(page)
    assert wait_until(lambda: ModulePage.objects.filter(slug="pengaduan-banjir").exists())
    module = ModulePage.objects.get(slug="pengaduan-banjir")
    assert wait_until(lambda: in_moderation(module.pk))
    assert not module.live
    assert module.get_parent().pk == section.pk

    # …and a lesson in it, written in the StreamField editor.
    page.goto(f"{base}/admin/pages/add/courses/lessonpage/{module.pk}/")
    page.locator("#id_title").wait_for()
    assert_accessible(page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)
    page.fill("#id_title", "Mendengarkan Pengadu")
    page.locator("#id_slug").evaluate("input => { input.value = 'mendengarkan-pengadu'; }")
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name=re.compile(r"^Text")).first.click()
    type_into_rich_text(page, "Dengarkan pengadu sampai selesai, lalu catat alamatnya.")
    submit_for_moderation(page)
    assert wait_until(lambda: LessonPage.objects.filter(slug="mendengarkan-pengadu").exists())
    lesson = LessonPage.objects.get(slug="mendengarkan-pengadu")
    assert wait_until(lambda: in_moderation(lesson.pk))
    assert not lesson.live

    # The trainer may not publish; the lead trainer approves both from the dashboard's "Awaiting your review".
    sign_in(page, base, lead.username)
    for pk in (module.pk, lesson.pk):
        page.goto(f"{base}/admin/")
        if pk == module.pk:
            assert_accessible(page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)
        approve = page.locator(f'[data-workflow-action-url*="/action/{pk}/approve/"]:not([data-launch-modal])')
        approve.first.evaluate("link => link.click()")
        approved = wait_until(lambda pk=pk: Page.objects.filter(pk=pk, live=True).exists())
        states = list(WorkflowState.objects.filter(object_id=str(pk)).values_list("status", flat=True))
        assert approved, f"page {pk} not approved; workflow states {states}; at {page.url}"

    # A learner on a 360 px phone finds the module in the catalogue and completes the lesson by keyboard.
    phone = narrow_phone
    sign_in(phone, base, learner.nip)
    phone.goto(base + "/")
    phone.get_by_role("link", name="Menangani Pengaduan Banjir").click()
    phone.get_by_role("link", name="Mulai materi pertama").wait_for()
    assert_accessible(phone, log=axe)
    phone.get_by_role("link", name="Mulai materi pertama").click()
    phone.get_by_role("heading", name="Mendengarkan Pengadu").wait_for()
    assert_accessible(phone, log=axe)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    button = phone.get_by_role("button", name="Tandai selesai dan lanjutkan")
    button.focus()
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(re.escape(module.url) + "$"))
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).exists()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # Module editor, lesson editor, the lead's dashboard, the module and the lesson, each at two widths.
    assert len(axe.checked) == 2 * 5
