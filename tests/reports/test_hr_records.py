"""HR sees the completion records of the units in their scope (and the units below), in the admin and as CSV."""

import re

import pytest
from django.urls import reverse

from people.models import Role
from tests import factories

from .helpers import csv_rows, streamed_text

pytestmark = pytest.mark.django_db

LISTING = "/admin/rekap/penyelesaian/"
CSV = "/admin/rekap/penyelesaian.csv"


@pytest.fixture
def people(tree):
    """One learner with one completion in each unit."""
    unit_a, unit_a1, unit_b = tree
    module = factories.module(lessons=0)
    result = {}
    for key, unit in (("a", unit_a), ("a1", unit_a1), ("b", unit_b)):
        user = factories.UserFactory(unit=unit, full_name=f"Peserta {key.upper()}")
        factories.completion(user=user, module=module)
        result[key] = user
    return result


def listing_html(client, **params) -> str:
    response = client.get(LISTING, params)
    assert response.status_code == 200
    return response.content.decode()


def csv_nips(client, **params) -> list[str]:
    response = client.get(CSV, params)
    assert response.status_code == 200
    return [row[0] for row in csv_rows(streamed_text(response))[1:]]


def test_the_admin_urls_are_where_hr_expects_them():
    assert reverse("reports_completion_records") == LISTING
    assert reverse("reports_completion_records_csv") == CSV


def test_hr_scoped_to_a_sees_a_and_its_sub_units_but_not_b_in_the_listing(client, tree, people):
    client.force_login(factories.hr_user(units=[tree[0]]))

    html = listing_html(client)

    assert people["a"].nip in html
    assert people["a1"].nip in html
    assert people["b"].nip not in html


def test_hr_scoped_to_a_sees_a_and_its_sub_units_but_not_b_in_the_csv(client, tree, people):
    client.force_login(factories.hr_user(units=[tree[0]]))

    assert sorted(csv_nips(client)) == sorted([people["a"].nip, people["a1"].nip])


def test_asking_for_a_unit_outside_the_scope_shows_nothing(client, tree, people):
    client.force_login(factories.hr_user(units=[tree[0]]))

    assert csv_nips(client, unit="B") == []
    html = listing_html(client, unit="B")
    assert people["b"].nip not in html
    assert "Belum ada rekap penyelesaian di unit Anda untuk pilihan ini." in html


def test_the_unit_filter_narrows_to_a_sub_unit(client, tree, people):
    client.force_login(factories.hr_user(units=[tree[0]]))

    assert csv_nips(client, unit="A1") == [people["a1"].nip]
    html = listing_html(client, unit="A1")
    assert people["a1"].nip in html and people["a"].nip not in html


def test_the_unit_filter_offers_only_units_in_scope(client, tree, people):
    client.force_login(factories.hr_user(units=[tree[0]]))

    html = listing_html(client)

    assert '<option value="A"' in html and '<option value="A1"' in html
    assert '<option value="B"' not in html


def test_hr_scoped_to_a_sub_unit_does_not_see_the_parent_unit(client, tree, people):
    client.force_login(factories.hr_user(units=[tree[1]]))

    assert csv_nips(client) == [people["a1"].nip]
    assert csv_nips(client, unit="A") == []


def test_hr_with_two_scopes_sees_both(client, tree, people):
    client.force_login(factories.hr_user(units=[tree[1], tree[2]]))

    assert sorted(csv_nips(client)) == sorted([people["a1"].nip, people["b"].nip])


def test_scope_follows_the_unit_at_completion_time_not_the_current_unit(client, tree, people):
    unit_a, _unit_a1, unit_b = tree
    moved = people["a"]
    moved.unit = unit_b
    moved.save()
    client.force_login(factories.hr_user(units=[unit_a]))

    assert moved.nip in csv_nips(client)


def test_hr_without_any_scope_sees_nothing(client, people):
    client.force_login(factories.hr_user(units=[]))

    assert csv_nips(client) == []
    html = listing_html(client)
    for user in people.values():
        assert user.nip not in html


def test_a_superuser_sees_every_unit(client, people, unit):
    client.force_login(factories.UserFactory(nip=None, username="super", is_staff=True, is_superuser=True, unit=unit))

    assert sorted(csv_nips(client)) == sorted(user.nip for user in people.values())


@pytest.mark.parametrize("url", [LISTING, CSV])
def test_a_learner_without_the_permission_is_refused(client, people, url):
    client.force_login(people["a"])

    response = client.get(url)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert people["a"].nip.encode() not in body


@pytest.mark.parametrize("url", [LISTING, CSV])
def test_staff_with_admin_access_but_without_the_records_permission_are_refused(client, people, unit, url):
    trainer = factories.UserFactory(nip=None, username="pengajar-uji", role=Role.TRAINER, is_staff=True, unit=unit)
    client.force_login(trainer)

    response = client.get(url)

    # Wagtail turns the view's PermissionDenied into a redirect to the dashboard with an error message.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("url", [LISTING, CSV])
def test_anonymous_is_sent_to_the_admin_sign_in(client, people, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_listing_counts_the_records_and_shows_the_certificate_number(client, tree, people):
    from certificates.services import certificate_issue

    certificate = certificate_issue(completion=people["a"].completions.get())
    client.force_login(factories.hr_user(units=[tree[0]]))

    html = listing_html(client)

    assert re.search(r"<p>2 (data|records)</p>", html)
    assert certificate.number in html


def test_a_superuser_also_sees_completions_recorded_without_a_unit(client, unit, db):
    """A completion recorded before the person had a unit is invisible to HR scopes but not to administrators."""
    unplaced = factories.UserFactory(unit=None)
    factories.completion(user=unplaced, unit=None)
    hr = factories.hr_user(units=[unit])
    client.force_login(hr)
    assert unplaced.nip not in csv_nips(client)

    client.force_login(factories.UserFactory(nip=None, username="super2", is_staff=True, is_superuser=True))
    assert unplaced.nip in csv_nips(client)
