"""Pages are Indonesian unless the person chose English, whatever the phone's Accept-Language says."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

LOGIN = reverse("people:login")


def test_pages_are_indonesian_by_default(client):
    response = client.get(LOGIN)
    assert response["Content-Language"] == "id"
    assert '<html lang="id">' in response.content.decode()


def test_an_english_accept_language_header_does_not_switch_to_english(client):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert '<html lang="id">' in response.content.decode()


def test_the_language_cookie_en_gives_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(LOGIN)
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_an_unknown_language_in_the_cookie_falls_back_to_indonesian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Language"] == "id"
    assert '<html lang="id">' in response.content.decode()


def test_wagtail_pages_follow_the_same_rule(client):
    from tests import factories

    catalogue = factories.catalogue()
    assert client.get(catalogue.url, HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "id"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(catalogue.url)
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_the_language_chosen_for_one_request_does_not_leak_into_the_thread(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override(None):
        client.get(LOGIN)
        assert translation.get_language() != "en"


def test_the_language_switcher_sets_english_and_returns_to_the_page(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": LOGIN}, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    followed = client.get(LOGIN)
    assert followed["Content-Language"] == "en"
    assert '<html lang="en">' in followed.content.decode()


def test_the_language_switcher_can_switch_back_to_indonesian(client):
    client.post(reverse("set_language"), {"language": "en", "next": LOGIN})
    client.post(reverse("set_language"), {"language": "id", "next": LOGIN})
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "id"


def test_every_page_offers_the_language_switcher(client):
    content = client.get(LOGIN).content.decode()
    assert f'action="{reverse("set_language")}"' in content
    assert 'name="language"' in content
