"""Every learner page i3 owns costs the same number of queries with 10 or 500 modules in the catalogue."""

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Locale
from wagtail.rich_text import RichText

from courses.models import BerAkhlakValue, IppAspectTag, LessonPage, ModulePage
from courses.selectors.catalogue import catalogue_sections
from tests import factories
from tests.courses import factories as course_factories
from tests.courses.test_translations import translate

pytestmark = pytest.mark.django_db

# One budget for every size: the point is that it does not grow with the catalogue.
# Measured with the fragment cache off (tests/courses/test_page_fragments.py counts it on): catalogue 10 (was 18,
# then 14: view restrictions are read once, value links in one query), module 12 (was 23: progress is one
# statement), lesson 4 (was 10: the page comes from the page cache), value page 8 (was 9).
CATALOGUE_QUERIES = 9  # 8 for modules, +1 for the konsinyasi workshops listed beside them
MODULE_QUERIES = 12
LESSON_QUERIES = 4
VALUE_QUERIES = 8
CONTENT_QUERIES = 8
# English pages: +2 for routing under /en/ (the English locale and root); the catalogue +1 for its Indonesian
# source. Listing both trees (sections, modules, value pages, lessons) adds no query.
ENGLISH_CATALOGUE_QUERIES = 12
ENGLISH_VALUE_QUERIES = 10


def build_catalogue(size: int) -> dict:
    """`size` live modules spread over two unit sections, each tagged; one of them with three lessons."""
    catalogue = factories.catalogue()
    sections = [course_factories.section(unit=factories.UnitFactory()) for _ in range(2)]
    values = list(BerAkhlakValue.objects.all())
    aspects = list(IppAspectTag.objects.all())
    modules = []
    for index in range(size):
        # The module that gets lessons is always in a section, so its depth is the same at every size.
        parent = sections[index % 2] if (index % 3 or index == size - 1) else catalogue
        parent.refresh_from_db()
        module = parent.add_child(
            instance=ModulePage(
                title=f"Modul {index:03d}", slug=f"m-{index}", summary="Ringkasan.", jp=2, estimated_minutes=30
            )
        )
        module.values.set([values[index % 7], values[(index + 1) % 7]])
        module.ipp_aspects.set([aspects[index % 5]])
        module.save()  # ParentalManyToMany relations are written on save
        modules.append(module)
    target = modules[-1]
    lessons = []
    for number in range(3):
        target.refresh_from_db()
        lesson = target.add_child(
            instance=LessonPage(title=f"Pelajaran {number}", slug=f"p-{number}", body=lesson_body())
        )
        lesson.values.set(values[:2])
        lesson.save()
        lessons.append(lesson)
    return {
        "catalogue": catalogue,
        "module": target,
        "lesson": lessons[1],
        "value_page": course_factories.value_page(code=values[0].code),
        "content_page": course_factories.content_page(),
    }


def lesson_body():
    return [
        ("text", RichText("<h2>Judul</h2><p>Isi pelajaran yang cukup panjang.</p>" * 5)),
        ("callout", {"kind": "tip", "title": "Tips", "text": RichText("<p>Tawarkan bantuan.</p>")}),
        ("quote", {"quote": "Melayani dengan hati.", "attribution": "Widyaiswara"}),
        (
            "case",
            {
                "situation": RichText("<p>Warga datang terlambat.</p>"),
                "question": "Apa yang Anda lakukan?",
                "model_answer": RichText("<p>Layani dengan ramah.</p>"),
            },
        ),
        ("checklist", {"title": "Refleksi", "behaviours": ["cepat", "ramah", "senyum"]}),
        (
            "knowledge_check",
            {
                "question": "Langkah pertama?",
                "choices": [
                    {"text": "Mendengarkan", "correct": True, "feedback": "Tepat."},
                    {"text": "Memotong", "correct": False, "feedback": "Belum."},
                ],
                "explanation": RichText("<p>Dengarkan dulu.</p>"),
            },
        ),
    ]


def warm(client, url):
    """The first request fills per-process caches (site root paths, content types); learners hit a warm site."""
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [10, 500], ids=["10-modules", "500-modules"])
def test_every_learner_page_costs_a_fixed_number_of_queries(client, signed_in, size, django_assert_max_num_queries):
    """One catalogue per size (building 500 pages is the slow part); each page checked against its budget."""
    site = build_catalogue(size)
    anonymous = client.__class__()

    url = site["catalogue"].url
    warm(anonymous, url)
    with django_assert_max_num_queries(CATALOGUE_QUERIES):
        response = anonymous.get(url, {"nilai": "pelayanan", "aspek": "inovasi"})
    assert response.status_code == 200
    with django_assert_max_num_queries(CATALOGUE_QUERIES):
        response = anonymous.get(url)
    assert response.context["page_obj"].paginator.count == size

    for key, budget in (("module", MODULE_QUERIES), ("lesson", LESSON_QUERIES)):
        url = site[key].url
        warm(signed_in, url)
        with django_assert_max_num_queries(budget):
            assert signed_in.get(url).status_code == 200

    url = site["value_page"].url
    warm(anonymous, url)
    with django_assert_max_num_queries(VALUE_QUERIES):
        response = anonymous.get(url)
    assert len(response.context["lessons"]) == 3
    assert len(response.context["modules"]) == len([i for i in range(size) if 0 in (i % 7, (i + 1) % 7)])

    url = site["content_page"].url
    warm(anonymous, url)
    with django_assert_max_num_queries(CONTENT_QUERIES):
        assert anonymous.get(url).status_code == 200

    english_pages_cost_a_fixed_number_of_queries(site, size, anonymous, django_assert_max_num_queries)


def english_pages_cost_a_fixed_number_of_queries(site, size, client, django_assert_max_num_queries):
    """The English catalogue and value page: one module (and its section) translated, the rest listed in Indonesian.

    The catalogue's unit filter and organisers read both trees' sections, the value page both trees' pages, each
    in the same queries whatever the size.
    """
    english = Locale.objects.get_or_create(language_code="en")[0]
    catalogue = translate(site["catalogue"], english, title="Catalogue")
    value_page = translate(site["value_page"], english, title="Service Oriented")
    module = site["module"]
    section = module.get_parent().specific
    translate(section, english)
    translate(module, english, title="Module in English")
    lesson_en = translate(site["lesson"], english, title="Lesson in English")
    first = ModulePage.objects.get(slug="m-0")  # in the catalogue itself, tagged with the value page's value
    translate(first, english, title="First module in English")
    other_unit = next(s.unit for s in catalogue_sections(catalogue=site["catalogue"]) if s.pk != section.pk)

    warm(client, catalogue.url)
    with django_assert_max_num_queries(ENGLISH_CATALOGUE_QUERIES):
        response = client.get(catalogue.url)
    assert response.context["page_obj"].paginator.count == size  # the translated module once, in English
    with django_assert_max_num_queries(ENGLISH_CATALOGUE_QUERIES):
        response = client.get(catalogue.url, {"unit": other_unit.code, "q": "Modul"})
    assert response.status_code == 200
    assert response.context["modules"] and all(m.organiser == other_unit for m in response.context["modules"])

    warm(client, value_page.url)
    with django_assert_max_num_queries(ENGLISH_VALUE_QUERIES):
        response = client.get(value_page.url)
    listed = [m.title for m in response.context["modules"]]
    assert len(listed) == len([i for i in range(size) if 0 in (i % 7, (i + 1) % 7)])
    assert "First module in English" in listed and first.title not in listed
    lessons = response.context["lessons"]
    assert len(lessons) == 3 and lessons[0].pk == lesson_en.pk
    assert site["lesson"].pk not in {lesson.pk for lesson in lessons}


def test_a_lesson_page_first_load_is_under_200_kb_before_media(signed_in):
    """HTML plus every stylesheet and script it links to, as a phone on a slow connection downloads them."""
    site = build_catalogue(3)
    html = signed_in.get(site["lesson"].url).content
    total = len(html)
    for path in ("css/melayani.css", "js/lesson.js"):
        assert f"/static/{path}".encode() in html
        with open(finders.find(path), "rb") as handle:
            total += len(handle.read())
    assert b"<script src=" in html
    assert total < 200_000, total
