"""The learner's home ("Pembelajaran saya"): assigned modules with due dates, JP in the Jakarta year, and a
fixed number of queries however many modules the learner has."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone

from courses.models import Assignment
from courses.services import assignment_create
from people.models import Role
from tests import factories
from tests.courses.factories_learning import learner_history, many_modules

pytestmark = pytest.mark.django_db

HOME = "/beranda/"
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture
def english(client, learner):
    client.cookies["django_language"] = "en"
    client.force_login(learner)
    return client


@pytest.fixture
def trainer(db):
    return factories.UserFactory(nip=None, username="pengajar-home", role=Role.TRAINER, is_staff=True)


def html_of(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, title_id: str) -> str:
    """The HTML of one <section aria-labelledby=...>."""
    return html.split(f'aria-labelledby="{title_id}"', 1)[1].split("</section>", 1)[0]


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def test_an_assigned_module_is_listed_with_its_due_date_and_a_start_button(english, learner, trainer):
    module = factories.module(title="Modul Tugas", lessons=2)
    assignment_create(assigned_by=trainer, module=module, due_date=days(10), nips=[learner.nip])

    assigned = section(html_of(english), "assigned-title")

    assert "Modul Tugas" in assigned
    assert f"Due {days(10):%-d %b %Y}" in assigned
    assert "Overdue" not in assigned
    assert f'class="button" href="{module.lessons().first().url}">Start the first lesson' in assigned


def test_an_assignment_to_the_learners_unit_shows_too(english, learner, trainer):
    module = factories.module(title="Modul Unit", lessons=1)
    assignment_create(assigned_by=trainer, module=module, due_date=days(3), unit=learner.unit)
    assert "Modul Unit" in section(html_of(english), "assigned-title")


def test_an_overdue_assignment_is_highlighted_in_words_not_only_colour(english, learner, trainer):
    module = factories.module(title="Modul Terlambat", lessons=1)
    Assignment.objects.create(module=module, user=learner, due_date=days(-1), assigned_by=trainer)

    assigned = section(html_of(english), "assigned-title")

    assert 'class="card is-overdue"' in assigned
    assert '<strong class="overdue">Overdue</strong>' in assigned
    assert "1 assigned module is overdue." in assigned


def test_an_assigned_module_in_progress_shows_once_with_its_progress(english, learner, trainer):
    module = factories.module(title="Modul Separuh", lessons=2)
    assignment_create(assigned_by=trainer, module=module, due_date=days(5), nips=[learner.nip])
    factories.lessons_complete(user=learner, module_page=module, count=1)

    html = html_of(english)

    assert 'aria-valuenow="50"' in section(html, "assigned-title")
    assert "Modul Separuh" not in section(html, "progress-title")


def test_a_completed_assignment_leaves_the_assigned_list(english, learner, trainer):
    module = factories.module(title="Modul Beres", lessons=0)
    assignment_create(assigned_by=trainer, module=module, due_date=days(5), nips=[learner.nip])
    factories.completion(user=learner, module=module)

    html = html_of(english)

    assert "Modul Beres" not in section(html, "assigned-title")
    assert "Modul Beres" in section(html, "done-title")


def test_each_list_has_its_empty_state(english):
    html = html_of(english)
    assert "No module has been assigned to you." in section(html, "assigned-title")
    assert "No module in progress." in section(html, "progress-title")
    assert "No completed module yet." in section(html, "done-title")
    assert "20 JP to go to reach this year's target." in html


def test_jp_count_in_the_asia_jakarta_year(english, learner, settings):
    """00:30 WIB on 1 January is still 31 December in UTC: it counts for the new year, and 23:30 WIB on
    31 December counts for the old one."""
    settings.MELAYANI_JP_TARGET = 20
    year = timezone.localdate().year
    new_year_morning = datetime.datetime(year, 1, 1, 0, 30, tzinfo=JAKARTA)
    old_year_night = datetime.datetime(year - 1, 12, 31, 23, 30, tzinfo=JAKARTA)
    assert new_year_morning.astimezone(datetime.UTC).year == year - 1
    factories.completion(user=learner, module=factories.module(jp=5, lessons=0), completed_at=new_year_morning)
    factories.completion(user=learner, module=factories.module(jp=7, lessons=0), completed_at=old_year_night)

    html = html_of(english)

    assert f"JP earned in {year}" in html
    assert "5 of 20 JP" in html
    assert 'aria-valuenow="25"' in html
    assert "15 JP to go" in html


def test_reaching_the_target_says_so(english, learner, settings):
    settings.MELAYANI_JP_TARGET = 4
    factories.completion(user=learner, module=factories.module(jp=4, lessons=0))
    html = html_of(english)
    assert "You have reached this year's JP target." in html
    assert 'aria-valuenow="100"' in html


def test_the_home_is_built_for_phones_and_keyboards(english):
    """Semantic landmarks and headings, a viewport meta tag, and the skip link; CSS keeps a visible focus."""
    html = html_of(english)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert 'class="skip-link" href="#main"' in html
    assert re.findall(r"<h2 id=\"([a-z-]+)\"", html) == ["jp-title", "assigned-title", "progress-title", "done-title"]
    assert 'role="progressbar"' in html


# --- a fixed number of queries ----------------------------------------------------------------------------

MAX_QUERIES = 16  # measured: 16 at 10 modules and at 500 (JP this year includes external training; in English,
# one more finds the English module and lesson pages every link goes to)


@pytest.mark.parametrize("count", [10, 500])
def test_the_home_needs_a_fixed_number_of_queries(english, learner, trainer, count, django_assert_max_num_queries):
    modules = many_modules(count)
    groups = learner_history(user=learner, modules=modules, assigner=trainer)
    english.get(HOME)  # warm the per-publish page caches (site, routes), as a running server has them

    with django_assert_max_num_queries(MAX_QUERIES):
        response = english.get(HOME)

    html = response.content.decode()
    assigned = section(html, "assigned-title")
    fifth = count // 5
    assert assigned.count('<li class="card') == 2 * fifth
    assert assigned.count("is-overdue") == fifth // 2
    assert section(html, "progress-title").count('<li class="card') == fifth
    assert section(html, "done-title").count("<tr>") == fifth + 1  # and the header row
    assert groups["in_progress"][0].title in html
