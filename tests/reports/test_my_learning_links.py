"""The learner home leads to the quiz results/value profile and to who accessed the person's records."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_home_links_the_value_profile_and_the_access_log(client, learner):
    client.force_login(learner)

    html = client.get(reverse("reports:my_learning")).content.decode()

    assert f'href="{reverse("quizzes:progress")}"' in html
    assert f'href="{reverse("reports:my_record_access")}"' in html
