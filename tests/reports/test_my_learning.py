"""The learner's home: JP this year against the target, modules in progress, completed modules, certificates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.services import _certificate_allocate, certificate_issue
from courses.services import lesson_visit
from tests import factories

pytestmark = pytest.mark.django_db

HOME = "/beranda/"


def home_html(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def this_year(month=1, day=2):
    return timezone.make_aware(datetime.datetime(timezone.localdate().year, month, day, 10))


def test_the_home_url_is_beranda():
    assert reverse("reports:my_learning") == HOME


def test_the_home_requires_sign_in(client):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('people:login')}?next={HOME}"


def test_the_home_greets_the_learner_by_name(signed_in):
    assert "Siti Rahmawati, S.Sos." in home_html(signed_in)


def test_jp_earned_this_year_is_shown_against_the_target(signed_in, learner, settings):
    settings.MELAYANI_JP_TARGET = 20
    factories.completion(user=learner, module=factories.module(jp=4, lessons=0), completed_at=this_year())
    factories.completion(user=learner, module=factories.module(jp=2, lessons=0), completed_at=this_year(2, 3))
    last_year = this_year() - datetime.timedelta(days=400)
    factories.completion(user=learner, module=factories.module(jp=10, lessons=0), completed_at=last_year)

    html = home_html(signed_in)

    assert f"JP yang diperoleh pada {timezone.localdate().year}" in html
    assert "6 dari 20 JP" in html
    assert 'aria-valuenow="30"' in html


def test_the_jp_target_comes_from_settings_and_the_bar_stops_at_100(signed_in, learner, settings):
    settings.MELAYANI_JP_TARGET = 3
    factories.completion(user=learner, module=factories.module(jp=4, lessons=0), completed_at=this_year())

    html = home_html(signed_in)

    assert "4 dari 3 JP" in html
    assert 'aria-valuenow="100"' in html


def test_other_peoples_jp_do_not_count(signed_in, unit):
    factories.completion(user=factories.UserFactory(unit=unit), completed_at=this_year())

    assert "0 dari 20 JP" in home_html(signed_in)


def test_a_module_in_progress_is_listed_with_a_continue_link(signed_in, learner):
    module = factories.module(title="Modul Berjalan", lessons=3)
    second = module.lessons()[1]
    lesson_visit(user=learner, lesson=second)

    html = home_html(signed_in)

    assert "Modul Berjalan" in html
    assert module.url in html
    assert "Lanjutkan dari terakhir dibuka" in html
    assert f'class="button" href="{second.url}"' in html
    assert "Belum ada modul yang sedang dipelajari." not in html


def test_lesson_progress_is_shown_as_a_percentage(signed_in, learner):
    module = factories.module(title="Modul Berjalan", lessons=4)
    factories.lessons_complete(user=learner, module_page=module, count=1)

    html = home_html(signed_in)

    assert 'aria-valuenow="25"' in html


def test_a_completed_module_leaves_in_progress_and_shows_its_certificate_download(signed_in, learner):
    module = factories.module(title="Modul Tuntas", jp=4, lessons=1)
    lesson_visit(user=learner, lesson=module.lessons()[0])
    completion = factories.completion(user=learner, module=module, score=90, completed_at=this_year(3, 9))
    certificate = certificate_issue(completion=completion)

    html = home_html(signed_in)

    assert "Belum ada modul yang sedang dipelajari." in html
    assert "Lanjutkan dari terakhir dibuka" not in html
    assert "Modul Tuntas" in html
    assert f'href="{reverse("certificates:download", args=[certificate.pk])}"' in html
    assert "Unduh PDF" in html
    assert certificate.number in html
    assert f"<td>9 Mar {timezone.localdate().year}</td>" in html
    assert "<td>4</td>" in html


def test_a_certificate_without_its_pdf_yet_shows_being_prepared_without_a_link(signed_in, learner):
    completion = factories.completion(user=learner, module=factories.module(title="Modul Baru", lessons=0))
    pending = _certificate_allocate(completion=completion)

    html = home_html(signed_in)

    assert "Modul Baru" in html
    assert "Sedang disiapkan…" in html
    assert reverse("certificates:download", args=[pending.pk]) not in html


def test_empty_states_when_nothing_is_started_or_completed(signed_in):
    html = home_html(signed_in)

    assert "Belum ada modul yang sedang dipelajari." in html
    assert "Belum ada modul yang selesai." in html
    assert "0 dari 20 JP" in html


def test_another_learners_modules_are_not_shown(signed_in, unit):
    other = factories.UserFactory(unit=unit)
    factories.completion(user=other, module=factories.module(title="Modul Orang Lain", lessons=0))

    html = home_html(signed_in)

    assert "Modul Orang Lain" not in html
    assert "Belum ada modul yang selesai." in html


def test_continue_never_points_at_an_unpublished_lesson(signed_in, learner):
    """If the last lesson opened was unpublished since, the home page offers the next live lesson instead."""
    from courses.selectors import module_lessons
    from courses.services import lesson_visit

    module = factories.module(lessons=2)
    first, second = list(module_lessons(module=module))
    lesson_visit(user=learner, lesson=second.specific)
    second.unpublish()

    html = signed_in.get(reverse("reports:my_learning")).content.decode()

    assert f'href="{first.url}"' in html
    assert second.url not in html
