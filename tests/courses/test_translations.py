"""Module content in English: served under /en/, and the same module for enrolment, progress and completion."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from courses.models import Enrolment, LessonPage, LessonProgress
from records.models import Completion
from tests import factories

pytestmark = pytest.mark.django_db


def translate(page, locale, **fields):
    """An English copy of a page (its parent translated first), published."""
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


@pytest.fixture
def english():
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def module_en(english):
    catalogue = factories.catalogue()
    module = factories.module(title="Pelayanan Prima", lessons=2)
    translate(catalogue, english, title="Catalogue")
    module_en = translate(module, english, title="Excellent Service", summary="A summary in English.")
    for index, lesson in enumerate(module.lessons()):
        translate(lesson.specific, english, title=f"Lesson {index + 1}")
    return module, module_en


def test_the_english_translation_is_served_under_en_and_the_indonesian_stays_at_the_root(client, module_en):
    module, module_en = module_en
    assert module_en.url == "/en" + module.url
    english = client.get(module_en.url)
    assert english.status_code == 200
    assert "Excellent Service" in english.content.decode()
    indonesian = client.get(module.url)
    assert indonesian.status_code == 200
    assert "Pelayanan Prima" in indonesian.content.decode()
    assert "Excellent Service" not in indonesian.content.decode()


def test_someone_reading_the_interface_in_english_still_gets_the_indonesian_pages_at_the_root(client, module_en):
    module, _module_en = module_en
    client.cookies["django_language"] = "en"
    response = client.get(module.url)
    assert response.status_code == 200
    assert "Pelayanan Prima" in response.content.decode()


def test_completing_the_english_lessons_completes_the_indonesian_module_once(client, learner, module_en):
    module, module_en = module_en
    client.force_login(learner)
    english_lessons = list(LessonPage.objects.child_of(module_en).live().order_by("path"))
    assert len(english_lessons) == 2
    for lesson in english_lessons:
        assert client.get(lesson.url).status_code == 200
        client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    # Progress, the enrolment and the completion all point at the Indonesian source.
    assert set(LessonProgress.objects.filter(user=learner).values_list("lesson_id", flat=True)) == set(
        module.lessons().values_list("pk", flat=True)
    )
    assert list(Enrolment.objects.filter(user=learner).values_list("module_id", flat=True)) == [module.pk]
    assert list(Completion.objects.filter(user=learner).values_list("module_id", flat=True)) == [module.pk]
    # Reading the Indonesian lessons afterwards changes nothing.
    for lesson in module.lessons():
        client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert LessonProgress.objects.filter(user=learner).count() == 2
    assert Completion.objects.filter(user=learner).count() == 1


def test_the_english_catalogue_lists_english_modules_and_falls_back_to_indonesian(client, module_en):
    module, module_en = module_en
    factories.module(title="Akuntabilitas Kinerja", lessons=1)  # not translated
    page = client.get("/en/").content.decode()
    assert "Excellent Service" in page
    assert "Akuntabilitas Kinerja" in page
    assert "Pelayanan Prima" not in page
    root = client.get("/").content.decode()
    assert "Pelayanan Prima" in root
    assert "Excellent Service" not in root


def test_the_header_switch_leads_to_the_same_page_in_the_other_language(client, module_en):
    module, module_en = module_en
    page = client.get(module.url).content.decode()
    assert 'name="language" value="en"' in page and 'name="next" value="' + module.url + '"' in page
    switched = client.post(reverse("set_language"), {"language": "en", "next": module.url})
    assert switched.status_code == 302 and switched["Location"] == module_en.url
    back = client.post(reverse("set_language"), {"language": "id", "next": module_en.url})
    assert back["Location"] == module.url


def test_an_english_address_of_an_untranslated_module_leads_to_the_indonesian_page(client, module_en):
    untranslated = factories.module(title="Akuntabilitas Kinerja", lessons=1)
    response = client.get("/en" + untranslated.url)
    assert response.status_code == 302 and response["Location"] == untranslated.url
    assert client.get("/en/tidak-ada/").status_code in (302, 404)
    assert client.get("/tidak-ada/").status_code == 404


def test_an_english_lesson_shows_done_and_the_progress_kept_on_its_indonesian_source(client, learner, module_en):
    module, module_en = module_en
    client.force_login(learner)
    first_id, second_id = module.lessons().values_list("pk", flat=True)
    client.post(reverse("courses:lesson_complete", args=[first_id]))  # done in Indonesian
    english_first, english_second = LessonPage.objects.child_of(module_en).live().order_by("path")

    done_page = client.get(english_first.url)
    open_page = client.get(english_second.url)

    assert done_page.context["done"] is True
    assert done_page.context["progress"].done == 1 and done_page.context["progress"].enrolled
    assert done_page.context["next_lesson"].pk == english_second.pk  # the way on stays in English
    assert open_page.context["done"] is False


def test_the_english_module_page_continues_in_english(client, learner, module_en):
    module, module_en = module_en
    client.force_login(learner)
    first_id = module.lessons().values_list("pk", flat=True)[0]
    client.post(reverse("courses:lesson_complete", args=[first_id]))
    english_lessons = list(LessonPage.objects.child_of(module_en).live().order_by("path"))

    body = client.get(module_en.url).content.decode()

    assert f'href="{english_lessons[0].url}"' in body or f'href="{english_lessons[1].url}"' in body
    assert all(f'href="{lesson.url}"' not in body for lesson in module.lessons().specific())


def test_my_learning_in_english_links_the_english_module_and_lesson(client, learner, module_en):
    module, module_en = module_en
    client.force_login(learner)
    first_id = module.lessons().values_list("pk", flat=True)[0]
    client.post(reverse("courses:lesson_complete", args=[first_id]))  # in progress, with a lesson to continue
    english_lessons = list(LessonPage.objects.child_of(module_en).live().order_by("path"))
    client.cookies["django_language"] = "en"

    body = client.get(reverse("reports:my_learning")).content.decode()

    assert f'href="{module_en.url}"' in body and f'href="{module.url}"' not in body
    assert any(f'href="{lesson.url}"' in body for lesson in english_lessons)
    assert all(f'href="{lesson.url}"' not in body for lesson in module.lessons().specific())


def test_my_learning_in_indonesian_keeps_the_indonesian_links(client, learner, module_en):
    module, module_en = module_en
    client.force_login(learner)
    client.post(reverse("courses:lesson_complete", args=[module.lessons().values_list("pk", flat=True)[0]]))

    body = client.get(reverse("reports:my_learning")).content.decode()

    assert f'href="{module.url}"' in body and f'href="{module_en.url}"' not in body
