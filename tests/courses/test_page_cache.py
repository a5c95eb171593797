"""Anonymous visitors get Wagtail pages from the cache; nobody else does, and publishing drops them (issue 7)."""

import pytest
from django.test import Client, override_settings

from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(MELAYANI_PAGE_CACHE_SECONDS=60):
        yield


@pytest.fixture
def module():
    return factories.module(title="Modul Tersimpan", lessons=1)


def test_the_second_anonymous_request_needs_no_query(client, module, django_assert_num_queries):
    for url in ("/", module.url):
        first = client.get(url)
        assert first.status_code == 200 and first["X-Melayani-Cache"] == "miss"
        with django_assert_num_queries(0):
            second = Client().get(url)
        assert second["X-Melayani-Cache"] == "hit"
        assert (
            second.content.split(b'name="csrfmiddlewaretoken"')[0]
            == first.content.split(b'name="csrfmiddlewaretoken"')[0]
        )


def test_every_visitor_gets_a_working_csrf_token_of_their_own(module):
    Client().get(module.url)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(module.url)
    assert page["X-Melayani-Cache"] == "hit"
    token = page.content.split(b'name="csrfmiddlewaretoken" value="')[1].split(b'"')[0].decode()
    assert len(token) == 64 and "__melayani" not in token
    assert "csrftoken" in page.cookies
    changed = visitor.post("/bahasa/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert changed.status_code == 302  # a cached page's form passes the CSRF check

    other = Client().get(module.url)
    other_token = other.content.split(b'name="csrfmiddlewaretoken" value="')[1].split(b'"')[0].decode()
    assert other_token != token


def test_a_signed_in_learner_is_never_served_the_anonymous_page(client, signed_in, module, learner):
    Client().get(module.url)
    response = signed_in.get(module.url)
    assert "X-Melayani-Cache" not in response
    assert b'action="/keluar/"' in response.content  # the signed-in header, not the cached anonymous one


def test_a_page_seen_signed_in_is_not_stored_for_anonymous_visitors(signed_in, module):
    signed_in.get(module.url)
    response = Client().get(module.url)
    assert response["X-Melayani-Cache"] == "miss"
    assert b'action="/keluar/"' not in response.content


def test_languages_are_cached_apart(module):
    Client().get(module.url)
    english = Client()
    english.cookies["django_language"] = "en"
    response = english.get(module.url)
    assert response["X-Melayani-Cache"] == "miss"
    assert response["Content-Language"] == "en"


def test_publishing_and_unpublishing_drop_cached_pages(module):
    Client().get(module.url)
    assert Client().get(module.url)["X-Melayani-Cache"] == "hit"

    module.title = "Modul Diperbarui"
    module.save_revision().publish()
    response = Client().get(module.url)
    assert response["X-Melayani-Cache"] == "miss"
    assert b"Modul Diperbarui" in response.content
    assert b"Modul Diperbarui" in Client().get("/").content

    module.unpublish()
    assert Client().get(module.url).status_code == 404


def test_a_pending_message_or_a_session_skips_the_cache(module):
    Client().get(module.url)
    with_session = Client()
    with_session.cookies["sessionid"] = "anything"
    assert "X-Melayani-Cache" not in with_session.get(module.url)
    with_message = Client()
    with_message.cookies["messages"] = "anything"
    assert "X-Melayani-Cache" not in with_message.get(module.url)


def test_only_wagtail_pages_are_stored(module):
    for url in ("/masuk/", "/verifikasi/", "/bukan-halaman/"):
        Client().get(url)
        assert "X-Melayani-Cache" not in Client().get(url)
