"""The English catalogue and value pages list each module once, in English where translated, Indonesian otherwise.

The catalogue's unit filter and organiser know the Indonesian sections too (the untranslated modules sit there);
a value page lists the pages of its own language, falling back to Indonesian only where no translation is live.
"""

import pytest
from wagtail.models import Locale, PageViewRestriction

from courses.models import BerAkhlakValue
from tests import factories
from tests.courses import factories as course_factories
from tests.courses.test_translations import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def catalogue_en(english):
    return translate(factories.catalogue(), english, title="Catalogue")


def titles(response, key="modules"):
    return [page.title for page in response.context[key]]


def test_the_english_catalogue_filtered_by_a_unit_with_only_an_indonesian_section_shows_its_modules(
    client, catalogue_en
):
    unit = factories.UnitFactory(name="Biro Kepegawaian")
    section = course_factories.section(unit=unit)  # no English section
    factories.module(title="Manajemen ASN", parent=section, lessons=0)
    factories.module(title="Di Luar Unit", lessons=0)  # directly in the catalogue

    response = client.get(catalogue_en.url, {"unit": unit.code})

    assert (unit.code, "Biro Kepegawaian") in response.context["units"]
    assert titles(response) == ["Manajemen ASN"]
    assert response.context["modules"][0].organiser == unit
    content = response.content.decode()
    assert f'<option value="{unit.code}" selected>' in content
    assert "Biro Kepegawaian" in content.split("Manajemen ASN", 1)[1]  # the card names its organiser


def test_a_unit_below_the_chosen_one_counts_in_the_english_catalogue_too(client, catalogue_en):
    parent = factories.UnitFactory(name="Sekretariat")
    child = factories.UnitFactory(name="Bagian Umum", parent=parent)
    course_factories.section(unit=parent)
    factories.module(title="Tata Naskah", parent=course_factories.section(unit=child), lessons=0)
    response = client.get(catalogue_en.url, {"unit": parent.code})
    assert titles(response) == ["Tata Naskah"]


def test_a_translated_module_appears_once_in_english_with_its_unit_listed_once(client, english, catalogue_en):
    unit = factories.UnitFactory(name="Pusdiklat")
    section = course_factories.section(unit=unit)
    section_en = translate(section, english)
    module = factories.module(title="Pelayanan Prima", parent=section, lessons=0)
    translate(module, english, title="Excellent Service")
    factories.module(title="Akuntabilitas Kinerja", parent=section, lessons=0)  # not translated

    for params in ({}, {"unit": unit.code}):
        response = client.get(catalogue_en.url, params)
        assert sorted(titles(response)) == ["Akuntabilitas Kinerja", "Excellent Service"], params
        assert all(module.organiser == unit for module in response.context["modules"])
        assert [code for code, _name in response.context["units"]] == [unit.code]
        assert "Pelayanan Prima" not in response.content.decode()
    assert section_en.unit == unit


def test_the_indonesian_catalogue_keeps_its_own_sections_and_modules(client, english, catalogue_en):
    unit = factories.UnitFactory()
    section = course_factories.section(unit=unit)
    translate(section, english)
    module = factories.module(title="Pelayanan Prima", parent=section, lessons=0)
    translate(module, english, title="Excellent Service")
    response = client.get(factories.catalogue().url, {"unit": unit.code})
    assert titles(response) == ["Pelayanan Prima"]
    assert response.context["modules"][0].organiser == unit
    assert [code for code, _name in response.context["units"]] == [unit.code]


def test_the_english_catalogue_links_the_english_value_page_and_falls_back_to_the_indonesian(
    client, english, catalogue_en
):
    service = course_factories.value_page(code="pelayanan")
    service_en = translate(service, english, title="Service Oriented")
    loyal = course_factories.value_page(code="loyal", title="Loyal")
    links = {value.code: page for value, page in client.get(catalogue_en.url).context["value_links"]}
    assert links["pelayanan"].pk == service_en.pk
    assert links["loyal"].pk == loyal.pk
    content = client.get(catalogue_en.url).content.decode()
    assert f'href="{service_en.url}"' in content and f'href="{service.url}"' not in content
    indonesian = {value.code: page for value, page in client.get(service.get_parent().url).context["value_links"]}
    assert indonesian["pelayanan"].pk == service.pk


@pytest.fixture
def value_pages(english, catalogue_en):
    """A value page in both languages; one tagged module and lesson translated, one of each not."""
    page = course_factories.value_page(code="pelayanan")
    page_en = translate(page, english, title="Service Oriented")
    translated = factories.module(title="Pelayanan Prima", values=("pelayanan",), lessons=1)
    translated_en = translate(translated, english, title="Excellent Service")
    lesson = translated.lessons().first().specific
    lesson.values.set([BerAkhlakValue.objects.get(code="pelayanan")])
    lesson.save_revision().publish()
    lesson_en = translate(lesson, english, title="Greeting citizens")
    other = factories.module(title="Akuntabilitas Kinerja", values=("pelayanan",), lessons=1)
    other_lesson = other.lessons().first().specific
    other_lesson.values.set([BerAkhlakValue.objects.get(code="pelayanan")])
    other_lesson.save_revision().publish()
    return {
        "page": page,
        "page_en": page_en,
        "translated": translated,
        "translated_en": translated_en,
        "lesson": lesson,
        "lesson_en": lesson_en,
        "other": other,
        "other_lesson": other_lesson,
    }


def test_the_english_value_page_lists_the_english_translation_not_the_indonesian_original(client, value_pages):
    response = client.get(value_pages["page_en"].url)
    assert response.status_code == 200
    assert titles(response) == ["Akuntabilitas Kinerja", "Excellent Service"]
    lessons = response.context["lessons"]
    assert [lesson.pk for lesson in lessons] == [value_pages["lesson_en"].pk, value_pages["other_lesson"].pk]
    assert lessons[0].module_page.title == "Excellent Service"
    assert lessons[1].module_page.title == "Akuntabilitas Kinerja"
    content = response.content.decode()
    assert f'href="{value_pages["translated_en"].url}"' in content
    assert f'href="{value_pages["lesson_en"].url}"' in content
    assert f'href="{value_pages["other"].url}"' in content  # untranslated: the Indonesian page
    assert "Pelayanan Prima" not in content
    assert f'href="{value_pages["translated"].url}"' not in content


def test_the_indonesian_value_page_lists_only_indonesian_pages(client, value_pages):
    response = client.get(value_pages["page"].url)
    assert titles(response) == ["Akuntabilitas Kinerja", "Pelayanan Prima"]
    assert [lesson.pk for lesson in response.context["lessons"]] == [
        value_pages["lesson"].pk,
        value_pages["other_lesson"].pk,
    ]
    content = response.content.decode()
    assert "Excellent Service" not in content and "Greeting citizens" not in content


def test_an_unpublished_english_translation_leaves_the_indonesian_module_on_the_english_value_page(client, value_pages):
    english_module = value_pages["translated_en"]
    english_module.refresh_from_db()
    english_module.unpublish()
    response = client.get(value_pages["page_en"].url)
    assert titles(response) == ["Akuntabilitas Kinerja", "Pelayanan Prima"]


def test_a_private_module_is_listed_on_neither_value_page(client, value_pages):
    for module in (value_pages["other"], value_pages["translated_en"]):
        PageViewRestriction.objects.create(
            page=module, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
        )
    # The private English copy is not listed; its public Indonesian original stands in, as when unpublished.
    assert titles(client.get(value_pages["page_en"].url)) == ["Pelayanan Prima"]
    assert titles(client.get(value_pages["page"].url)) == ["Pelayanan Prima"]


def test_the_english_catalogue_lists_untranslated_indonesian_workshops_and_translated_ones_once(
    client, english, catalogue_en
):
    from tests.courses.workshop_factories import workshop

    workshop(title="Konsinyasi Bogor")  # not translated
    translated = workshop(title="Konsinyasi Bandung")
    translate(translated, english, title="Bandung Workshop")

    english_titles = titles(client.get(catalogue_en.url), key="workshops")
    indonesian_titles = titles(client.get(factories.catalogue().url), key="workshops")

    assert sorted(english_titles) == ["Bandung Workshop", "Konsinyasi Bogor"]
    assert sorted(indonesian_titles) == ["Konsinyasi Bandung", "Konsinyasi Bogor"]
    assert titles(client.get(catalogue_en.url, {"format": "online"}), key="workshops") == []
