"""Prerequisites: a module's lessons, enrolment and quiz stay closed until the required modules are completed."""

import pytest
from django.urls import reverse

from courses.models import Enrolment, LessonProgress
from courses.selectors import completed_module_ids, missing_prerequisites
from courses.services import PrerequisitesMissing, enrolment_start, lesson_complete, lesson_visit
from courses.signals import completed_modules_requested
from quizzes.models import Attempt, Quiz
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def basics():
    return factories.module(title="Dasar Pelayanan", lessons=1)


@pytest.fixture
def advanced(basics):
    page = factories.module(title="Pelayanan Lanjutan", lessons=2)
    page.prerequisites.add(basics)
    page.save_revision().publish()
    return page


def test_a_module_without_prerequisites_misses_nothing(learner, basics):
    assert missing_prerequisites(user=learner, module=basics) == []


def test_an_uncompleted_prerequisite_is_missing(learner, basics, advanced):
    assert [page.pk for page in missing_prerequisites(user=learner, module=advanced)] == [basics.pk]


def test_a_completed_prerequisite_is_met(learner, basics, advanced):
    factories.completion(user=learner, module=basics)
    assert missing_prerequisites(user=learner, module=advanced) == []


def test_only_the_missing_ones_are_listed_in_title_order(learner, basics, advanced):
    other = factories.module(title="Akuntabilitas", lessons=0)
    third = factories.module(title="Zona Integritas", lessons=0)
    advanced.prerequisites.add(other, third)
    advanced.save_revision().publish()
    factories.completion(user=learner, module=third)

    assert [page.title for page in missing_prerequisites(user=learner, module=advanced)] == [
        "Akuntabilitas",
        "Dasar Pelayanan",
    ]


def test_another_persons_completion_does_not_count(learner, unit, basics, advanced):
    factories.completion(user=factories.UserFactory(unit=unit), module=basics)
    assert len(missing_prerequisites(user=learner, module=advanced)) == 1


def test_an_unpublished_prerequisite_does_not_lock_learners_out(learner, basics, advanced):
    basics.unpublish()
    assert missing_prerequisites(user=learner, module=advanced) == []


def test_a_module_listed_as_its_own_prerequisite_is_ignored(learner, basics):
    basics.prerequisites.add(basics)
    basics.save_revision().publish()
    assert missing_prerequisites(user=learner, module=basics) == []


def test_someone_who_completed_the_module_keeps_access_when_a_prerequisite_is_added_later(learner, basics):
    later = factories.module(title="Sudah Selesai", lessons=1)
    factories.completion(user=learner, module=later)
    later.prerequisites.add(basics)
    later.save_revision().publish()
    assert missing_prerequisites(user=learner, module=later) == []


def test_an_anonymous_visitor_misses_every_prerequisite(basics, advanced):
    from django.contrib.auth.models import AnonymousUser

    assert [page.pk for page in missing_prerequisites(user=AnonymousUser(), module=advanced)] == [basics.pk]


def test_completion_is_asked_of_records_and_fails_closed_without_an_answer(learner, basics, advanced):
    """courses cannot import records: it asks through a signal, and no answer means not completed."""
    factories.completion(user=learner, module=basics)
    assert completed_module_ids(user=learner, module_ids=[basics.pk]) == {basics.pk}

    assert completed_modules_requested.disconnect(dispatch_uid="records.completed_modules_requested")
    try:
        assert completed_module_ids(user=learner, module_ids=[basics.pk]) == set()
        assert len(missing_prerequisites(user=learner, module=advanced)) == 1
    finally:
        from records import receivers

        completed_modules_requested.connect(
            receivers._on_completed_modules_requested, dispatch_uid="records.completed_modules_requested"
        )


# --- services refuse -------------------------------------------------------------------------------------


def test_lesson_complete_is_refused_and_records_nothing(learner, basics, advanced):
    lesson = advanced.lessons().first().specific
    with pytest.raises(PrerequisitesMissing) as refusal:
        lesson_complete(user=learner, lesson=lesson)
    assert [page.pk for page in refusal.value.missing] == [basics.pk]
    assert "Dasar Pelayanan" in str(refusal.value)
    assert not LessonProgress.objects.exists()
    assert not Enrolment.objects.exists()


def test_lesson_visit_and_enrolment_are_refused(learner, advanced):
    with pytest.raises(PrerequisitesMissing):
        lesson_visit(user=learner, lesson=advanced.lessons().first().specific)
    with pytest.raises(PrerequisitesMissing):
        enrolment_start(user=learner, module=advanced)
    assert not Enrolment.objects.exists()


def test_services_work_once_the_prerequisite_is_completed(learner, basics, advanced):
    factories.completion(user=learner, module=basics)
    lesson = advanced.lessons().first().specific
    enrolment_start(user=learner, module=advanced)
    lesson_visit(user=learner, lesson=lesson)
    lesson_complete(user=learner, lesson=lesson)
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).exists()


def test_completing_the_prerequisite_through_its_lessons_and_quiz_opens_the_module(learner, basics, advanced):
    """The whole chain: the last lesson and a passed quiz write the Completion that opens the next module."""
    quiz = factories.quiz(module=basics, questions=2)
    factories.lessons_complete(user=learner, module_page=basics)
    factories.attempt(user=learner, quiz_instance=quiz, answers=factories.correct_answers(quiz), finish=True)

    assert missing_prerequisites(user=learner, module=advanced) == []


# --- every entry point shows what is missing --------------------------------------------------------------


def test_a_lesson_page_shows_the_missing_modules_with_links_instead_of_the_lesson(english, learner, basics, advanced):
    english.force_login(learner)
    response = english.get(advanced.lessons().first().url)

    html = response.content.decode()
    assert response.status_code == 403
    assert "Complete the prerequisites first" in html
    assert f'href="{basics.url}">Dasar Pelayanan</a>' in html
    assert "Isi pelajaran." not in html
    assert not Enrolment.objects.exists()


def test_an_anonymous_visitor_to_a_lesson_is_still_sent_to_sign_in(client, advanced):
    response = client.get(advanced.lessons().first().url)
    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]


def test_the_lesson_opens_once_the_prerequisite_is_completed(signed_in, learner, basics, advanced):
    factories.completion(user=learner, module=basics)
    response = signed_in.get(advanced.lessons().first().url)
    assert response.status_code == 200
    assert "Isi pelajaran." in response.content.decode()


def test_marking_a_lesson_done_is_refused_with_the_missing_modules(english, learner, basics, advanced):
    english.force_login(learner)
    lesson = advanced.lessons().first()
    response = english.post(reverse("courses:lesson_complete", args=[lesson.pk]))

    assert response.status_code == 403
    assert f'href="{basics.url}"' in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_starting_the_quiz_is_refused_with_the_missing_modules(english, learner, basics, advanced):
    english.force_login(learner)
    quiz = factories.quiz(module=advanced)
    response = english.post(reverse("quizzes:start", args=[quiz.pk]))

    assert response.status_code == 403
    assert "Complete the prerequisites first" in response.content.decode()
    assert f'href="{basics.url}"' in response.content.decode()
    assert not Attempt.objects.exists()


def test_the_quiz_starts_once_the_prerequisite_is_completed(signed_in, learner, basics, advanced):
    factories.completion(user=learner, module=basics)
    quiz = factories.quiz(module=advanced)
    response = signed_in.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302
    assert Attempt.objects.filter(user=learner, quiz=quiz).exists()


def test_the_module_page_lists_what_is_missing_and_offers_no_start(english, learner, basics, advanced):
    english.force_login(learner)
    factories.quiz(module=advanced)
    html = english.get(advanced.url).content.decode()

    assert "Prerequisites not completed yet" in html
    assert f'href="{basics.url}">Dasar Pelayanan</a>' in html
    assert reverse("courses:module_enrol", args=[advanced.pk]) not in html
    assert "Start the first lesson" not in html
    assert reverse("quizzes:start", args=[Quiz.objects.get().pk]) not in html


def test_the_module_page_is_open_once_the_prerequisite_is_completed(english, learner, basics, advanced):
    english.force_login(learner)
    factories.completion(user=learner, module=basics)
    html = english.get(advanced.url).content.decode()

    assert "Prerequisites not completed yet" not in html
    assert "Start the first lesson" in html


def test_an_anonymous_visitor_sees_the_prerequisites_and_a_sign_in_button(english, basics, advanced):
    html = english.get(advanced.url).content.decode()
    assert f'href="{basics.url}">Dasar Pelayanan</a>' in html
    assert "Sign in to start" in html


def test_enrolling_is_refused_with_the_missing_modules(english, learner, basics, advanced):
    english.force_login(learner)
    response = english.post(reverse("courses:module_enrol", args=[advanced.pk]))
    assert response.status_code == 403
    assert f'href="{basics.url}"' in response.content.decode()
    assert not Enrolment.objects.exists()
