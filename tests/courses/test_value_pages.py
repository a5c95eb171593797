"""A value page explains the value and lists the live modules and lessons tagged with it."""

import pytest

from courses.models import BerAkhlakValue
from tests import factories
from tests.courses import factories as course_factories

pytestmark = pytest.mark.django_db


def test_a_value_page_shows_its_behaviours_modules_and_tagged_lessons(client):
    page = course_factories.value_page(code="pelayanan")
    tagged = factories.module(title="Melayani dengan Hati", values=("pelayanan",), lessons=1)
    other = factories.module(title="Akuntabel", values=("akuntabel",), lessons=1)
    lesson = other.lessons().first().specific
    lesson.values.set([BerAkhlakValue.objects.get(code="pelayanan")])
    lesson.save_revision().publish()

    response = client.get(page.url)

    content = response.content.decode()
    assert "Ramah, cekatan, solutif" in content
    assert [module.title for module in response.context["modules"]] == ["Melayani dengan Hati"]
    assert [item.title for item in response.context["lessons"]] == [lesson.title]
    assert response.context["lessons"][0].module_page.title == "Akuntabel"
    assert f'href="{tagged.url}"' in content
    assert f'href="{lesson.url}"' in content


def test_a_value_page_without_tagged_content_shows_empty_states(client):
    page = course_factories.value_page(code="loyal", title="Loyal")
    content = client.get(page.url, HTTP_COOKIE="django_language=en").content.decode()
    assert "No published module is tagged with this value yet." in content
    assert "No published lesson is tagged with this value yet." in content


def test_an_unpublished_module_is_not_listed_on_the_value_page(client):
    page = course_factories.value_page()
    module = factories.module(title="Draf", values=("pelayanan",))
    module.unpublish()
    assert list(client.get(page.url).context["modules"]) == []


def test_the_catalogue_links_to_the_value_pages(client):
    page = course_factories.value_page()
    assert f'href="{page.url}"' in client.get(factories.catalogue().url).content.decode()


def test_a_content_page_renders_its_body(client):
    page = course_factories.content_page(title="Bantuan")
    content = client.get(page.url).content.decode()
    assert "Isi halaman." in content and "Bantuan" in content
