"""HR's pre/post gain and value profile by unit: the numbers of quizzes' selectors, for the officer's units only."""

import pytest
from django.utils import timezone

from quizzes.models import Attempt, Quiz
from reports.selectors import learning_gain_by_unit
from tests import factories
from tests.quizzes import factories as qf

pytestmark = pytest.mark.django_db
URL = "/admin/rekap/capaian/"


def _finished(user, quiz, score):
    Attempt.objects.create(
        user=user,
        quiz=quiz,
        status=Attempt.Status.FINISHED,
        score=score,
        passed=score >= quiz.pass_mark,
        finished_at=timezone.now(),
    )


@pytest.fixture
def setting():
    a = factories.UnitFactory(code="A", name="Unit A")
    a1 = factories.UnitFactory(code="A1", name="Satker A Satu", parent=a)
    b = factories.UnitFactory(code="B", name="Unit Bebas")
    module = factories.module(title="Modul Integritas", lessons=0)
    pre = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.PRE_TEST, title="Pre")
    post = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.POST_TEST, title="Post")
    inside = factories.UserFactory(unit=a1)
    _finished(inside, pre, 40)
    _finished(inside, post, 70)
    outsider = factories.UserFactory(unit=b)
    _finished(outsider, pre, 10)
    _finished(outsider, post, 100)
    return {"a": a, "a1": a1, "b": b, "module": module}


def test_the_gain_of_a_unit_comes_from_its_people_only(setting):
    hr = factories.hr_user(units=[setting["a"]])

    report = learning_gain_by_unit(user=hr)

    [group] = report["groups"]
    assert group["unit"] == setting["a1"]
    [(module, gain)] = group["gains"]
    assert module.pk == setting["module"].pk
    assert (gain.learners, gain.mean_pre, gain.mean_post, gain.gain_of_means) == (1, 40.0, 70.0, 0.5)
    assert {value.code for value in group["values"]}  # the Ber-AKHLAK values are listed, measured or not


def test_a_unit_outside_the_scope_gives_nothing(setting):
    hr = factories.hr_user(units=[setting["a"]])

    assert learning_gain_by_unit(user=hr, unit_code="B") == {"groups": [], "modules": []}


def test_the_page_shows_the_officers_units_and_never_another(client, setting):
    client.force_login(factories.hr_user(units=[setting["a"]]))
    client.cookies["django_language"] = "en"

    for params in ({}, {"unit": "B"}):
        response = client.get(URL, params)
        assert response.status_code == 200
        assert "Unit Bebas" not in response.content.decode().split("<form", 2)[-1].split("</form>", 1)[-1]
    body = client.get(URL).content.decode()
    assert "Satker A Satu" in body and "Modul Integritas" in body and "0.5" in body
    assert "No units to show" in client.get(URL, {"unit": "B"}).content.decode()


def test_a_learner_cannot_open_the_report(client, setting, learner):
    client.force_login(learner)

    assert client.get(URL).status_code in (302, 403)
