"""Self-enrolment from the module page: an explicit button, a POST, harmless to repeat."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses.models import Enrolment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def module():
    return factories.module(title="Modul Ramah", lessons=2)


def enrol_url(module) -> str:
    return reverse("courses:module_enrol", args=[module.pk])


def test_the_module_page_offers_enrolment_to_a_signed_in_learner(signed_in, module):
    html = signed_in.get(module.url).content.decode()
    assert f'action="{enrol_url(module)}"' in html
    assert 'method="post"' in html


def test_enrolling_creates_the_enrolment_and_returns_to_the_module(signed_in, learner, module):
    response = signed_in.post(enrol_url(module))

    assert response.status_code == 302 and response["Location"] == module.url
    assert Enrolment.objects.filter(user=learner, module=module).count() == 1
    assert [message.level_tag for message in get_messages(response.wsgi_request)] == ["success"]


def test_enrolling_twice_keeps_one_enrolment_and_says_so(signed_in, learner, module):
    signed_in.post(enrol_url(module))
    response = signed_in.post(enrol_url(module))

    assert Enrolment.objects.filter(user=learner, module=module).count() == 1
    assert [message.level_tag for message in get_messages(response.wsgi_request)] == ["success", "info"]


def test_once_enrolled_the_module_page_shows_progress_and_no_enrol_button(signed_in, learner, module):
    signed_in.post(enrol_url(module))
    factories.lessons_complete(user=learner, module_page=module, count=1)
    html = signed_in.get(module.url).content.decode()

    assert enrol_url(module) not in html
    assert 'role="progressbar"' in html and 'aria-valuenow="50"' in html


def test_enrolling_needs_a_post(signed_in, module):
    assert signed_in.get(enrol_url(module)).status_code == 405
    assert not Enrolment.objects.exists()


def test_enrolling_needs_a_sign_in(client, module):
    response = client.post(enrol_url(module))
    assert response.status_code == 302 and response["Location"].startswith(reverse("people:login"))
    assert not Enrolment.objects.exists()


def test_a_draft_module_cannot_be_enrolled_in(signed_in, module):
    module.unpublish()
    assert signed_in.post(enrol_url(module)).status_code == 404
    assert not Enrolment.objects.exists()


def test_an_enrolled_module_is_listed_in_progress_on_the_learner_home(signed_in, module):
    signed_in.post(enrol_url(module))
    html = signed_in.get(reverse("reports:my_learning")).content.decode()
    assert "Modul Ramah" in html
    assert f'href="{module.lessons().first().url}"' in html
