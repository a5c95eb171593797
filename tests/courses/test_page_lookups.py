"""Page lookups cost few cache round trips: once per request, and with a shared cache once per process (issue 7)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from courses import page_cache
from tests import factories

pytestmark = pytest.mark.django_db


class CountingCache:
    """The real cache, with the keys asked for written down."""

    def __init__(self, real):
        self.real, self.asked = real, []

    def get(self, key, *args, **kwargs):
        self.asked.append(key)
        return self.real.get(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def counting(monkeypatch):
    counter = CountingCache(cache)
    monkeypatch.setattr(page_cache, "cache", counter)
    return counter


@pytest.fixture
def shared_cache():
    """Lookups kept until the next publish, as with Redis (MELAYANI_PAGE_LOOKUP_SECONDS=None in base.py)."""
    page_cache._PROCESS_LOOKUPS.clear()
    with override_settings(MELAYANI_PAGE_LOOKUP_SECONDS=None):
        yield
    page_cache._PROCESS_LOOKUPS.clear()


@pytest.fixture
def lesson():
    module = factories.module(lessons=2)
    return module.lessons().first()


def test_a_lesson_reads_the_pages_generation_once(signed_in, lesson, counting):
    assert signed_in.get(lesson.url).status_code == 200
    counting.asked.clear()
    assert signed_in.get(lesson.url).status_code == 200
    assert counting.asked.count(page_cache.GENERATION_KEY) == 1


def test_with_a_shared_cache_a_warm_lesson_asks_only_for_the_generation_and_the_site(
    signed_in, lesson, counting, shared_cache
):
    assert signed_in.get(lesson.url).status_code == 200
    counting.asked.clear()
    assert signed_in.get(lesson.url).status_code == 200
    asked = [key for key in counting.asked if key.startswith("melayani:pages:")]
    assert asked[0] == page_cache.GENERATION_KEY
    assert [key.split(":")[3] for key in asked[1:]] == ["site"]  # routes, restrictions, prerequisites: this process


def test_another_processs_publish_is_seen_despite_this_processs_copies(signed_in, lesson, shared_cache):
    """Another app server moves the lesson: its bump reaches this process through the shared generation."""
    assert signed_in.get(lesson.url).status_code == 200
    old_url = lesson.url
    Page.objects.filter(pk=lesson.pk).update(slug="dipindah", url_path=lesson.url_path.replace(lesson.slug, "dipindah"))
    cache.incr(page_cache.GENERATION_KEY)  # what pages_generation_bump() does there, without touching this process
    assert signed_in.get(old_url).status_code == 404


def test_a_bump_during_a_request_is_seen_by_the_rest_of_it():
    token = page_cache._REQUEST_MEMO.set({})
    try:
        before = page_cache.pages_generation()
        page_cache.pages_generation_bump()
        assert page_cache.pages_generation() != before
    finally:
        page_cache._REQUEST_MEMO.reset(token)


def test_a_cache_that_lost_its_data_starts_a_generation_no_process_has_seen():
    """Process copies are keyed by generation; a restarted Redis must not hand out an old number again."""
    before = page_cache.pages_generation()
    cache.clear()
    assert page_cache.pages_generation() != before


def test_a_warm_lesson_page_does_not_query_its_module(signed_in, lesson):
    assert signed_in.get(lesson.url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert signed_in.get(lesson.url).status_code == 200
    assert not [query for query in captured.captured_queries if "courses_modulepage" in query["sql"]]


@pytest.mark.parametrize("seconds", [60, None], ids=["lookups-expire", "lookups-until-publish"])
def test_a_renamed_module_is_seen_on_its_lessons_at_once(signed_in, lesson, seconds):
    page_cache._PROCESS_LOOKUPS.clear()
    with override_settings(MELAYANI_PAGE_LOOKUP_SECONDS=seconds):
        assert b"Modul Pelayanan" in signed_in.get(lesson.url).content
        module = lesson.get_parent().specific
        module.title = "Modul Berganti Nama"
        module.save_revision().publish()
        assert b"Modul Berganti Nama" in signed_in.get(lesson.url).content


def test_each_request_gets_its_own_copy_of_the_cached_module(lesson, shared_cache):
    first, second = (type(lesson).objects.get(pk=lesson.pk).module for _ in range(2))
    assert first == second and first is not second
    first.title = "diubah di memori"
    assert type(lesson).objects.get(pk=lesson.pk).module.title != "diubah di memori"
