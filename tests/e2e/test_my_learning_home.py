"""The learner's home on a 360 px phone, used by keyboard alone: assigned modules, overdue, JP this year."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Assignment
from people.models import Role
from tests import factories

from .accessibility import AxeLog, assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def narrow_phone(browser, live_server):
    """A 360 px wide phone in English, so no test depends on a translation yet to be compiled."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_the_home_fits_360_px_and_the_assigned_module_is_reached_and_opened_by_keyboard(live_server, narrow_phone):
    unit = factories.UnitFactory(code="SDA", name="Sumber Daya Air")
    learner = factories.UserFactory(unit=unit, full_name="Dr. Siti Rahmawati, S.Sos., M.Si.")
    trainer = factories.UserFactory(nip=None, username="pengajar-e2e", role=Role.TRAINER, is_staff=True)
    module = factories.module(title="Modul Pelayanan dengan Judul yang Cukup Panjang untuk Layar Sempit", lessons=2)
    Assignment.objects.create(
        module=module, user=learner, due_date=timezone.localdate() - datetime.timedelta(days=2), assigned_by=trainer
    )
    factories.completion(user=learner, module=factories.module(title="Modul Selesai", jp=4, lessons=0))
    page = narrow_phone

    page.goto(live_server.url + reverse("people:login"))
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_username'")
    page.keyboard.type(learner.nip)
    page.keyboard.press("Tab")
    page.keyboard.type(factories.PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/beranda/$"))

    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.get_by_text("Overdue", exact=True).is_visible()
    assert page.get_by_text("4 of 20 JP").first.is_visible()
    axe = AxeLog()
    assert_accessible(page, log=axe)  # the home with an overdue assignment and a JP bar, in English

    # Tab from the top of the page to the assigned module's start button; the focus ring must be visible.
    for _step in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Start the first lesson":
            break
    else:
        pytest.fail("the start button of the assigned module is not reachable by keyboard")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(module.lessons().first().url) + "$"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page, log=axe)
    assert len(axe.checked) == 2 * 2
