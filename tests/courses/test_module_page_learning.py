"""The module page with prerequisites and progress: a fixed number of queries at 10 and at 500 modules."""

import pytest
from django.utils import timezone

from courses.models import Enrolment, LessonProgress
from records.models import Completion
from tests import factories
from tests.courses.factories_learning import many_modules

pytestmark = pytest.mark.django_db

MAX_QUERIES = 14  # measured: 10 (prerequisites listed) or 14 (in progress, quiz panel) at 10 and 500; was 21


@pytest.fixture
def english(client, learner):
    client.cookies["django_language"] = "en"
    client.force_login(learner)
    return client


def build(count: int, *, learner, missing: int):
    """`count` modules; the last requires all the others, of which the learner completed all but `missing`."""
    modules = many_modules(count, lessons=1)
    target, required = modules[-1], modules[:-1]
    for number in (2, 3):
        factories.lesson(module=target, title=f"Materi {number}")
    target.prerequisites.set(required)
    target.save()  # a ParentalManyToManyField is written when the page is saved
    now = timezone.now()
    Completion.objects.bulk_create(
        Completion(user=learner, module=module, unit=learner.unit, jp=module.jp, completed_at=now)
        for module in required[missing:]
    )
    return target, required


@pytest.mark.parametrize("count", [10, 500])
def test_a_module_with_prerequisites_missing_needs_a_fixed_number_of_queries(
    english, learner, count, django_assert_max_num_queries
):
    target, required = build(count, learner=learner, missing=2)

    english.get(target.url)  # warm: the site, route and prerequisites are cached after the first request
    with django_assert_max_num_queries(MAX_QUERIES):
        html = english.get(target.url).content.decode()

    assert "Prerequisites not completed yet" in html
    notice = html.split("Prerequisites not completed yet", 1)[1].split("</section>", 1)[0]
    assert notice.count("<li>") == 2
    assert f'href="{required[0].url}"' in notice and f'href="{required[1].url}"' in notice


@pytest.mark.parametrize("count", [10, 500])
def test_a_module_in_progress_with_its_prerequisites_met_needs_a_fixed_number_of_queries(
    english, learner, count, django_assert_max_num_queries
):
    target, _required = build(count, learner=learner, missing=0)
    first, second, _third = target.get_children().live().order_by("path")
    Enrolment.objects.create(user=learner, module=target, last_lesson_id=second.pk)
    LessonProgress.objects.create(user=learner, module=target, lesson_id=first.pk)
    # Per-process caches (site root paths, which with content translation also read the root's translations;
    # the default locale) are filled once, as on a running site; test_query_counts warms the same way.
    assert english.get(target.url).status_code == 200

    english.get(target.url)  # warm: the site, route and prerequisites are cached after the first request
    with django_assert_max_num_queries(MAX_QUERIES):
        html = english.get(target.url).content.decode()

    assert "Prerequisites not completed yet" not in html
    assert 'aria-valuenow="33"' in html and "1 of 3 lessons done" in html
    assert f'class="button" href="{second.url}">Continue where you left off' in html


def test_the_lesson_page_shows_lesson_by_lesson_progress(english, learner):
    module = factories.module(lessons=4)
    factories.lessons_complete(user=learner, module_page=module, count=2)
    third = module.lessons()[2]

    html = english.get(third.url).content.decode()

    assert "Lesson 3 of 4" in html
    assert 'role="progressbar"' in html and 'aria-valuenow="50"' in html
