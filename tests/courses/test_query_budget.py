"""A signed-in learner's lesson and quiz pages cost at most 10 queries, with 10 or 500 modules (issue 7)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from courses import page_cache
from tests import factories
from tests.courses.test_query_counts import build_catalogue

pytestmark = pytest.mark.django_db

LESSON_AND_QUIZ_QUERIES = 10


@pytest.fixture(params=[60, None], ids=["lookups-expire", "lookups-until-publish"])
def lookup_seconds(request):
    """Both lookup modes: a process-local cache (entries expire) and a shared one (each process keeps copies)."""
    page_cache._PROCESS_LOOKUPS.clear()
    with override_settings(MELAYANI_PAGE_LOOKUP_SECONDS=request.param):
        yield
    page_cache._PROCESS_LOOKUPS.clear()


@pytest.mark.parametrize("size", [10, 500], ids=["10-modules", "500-modules"])
def test_lesson_and_quiz_pages_stay_within_ten_queries(signed_in, size, django_assert_max_num_queries):
    site = build_catalogue(size)
    quiz = factories.quiz(module=site["module"], questions=10)
    attempt_url = signed_in.post(reverse("quizzes:start", args=[quiz.pk]))["Location"]
    pages = {
        "lesson": site["lesson"].url,
        "quiz": reverse("quizzes:detail", args=[quiz.slug]),
        "attempt": attempt_url,
    }
    for name, url in pages.items():
        assert signed_in.get(url).status_code == 200, name  # warm: content types, site, route
        with django_assert_max_num_queries(LESSON_AND_QUIZ_QUERIES):
            response = signed_in.get(url)
        assert response.status_code == 200, name
    assert b"Pertanyaan 10?" in response.content


def test_a_lesson_still_shows_progress_neighbours_and_done(signed_in, learner):
    """The one-query lesson state says what the three queries it replaced said."""
    module = factories.module(lessons=3)
    first, second, third = module.lessons()
    factories.lessons_complete(user=learner, module_page=module, count=1)

    response = signed_in.get(second.url)
    assert response.context["progress"].done == 1
    assert response.context["progress"].total == 3
    assert response.context["progress"].percent == 33
    assert response.context["progress"].last_lesson.pk == second.pk
    assert response.context["progress"].enrolled
    assert response.context["previous_lesson"].pk == first.pk
    assert response.context["next_lesson"].pk == third.pk
    assert (response.context["lesson_number"], response.context["lesson_count"]) == (2, 3)
    assert response.context["done"] is False
    assert signed_in.get(first.url).context["done"] is True


@pytest.mark.usefixtures("lookup_seconds")
def test_a_publish_is_seen_by_the_next_request(signed_in):
    """Routes and prerequisites are cached; publishing must drop them at once."""
    module = factories.module(lessons=1)
    lesson = module.lessons().first()
    assert signed_in.get(lesson.url).status_code == 200

    lesson.slug = "nama-baru"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert signed_in.get(lesson.url).status_code == 200
    assert signed_in.get(f"{module.url}pelajaran-1/").status_code == 404

    required = factories.module(title="Dasar", lessons=0)
    module.prerequisites.add(required)
    module.save_revision().publish()
    assert signed_in.get(lesson.url).status_code == 403

    lesson.unpublish()
    assert signed_in.get(lesson.url).status_code == 404


@pytest.mark.usefixtures("lookup_seconds")
def test_a_view_restriction_added_later_is_enforced(client, signed_in):
    """View restrictions are read from the cache; adding one must apply to the next request."""
    from wagtail.models import PageViewRestriction

    module = factories.module(lessons=1)
    lesson = module.lessons().first()
    assert signed_in.get(lesson.url).status_code == 200
    PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.GROUPS)
    assert signed_in.get(lesson.url).status_code in (302, 403)
