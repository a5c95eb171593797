"""A module can never require itself, directly or through other modules: the service and the editor refuse it."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.models import BerAkhlakValue
from courses.selectors import prerequisite_cycle
from courses.services import PrerequisiteCycle, module_prerequisites_set
from people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    """Dasar <- Menengah <- Lanjutan: each requires the one before it."""
    basics = factories.module(title="Dasar", lessons=1)
    middle = factories.module(title="Menengah", lessons=1)
    advanced = factories.module(title="Lanjutan", lessons=1)
    module_prerequisites_set(module=middle, prerequisites=[basics])
    module_prerequisites_set(module=advanced, prerequisites=[middle])
    return basics, middle, advanced


def test_the_service_stores_prerequisites_that_make_no_cycle(chain):
    basics, middle, advanced = chain
    assert list(advanced.prerequisites.all()) == [middle]
    assert list(middle.prerequisites.all()) == [basics]


def test_a_module_cannot_require_itself(chain):
    basics, _middle, _advanced = chain
    with pytest.raises(PrerequisiteCycle) as refusal:
        module_prerequisites_set(module=basics, prerequisites=[basics])
    assert refusal.value.cycle == [basics, basics]
    assert list(basics.prerequisites.all()) == []


def test_a_module_cannot_require_itself_through_other_modules(chain):
    basics, middle, advanced = chain
    with pytest.raises(PrerequisiteCycle) as refusal:
        module_prerequisites_set(module=basics, prerequisites=[advanced])
    assert refusal.value.cycle == [basics, advanced, middle, basics]
    assert "Dasar \u2192 Lanjutan \u2192 Menengah \u2192 Dasar" in str(refusal.value)
    basics.refresh_from_db()
    assert list(basics.prerequisites.all()) == []  # nothing stored


def test_sharing_a_prerequisite_is_not_a_cycle(chain):
    basics, middle, advanced = chain
    other = factories.module(title="Lain", lessons=1)
    assert prerequisite_cycle(module=other, prerequisites=[basics, advanced]) == []
    module_prerequisites_set(module=other, prerequisites=[basics, advanced])
    assert set(other.prerequisites.all()) == {basics, advanced}


def edit_form(page, *, prerequisites) -> dict:
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "objectives": rich_text("<ul><li>Menyapa warga</li></ul>"),
            "jp": page.jp,
            "comments": inline_formset([]),
        }
    )
    # Multiple choices as repeated keys (nested_form_data would number them like formset rows).
    data["values"] = [BerAkhlakValue.objects.get(code="pelayanan").pk]
    data["prerequisites"] = [module.pk for module in prerequisites]
    return data


def test_the_editor_refuses_a_cycle_and_names_it(client, chain):
    basics, middle, advanced = chain
    client.force_login(
        factories.UserFactory(nip=None, username="admin-pusat", role=Role.ADMIN, is_superuser=True, is_staff=True)
    )
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[basics.pk]), edit_form(basics, prerequisites=[advanced])
    )
    assert response.status_code == 200  # the form again, not a redirect
    assert "These prerequisites make a cycle: Dasar \u2192 Lanjutan \u2192 Menengah \u2192 Dasar." in (
        response.content.decode()
    )
    basics.refresh_from_db()
    assert not basics.get_latest_revision().content.get("prerequisites")


def test_the_editor_saves_prerequisites_without_a_cycle(client, chain):
    basics, _middle, advanced = chain
    other = factories.module(title="Lain", lessons=1)
    client.force_login(
        factories.UserFactory(nip=None, username="admin-pusat", role=Role.ADMIN, is_superuser=True, is_staff=True)
    )
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[other.pk]), edit_form(other, prerequisites=[basics, advanced])
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert set(other.get_latest_revision().as_object().prerequisites.all()) == {basics, advanced}
