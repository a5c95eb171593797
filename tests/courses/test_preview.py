"""An editor previewing a lesson in the admin is not enrolled and has no "last lesson" recorded."""

import pytest
from django.test import RequestFactory

from courses.models import Enrolment
from courses.selectors import module_lessons
from tests import factories


@pytest.mark.django_db
def test_previewing_a_lesson_records_no_visit(learner):
    module = factories.module(lessons=1)
    lesson = module_lessons(module=module).first().specific
    request = RequestFactory().get(lesson.url)
    request.user = learner
    request.is_preview = True

    response = lesson.serve(request)

    assert response.status_code == 200
    assert not Enrolment.objects.filter(user=learner).exists()


@pytest.mark.django_db
def test_serving_a_lesson_records_the_visit(learner):
    module = factories.module(lessons=1)
    lesson = module_lessons(module=module).first().specific
    request = RequestFactory().get(lesson.url)
    request.user = learner

    lesson.serve(request)

    assert Enrolment.objects.get(user=learner, module=module).last_lesson_id == lesson.pk
