"""Content-Security-Policy and the other security headers, on public pages and in the Wagtail admin."""

import re

import pytest
from django.urls import reverse

from people.models import User
from tests import factories

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)([^>]*)>", re.I)
HANDLER_ATTRIBUTE = re.compile(rb"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_page_satisfies_policy(response):
    """Every executable inline script carries the header's nonce, and no element has an on* handler."""
    policy = directives(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    nonces = [value for value in policy["script-src"] if value.startswith("'nonce-")]
    for attributes in INLINE_SCRIPT.findall(response.content):
        if b"application/json" in attributes:
            continue  # data, not code
        assert nonces, "an inline script but no nonce in the policy"
        assert f'nonce="{nonces[0][7:-1]}"'.encode() in attributes
    assert not HANDLER_ATTRIBUTE.search(response.content)
    assert b'href="javascript:' not in response.content.lower()


@pytest.fixture
def module_page(db):
    module = factories.module(lessons=1)
    factories.quiz(module=module, questions=2)
    return module


def test_public_pages_send_a_strict_policy_that_they_satisfy(client, learner, module_page):
    client.force_login(learner)
    lesson = module_page.get_children().first()
    for url in [reverse("people:login"), module_page.url, lesson.url, reverse("reports:my_learning"), "/"]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_page_satisfies_policy(response)
        policy = directives(response)
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]


def test_inline_script_of_a_timed_quiz_carries_the_nonce_of_its_response(client, learner, module_page):
    from quizzes.models import Quiz

    quiz = Quiz.objects.get(module=module_page)
    quiz.time_limit_minutes = 10
    quiz.save()
    client.force_login(learner)
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert response.status_code == 200
    assert INLINE_SCRIPT.search(response.content), "the timer script is on the page"
    assert_page_satisfies_policy(response)
    second = client.get(response.request["PATH_INFO"])
    assert directives(second)["script-src"] != directives(response)["script-src"], "a fresh nonce per response"


def test_other_security_headers_are_sent(client):
    response = client.get(reverse("people:login"))
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=(self)" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}


def test_wagtail_admin_gets_its_own_policy_and_still_works(client, module_page):
    admin = User.objects.create_superuser("akar", "akar@example.go.id", factories.PASSWORD)
    client.force_login(admin)
    for url in [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[module_page.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[module_page.pk]),
        reverse("wagtaildocs:index"),
    ]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        policy = directives(response)
        assert "'unsafe-inline'" in policy["script-src"]
        assert not any(value.startswith("'nonce-") for value in policy["script-src"]), (
            "a nonce would void unsafe-inline"
        )
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
