"""Reading lessons: sign-in required, "continue where you left off", marking lessons done."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses.models import Enrolment, LessonProgress
from courses.services import enrolment_start, lesson_complete, lesson_visit
from courses.signals import lesson_completed
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def module():
    return factories.module(lessons=2)


@pytest.fixture
def completed_signals():
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    lesson_completed.connect(receiver)
    yield received
    lesson_completed.disconnect(receiver)


def complete_url(lesson) -> str:
    return reverse("courses:lesson_complete", args=[lesson.pk])


def continue_button_href(response) -> str | None:
    content = response.content.decode()
    marker = '<a class="button" href="'
    if marker not in content:
        return None
    return content.split(marker, 1)[1].split('"', 1)[0]


def test_an_anonymous_visitor_is_sent_to_sign_in_and_back(client, module):
    lesson = module.lessons().first()
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('people:login')}?next={lesson.url}"


def test_an_anonymous_visit_records_nothing(client, module):
    client.get(module.lessons().first().url)
    assert not Enrolment.objects.exists()


def test_a_signed_in_learner_can_read_a_lesson(signed_in, module):
    lesson = module.lessons().first()
    response = signed_in.get(lesson.url)
    assert response.status_code == 200
    assert "Isi pelajaran." in response.content.decode()
    assert f'action="{complete_url(lesson)}"' in response.content.decode()


def test_visiting_a_lesson_enrols_and_remembers_it_as_the_last_lesson(signed_in, learner, module):
    first, second = module.lessons()
    signed_in.get(first.url)
    assert Enrolment.objects.get(user=learner, module=module).last_lesson_id == first.pk
    signed_in.get(second.url)
    assert Enrolment.objects.filter(user=learner).count() == 1
    assert Enrolment.objects.get(user=learner, module=module).last_lesson_id == second.pk


def test_the_module_page_offers_the_first_lesson_before_anything_is_read(signed_in, module):
    first = module.lessons().first()
    assert continue_button_href(signed_in.get(module.url)) == first.url


def test_the_module_page_links_to_the_last_lesson_visited(signed_in, module):
    _first, second = module.lessons()
    signed_in.get(second.url)
    assert continue_button_href(signed_in.get(module.url)) == second.url


def test_the_module_page_asks_anonymous_visitors_to_sign_in(client, module):
    response = client.get(module.url)
    assert response.status_code == 200
    assert f"{reverse('people:login')}?next={module.url}" in response.content.decode()


def test_the_module_page_lists_only_live_lessons(client, module):
    draft = factories.draft_lesson(module=module, title="Bab rahasia")
    content = client.get(module.url).content.decode()
    for lesson in module.lessons():
        assert lesson.title in content
    assert draft.title not in content


def test_lesson_visit_keeps_one_enrolment_per_module(learner, module):
    first, second = module.lessons()
    lesson_visit(user=learner, lesson=first)
    lesson_visit(user=learner, lesson=second)
    assert Enrolment.objects.get(user=learner, module=module).last_lesson == second


def test_enrolment_start_is_idempotent(learner, module):
    assert enrolment_start(user=learner, module=module) == enrolment_start(user=learner, module=module)
    assert Enrolment.objects.count() == 1


def test_lesson_complete_records_progress_once_and_signals_once(learner, module, completed_signals):
    lesson = module.lessons().first()
    first = lesson_complete(user=learner, lesson=lesson)
    again = lesson_complete(user=learner, lesson=lesson)
    assert first.pk == again.pk
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).count() == 1
    assert len(completed_signals) == 1
    assert completed_signals[0]["user"] == learner
    assert completed_signals[0]["module"].pk == module.pk


def test_lesson_complete_records_the_module_and_enrols(learner, module):
    lesson = module.lessons().last()
    progress = lesson_complete(user=learner, lesson=lesson)
    assert progress.module_id == module.pk
    assert Enrolment.objects.filter(user=learner, module=module).exists()


def test_each_lesson_completed_sends_its_own_signal(learner, module, completed_signals):
    for lesson in module.lessons():
        lesson_complete(user=learner, lesson=lesson)
    assert len(completed_signals) == 2


def test_marking_a_lesson_done_goes_to_the_next_lesson(signed_in, learner, module):
    first, second = module.lessons()
    response = signed_in.post(complete_url(first))
    assert response.status_code == 302
    assert response["Location"] == second.url
    assert LessonProgress.objects.filter(user=learner, lesson=first).exists()
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]


def test_marking_the_last_lesson_done_goes_back_to_the_module(signed_in, learner, module):
    _first, second = module.lessons()
    response = signed_in.post(complete_url(second))
    assert response.status_code == 302
    assert response["Location"] == module.url


def test_marking_a_lesson_done_twice_keeps_one_row(signed_in, learner, module, completed_signals):
    lesson = module.lessons().first()
    signed_in.post(complete_url(lesson))
    signed_in.post(complete_url(lesson))
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).count() == 1
    assert len(completed_signals) == 1


def test_marking_done_skips_a_draft_lesson_in_between(signed_in, module):
    _first, second = module.lessons()
    factories.draft_lesson(module=module)
    after_draft = factories.lesson(module=module, title="Pelajaran 4")
    response = signed_in.post(complete_url(second))
    assert response["Location"] == after_draft.url


def test_the_module_page_does_not_send_learners_to_an_unpublished_last_lesson(signed_in, module):
    first, second = module.lessons()
    signed_in.get(second.url)
    second.unpublish()
    assert continue_button_href(signed_in.get(module.url)) == first.url


def test_marking_done_by_get_is_not_allowed(signed_in, learner, module):
    lesson = module.lessons().first()
    response = signed_in.get(complete_url(lesson))
    assert response.status_code == 405
    assert not LessonProgress.objects.exists()


def test_marking_done_needs_a_sign_in(client, module):
    lesson = module.lessons().first()
    response = client.post(complete_url(lesson))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('people:login')}?next=")
    assert not LessonProgress.objects.exists()


def test_a_draft_lesson_cannot_be_marked_done(signed_in, module):
    draft = factories.draft_lesson(module=module)
    response = signed_in.post(complete_url(draft))
    assert response.status_code == 404
    assert not LessonProgress.objects.exists()


def test_an_unknown_lesson_cannot_be_marked_done(signed_in, module):
    response = signed_in.post(reverse("courses:lesson_complete", args=[999_999]))
    assert response.status_code == 404


def test_a_module_page_id_is_not_a_lesson(signed_in, module):
    response = signed_in.post(complete_url(module))
    assert response.status_code == 404


def test_a_finished_lesson_shows_the_way_on_instead_of_the_form(signed_in, module):
    first, second = module.lessons()
    signed_in.post(complete_url(first))
    content = signed_in.get(first.url).content.decode()
    assert f'action="{complete_url(first)}"' not in content
    assert f'href="{second.url}"' in content


def test_a_draft_lesson_is_not_served(signed_in, module):
    draft = factories.draft_lesson(module=module)
    assert signed_in.get(f"{module.url}{draft.slug}/").status_code == 404
