"""The demo has one module in English, under /en/, tied to its Indonesian source."""

import io

import pytest
from django.core.management import call_command

from courses.models import LessonPage, ModulePage
from demo.translation import MODULE, MODULE_SLUG

pytestmark = pytest.mark.django_db


def test_seed_demo_translates_one_module_with_its_lessons_once(client):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    source = ModulePage.objects.get(slug=MODULE_SLUG, locale__language_code="id")
    english = ModulePage.objects.get(translation_key=source.translation_key, locale__language_code="en")
    assert english.live and english.title == MODULE["title"]
    assert LessonPage.objects.child_of(english).live().count() == 3
    response = client.get(english.url)
    assert english.url.startswith("/en/") and response.status_code == 200
    assert MODULE["title"] in response.content.decode()
