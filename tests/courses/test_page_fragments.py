"""Signed-in catalogue, module and lesson pages reuse the HTML that is the same for everyone (issue 7).

page_cache.fragment_for_pages keeps the catalogue's cards, a module's description and lesson list and a lesson's
body per pages generation and language; what is about the visitor (progress, continue, locks, forms) is not.
"""

import re

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Locale

from courses import page_cache
from tests import factories
from tests.courses import factories as course_factories
from tests.courses.test_query_counts import build_catalogue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]

# Warm, with the fragments stored; database sessions and user rows here (Redis holds them in production: 0 then).
CATALOGUE_QUERIES = 2  # session, user
MODULE_QUERIES = 7  # session, user, progress (one statement), quiz and pre-test (quizzes), best attempt
LESSON_QUERIES = 4  # session, user, the visit's UPDATE, progress (one statement)


@pytest.fixture
def fragments_on():
    with override_settings(MELAYANI_PAGE_CACHE_SECONDS=60):
        yield


def signed_in_client(user, language="id") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize("size", [10, 500], ids=["10-modules", "500-modules"])
def test_signed_in_pages_cost_a_few_queries_once_their_fragments_are_stored(
    signed_in, size, django_assert_max_num_queries
):
    site = build_catalogue(size)
    factories.quiz(module=site["module"], questions=3)
    for url, budget in (
        (site["catalogue"].url, CATALOGUE_QUERIES),
        (site["catalogue"].url + "?nilai=pelayanan", CATALOGUE_QUERIES),
        (site["module"].url, MODULE_QUERIES),
        (site["lesson"].url, LESSON_QUERIES),
    ):
        assert signed_in.get(url).status_code == 200  # stores the fragments
        with django_assert_max_num_queries(budget):
            response = signed_in.get(url)
        assert response.status_code == 200, url


def test_a_stored_fragment_gives_the_same_page_as_a_fresh_render(signed_in, learner):
    module = factories.module(title="Modul Sama", lessons=3)
    factories.lessons_complete(user=learner, module_page=module, count=1)
    lesson = module.lessons()[1]
    for url in ("/", module.url, lesson.url):
        with override_settings(MELAYANI_PAGE_CACHE_SECONDS=0):
            fresh = signed_in.get(url).content
        signed_in.get(url)
        stored = signed_in.get(url).content
        assert _without_tokens(stored) == _without_tokens(fresh), url


def _without_tokens(content: bytes) -> bytes:
    return page_cache._placeholders_in(content)


def test_publishing_a_module_changes_the_signed_in_catalogue_and_module_page(signed_in):
    module = factories.module(title="Judul Lama", lessons=2)
    assert b"Judul Lama" in signed_in.get("/").content
    assert b"Judul Lama" in signed_in.get(module.url).content

    module.title = "Judul Baru"
    module.save_revision().publish()
    for url in ("/", module.url):
        content = signed_in.get(url).content
        assert b"Judul Baru" in content and b"Judul Lama" not in content, url

    factories.module(title="Modul Tambahan", lessons=1)
    assert b"Modul Tambahan" in signed_in.get("/").content


def test_publishing_and_unpublishing_a_lesson_changes_its_body_and_the_module_lesson_list(signed_in):
    module = factories.module(title="Modul", lessons=2)
    first, second = module.lessons()
    assert b"Isi pelajaran." in signed_in.get(first.url).content
    assert second.title.encode() in signed_in.get(module.url).content

    first = first.specific
    first.body = [("text", "<p>Isi yang diperbarui.</p>")]
    first.save_revision().publish()
    content = signed_in.get(first.url).content
    assert b"Isi yang diperbarui." in content and b"Isi pelajaran." not in content

    second.specific.unpublish()
    assert f'href="{second.url}"'.encode() not in signed_in.get(module.url).content


def test_a_learner_never_sees_another_learners_progress(learner):
    module = factories.module(title="Modul Bersama", lessons=3)
    first, second, _third = module.lessons()
    factories.lessons_complete(user=learner, module_page=module, count=2)
    ahead = signed_in_client(learner)
    ahead.get(second.url)  # enrols, last lesson = second
    newcomer = signed_in_client(factories.UserFactory())

    mine = ahead.get(module.url)
    theirs = newcomer.get(module.url)
    assert mine.context["progress"].done == 2 and theirs.context["progress"].done == 0
    assert b'aria-valuenow="67"' in mine.content and b'aria-valuenow="67"' not in theirs.content
    enrol = reverse("courses:module_enrol", args=[module.pk]).encode()
    assert enrol in theirs.content and enrol not in mine.content
    assert f'href="{second.url}"'.encode() in mine.content  # continue where this learner left off

    mine = ahead.get(first.url)
    theirs = newcomer.get(first.url)
    assert mine.context["done"] is True and theirs.context["done"] is False
    assert reverse("courses:lesson_complete", args=[first.pk]).encode() in theirs.content
    assert reverse("courses:lesson_complete", args=[first.pk]).encode() not in mine.content


def test_each_learner_gets_their_own_csrf_token_on_a_page_with_stored_fragments(learner):
    module = factories.module(lessons=1)
    lesson = module.lessons().first()
    tokens = set()
    for user in (learner, factories.UserFactory()):
        client = signed_in_client(user)
        client.get(lesson.url)
        content = client.get(lesson.url).content
        token = content.split(b'name="csrfmiddlewaretoken" value="')[1].split(b'"')[0]
        assert b"__melayani" not in content
        tokens.add(token)
    assert len(tokens) == 2


def test_indonesian_and_english_readers_get_their_own_fragments(learner):
    module = factories.module(title="Modul Bahasa", lessons=1)
    indonesian, english = signed_in_client(learner, "id"), signed_in_client(learner, "en")
    for client in (indonesian, english, indonesian, english):
        client.get(module.url)
    with translation.override("id"):
        lessons_id = translation.gettext("Lessons").encode()
    assert b"<h2>Lessons</h2>" in english.get(module.url).content
    assert b"<h2>" + lessons_id + b"</h2>" in indonesian.get(module.url).content
    assert lessons_id != b"Lessons"


def test_the_english_module_tree_keeps_its_own_fragments(learner):
    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    catalogue = factories.catalogue()
    module = factories.module(title="Pelayanan Prima", lessons=1)
    catalogue.copy_for_translation(english_locale).save_revision().publish()
    module_en = module.copy_for_translation(english_locale)
    module_en.title = "Excellent Service"
    module_en.save_revision().publish()
    client = signed_in_client(learner, "en")
    for _ in range(2):
        indonesian = client.get(module.url).content
        english = client.get("/en" + module.url).content
    assert b"Pelayanan Prima</h1>" in indonesian and b"Excellent Service" not in indonesian
    assert b"Excellent Service</h1>" in english


def test_the_english_and_indonesian_catalogues_keep_their_own_fragments_per_filter(learner):
    """Same query string, other catalogue: its own fragment; an Indonesian publish reaches the English catalogue."""
    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    catalogue = factories.catalogue()
    section = course_factories.section(unit=factories.UnitFactory(name="Biro Umum"))
    module = factories.module(title="Pelayanan Prima", parent=section, lessons=0)
    catalogue_en = catalogue.copy_for_translation(english_locale)
    catalogue_en.save_revision().publish()
    section.copy_for_translation(english_locale).save_revision().publish()
    module_en = module.copy_for_translation(english_locale)
    module_en.title = "Excellent Service"
    module_en.save_revision().publish()
    query = f"?unit={section.unit.code}"
    client = signed_in_client(learner, "en")
    for _ in range(2):
        indonesian = client.get(catalogue.url + query).content
        english = client.get("/en/" + query).content
    assert b"Pelayanan Prima" in indonesian and b"Excellent Service" not in indonesian
    assert b"Excellent Service" in english and b"Pelayanan Prima" not in english

    factories.module(title="Etika Birokrasi", parent=section, lessons=0)  # Indonesian only
    assert b"Etika Birokrasi" in client.get("/en/" + query).content


def test_a_fragment_keeps_no_visitor_token_and_previews_are_never_stored():
    request = RequestFactory().get("/")
    request.csp_nonce = "nonce-of-this-request"
    renders = []

    def render():
        renders.append(1)
        return '<form><input type="hidden" name="csrfmiddlewaretoken" value="secret-of-the-first"></form>'

    first = page_cache.fragment_for_pages(request, ("test", 1), render)
    second = page_cache.fragment_for_pages(RequestFactory().get("/"), ("test", 1), render)
    assert len(renders) == 1
    tokens = {html.split('value="')[1].split('"')[0] for html in (first, second)}
    assert len(tokens) == 2 and "secret-of-the-first" not in tokens  # each request's own token, none stored
    assert page_cache.CSRF_PLACEHOLDER not in first + second

    preview = RequestFactory().get("/")
    preview.is_preview = True
    page_cache.fragment_for_pages(preview, ("test", 1), render)
    assert len(renders) == 2  # rendered for the preview, not read from the store


def test_a_preview_of_a_draft_never_reaches_learners(signed_in, admin_client):
    module = factories.module(title="Judul Terbit", lessons=1)
    signed_in.get(module.url)
    module.title = "Judul Draf"
    module.save_revision()  # a draft: not published
    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[module.pk]))
    assert b"Judul Draf" in preview.content
    content = signed_in.get(module.url).content
    assert b"Judul Terbit" in content and b"Judul Draf" not in content


def test_the_site_header_and_footer_are_reused_with_each_pages_address_and_each_visitors_token(learner):
    """{% site_chrome %}: one rendering per language and sign-in state; the language forms still return here."""
    module = factories.module(title="Modul", lessons=1)
    lesson = module.lessons().first()
    reader = signed_in_client(learner)
    for url in ("/", module.url, f"{lesson.url}?a=1&b=<x>"):
        reader.get(url)
        response = reader.get(url)
        content = response.content.decode()
        expected = escape(response.wsgi_request.get_full_path())
        assert url == "/" or "?" not in url or "&amp;b=%3Cx%3E" in expected
        nexts = re.findall(r'name="next" (?:type="hidden" )?value="([^"]*)"', content)
        assert nexts == [expected, expected], url  # the header's switch and the footer's form
        assert 'action="/keluar/"' in content  # the signed-in header

    anonymous = Client()
    anonymous.get(module.url)
    content = anonymous.get(module.url).content.decode()
    assert 'action="/keluar/"' not in content
    assert re.findall(r'name="next" (?:type="hidden" )?value="([^"]*)"', content) == [module.url, module.url]
    tokens = {
        client.get(module.url).content.split(b'name="csrfmiddlewaretoken" value="')[1].split(b'"')[0]
        for client in (reader, anonymous)
    }
    assert len(tokens) == 2 and not any(b"__melayani" in token for token in tokens)

    english = signed_in_client(learner, "en")
    english.get(module.url)
    with translation.override("en"):
        assert translation.gettext("Sign out") in english.get(module.url).content.decode()
    with translation.override("id"):
        assert translation.gettext("Sign out") in reader.get(module.url).content.decode()
