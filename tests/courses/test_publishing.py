"""Publishing through the admin: trainers edit only their unit's section and submit; lead trainers approve."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.models import BerAkhlakValue, ModulePage
from courses.services import moderation_sync, trainer_section_grant
from people.models import Role
from tests import factories
from tests.courses import factories as course_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    moderation_sync()
    sda = factories.UnitFactory(code="SDA", name="Ditjen SDA")
    bm = factories.UnitFactory(code="BM", name="Ditjen Bina Marga")
    trainer = factories.UserFactory(nip=None, username="pengajar-sda", role=Role.TRAINER, unit=sda)
    trainer_section_grant(user=trainer, unit=sda)
    lead = factories.UserFactory(nip=None, username="pengajar-utama", role=Role.LEAD_TRAINER, unit=sda)
    own = course_factories.section(unit=sda)
    other = course_factories.section(unit=bm)
    return {
        "trainer": trainer,
        "lead": lead,
        "own": own,
        "other": other,
        "own_module": factories.module(title="Modul SDA", parent=own, lessons=1),
        "other_module": factories.module(title="Modul Bina Marga", parent=other, lessons=1),
    }


def module_form(*, title: str, slug: str, action: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Ringkasan modul baru.",
            "objectives": rich_text("<ul><li>Menyapa warga</li></ul>"),
            "jp": 2,
            "estimated_minutes": 45,
            "values": [BerAkhlakValue.objects.get(code="pelayanan").pk],
            "comments": inline_formset([]),
            action: "1",
        }
    )


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("courses", "modulepage", parent.pk))


def test_a_trainer_creates_a_module_in_their_section_and_submits_it_for_approval(client, setup):
    client.force_login(setup["trainer"])
    response = client.post(add_url(setup["own"]), module_form(title="Modul Baru", slug="baru", action="action-submit"))
    assert response.status_code == 302
    page = ModulePage.objects.get(slug="baru")
    assert not page.live
    assert page.get_parent().pk == setup["own"].pk
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Moderasi Melayani"


def test_a_trainer_cannot_publish_directly(client, setup):
    client.force_login(setup["trainer"])
    client.post(add_url(setup["own"]), module_form(title="Langsung", slug="langsung", action="action-publish"))
    page = ModulePage.objects.filter(slug="langsung").first()
    assert page is None or not page.live


def test_a_lead_trainer_approves_and_the_module_goes_live(client, setup):
    client.force_login(setup["trainer"])
    client.post(add_url(setup["own"]), module_form(title="Modul Baru", slug="baru", action="action-submit"))
    page = ModulePage.objects.get(slug="baru")
    task_state = page.current_workflow_task_state
    client.force_login(setup["lead"])
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)), {"comment": "OK"}
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert page.live_revision is not None


def test_a_trainer_cannot_approve_their_own_submission(client, setup):
    client.force_login(setup["trainer"])
    client.post(add_url(setup["own"]), module_form(title="Modul Baru", slug="baru", action="action-submit"))
    page = ModulePage.objects.get(slug="baru")
    task_state = page.current_workflow_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)), {})
    page.refresh_from_db()
    assert not page.live


def test_a_trainer_may_open_their_own_sections_module_in_the_editor(client, setup):
    client.force_login(setup["trainer"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[setup["own_module"].pk]))
    assert response.status_code == 200


def test_a_trainer_editing_another_units_module_is_refused(client, setup):
    client.force_login(setup["trainer"])
    module = setup["other_module"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[module.pk])
    assert client.get(edit_url).status_code in (302, 403)
    response = client.post(edit_url, module_form(title="Diubah", slug=module.slug, action="action-submit"))
    assert response.status_code in (302, 403)
    module.refresh_from_db()
    assert module.title == "Modul Bina Marga"
    assert module.get_latest_revision().content["title"] == "Modul Bina Marga"


def test_a_trainer_cannot_add_a_module_in_another_section_or_at_the_top(client, setup):
    client.force_login(setup["trainer"])
    for parent in (setup["other"], factories.catalogue()):
        response = client.post(add_url(parent), module_form(title="Nyasar", slug="nyasar", action="action-submit"))
        assert response.status_code in (302, 403)
    assert not ModulePage.objects.filter(slug="nyasar").exists()


def test_a_section_created_in_the_admin_gets_its_trainers_permissions(client, setup):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    admin = factories.UserFactory(nip=None, username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    unit = factories.UnitFactory(code="CK", name="Ditjen Cipta Karya")
    data = nested_form_data(
        {"title": "Cipta Karya", "slug": "ck", "unit": unit.pk, "intro": rich_text(""), "comments": inline_formset([])}
    )
    data["action-publish"] = "1"
    url = reverse("wagtailadmin_pages:add", args=("courses", "unitsectionpage", factories.catalogue().pk))
    assert client.post(url, data).status_code == 302
    group = Group.objects.get(name="pengajar CK")
    permissions = set(
        GroupPagePermission.objects.filter(group=group, page__slug="ck").values_list("permission__codename", flat=True)
    )
    assert permissions == {"add_page", "change_page"}


def test_a_scheduled_module_goes_live_only_when_its_time_comes():
    """Real time, briefly: go-live two seconds ahead, then Wagtail's publish_scheduled before and after it."""
    module = factories.module(title="Terjadwal", lessons=0)
    module.unpublish()
    module.refresh_from_db()
    module.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    module.save_revision().publish()
    module.refresh_from_db()
    assert not module.live
    assert module.get_latest_revision().approved_go_live_at is not None

    call_command("publish_scheduled", verbosity=0)
    module.refresh_from_db()
    assert not module.live

    time.sleep(max(0.0, (module.go_live_at - timezone.now()).total_seconds()) + 0.2)
    call_command("publish_scheduled", verbosity=0)
    module.refresh_from_db()
    assert module.live


def test_a_draft_is_not_served_but_the_editor_can_preview_it(client, setup):
    draft = factories.draft_lesson(module=setup["own_module"], title="Bab draf")
    client.force_login(setup["trainer"])
    assert client.get(setup["own_module"].url).content.decode().count("Bab draf") == 0
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk]))
    assert response.status_code == 200
    assert "Bab draf" in response.content.decode()
