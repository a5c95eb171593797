"""The question bank in the Wagtail admin: trainers search and filter questions; learners cannot get in."""

import pytest
from django.urls import reverse

from courses.models import BerAkhlakValue
from quizzes.models import Question
from tests import factories
from tests.quizzes import factories as qf

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client):
    client.force_login(factories.UserFactory(nip=None, username="pelatih-bank", role="pengajar", is_staff=True))
    return client


def _listing(client, **params):
    return client.get(reverse("wagtailsnippets_quizzes_question:list"), params).content.decode()


def test_question_bank_filters_by_kind_category_and_value(trainer_client):
    quiz = qf.standalone_quiz()
    category = qf.category("Kedisiplinan")
    qf.mc(quiz, text="Soal disiplin pilihan ganda", category=category)
    qf.essay(quiz, text="Soal esai tentang loyalitas", value=BerAkhlakValue.objects.get(code="loyal"))
    assert "Soal disiplin" in _listing(trainer_client, kind="mc") and "Soal esai" not in _listing(
        trainer_client, kind="mc"
    )
    assert "Soal esai" not in _listing(trainer_client, category=category.pk)
    loyal = BerAkhlakValue.objects.get(code="loyal").pk
    assert "Soal esai" in _listing(trainer_client, value=loyal) and "Soal disiplin" not in _listing(
        trainer_client, value=loyal
    )


def test_question_bank_search_finds_by_text(trainer_client):
    quiz = qf.standalone_quiz()
    qf.mc(quiz, text="Bagaimana menyapa warga lansia?")
    qf.mc(quiz, text="Kapan loket dibuka?")
    page = _listing(trainer_client, q="lansia")
    assert "menyapa warga lansia" in page and "loket dibuka" not in page


def test_quiz_listing_offers_preview_import_and_statistics(trainer_client):
    quiz = qf.standalone_quiz(title="Kuis dengan tombol")
    page = trainer_client.get(reverse("wagtailsnippets_quizzes_quiz:list")).content.decode()
    for url in (
        reverse("quizzes:preview", args=[quiz.pk]),
        reverse("quizzes_admin_import", args=[quiz.pk]),
        reverse("quizzes_admin_statistics", args=[quiz.pk]),
    ):
        assert url in page


def test_learners_cannot_open_the_question_bank(signed_in):
    response = signed_in.get(reverse("wagtailsnippets_quizzes_question:list"))
    assert response.status_code in (302, 403)
    assert Question.objects.count() == 0
