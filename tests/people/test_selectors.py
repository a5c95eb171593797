"""Which units an HR officer may see: each scoped unit and its subtree, nothing else."""

import pytest
from django.contrib.auth.models import AnonymousUser

from people.models import Unit
from people.selectors import units_in_scope, user_by_login
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """ministry ─┬─ org_a ─┬─ unit_a1 ── unit_a1x
    │         └─ unit_a2
    └─ org_b ── unit_b1"""
    ministry = factories.UnitFactory(code="KEM", name="Kementerian", kind=Unit.Kind.MINISTRY)
    org_a = factories.UnitFactory(code="A", name="Direktorat A", parent=ministry)
    org_b = factories.UnitFactory(code="B", name="Direktorat B", parent=ministry)
    unit_a1 = factories.UnitFactory(code="A1", name="Balai A1", parent=org_a)
    unit_a2 = factories.UnitFactory(code="A2", name="Balai A2", parent=org_a)
    unit_a1x = factories.UnitFactory(code="A1X", name="Seksi A1X", parent=unit_a1)
    unit_b1 = factories.UnitFactory(code="B1", name="Balai B1", parent=org_b)
    return {unit.code: unit for unit in (ministry, org_a, org_b, unit_a1, unit_a2, unit_a1x, unit_b1)}


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_hr_scoped_to_a_unit_sees_it_and_its_whole_subtree(tree):
    hr = factories.hr_user(units=[tree["A"]])
    assert codes(units_in_scope(user=hr)) == {"A", "A1", "A2", "A1X"}


def test_hr_scoped_to_a_unit_does_not_see_its_parent_or_siblings(tree):
    hr = factories.hr_user(units=[tree["A1"]])
    visible = codes(units_in_scope(user=hr))
    assert visible == {"A1", "A1X"}
    assert not visible & {"KEM", "A", "A2", "B", "B1"}


def test_hr_with_two_scopes_sees_both_subtrees_once(tree):
    hr = factories.hr_user(units=[tree["A1"], tree["B"]])
    visible = units_in_scope(user=hr)
    assert codes(visible) == {"A1", "A1X", "B", "B1"}
    assert visible.count() == 4


def test_hr_scoped_to_a_unit_and_its_child_sees_each_unit_once(tree):
    hr = factories.hr_user(units=[tree["A"], tree["A1"]])
    assert units_in_scope(user=hr).count() == 4


def test_a_user_without_any_scope_sees_no_unit(tree):
    hr = factories.hr_user(units=[])
    learner = factories.UserFactory(unit=tree["A1"])
    assert not units_in_scope(user=hr).exists()
    assert not units_in_scope(user=learner).exists()


def test_a_superuser_sees_every_unit(tree):
    admin = factories.UserFactory(nip=None, username="admin", unit=None, is_superuser=True, is_staff=True)
    assert codes(units_in_scope(user=admin)) == set(tree)


def test_an_inactive_hr_officer_sees_nothing(tree):
    hr = factories.hr_user(units=[tree["KEM"]], is_active=False)
    assert not units_in_scope(user=hr).exists()


def test_an_anonymous_visitor_sees_nothing(tree):
    assert not units_in_scope(user=AnonymousUser()).exists()


def test_the_scope_follows_a_unit_moved_into_the_subtree_later(tree):
    hr = factories.hr_user(units=[tree["A"]])
    moved = Unit.objects.get(code="B1")
    moved.move(Unit.objects.get(code="A"), pos="sorted-child")
    assert "B1" in codes(units_in_scope(user=hr))


def test_user_by_login_finds_an_asn_by_nip_and_staff_by_username(unit):
    learner = factories.UserFactory(unit=unit, username="siti")
    hr = factories.hr_user(units=[unit])
    assert user_by_login(login=learner.nip) == learner
    assert user_by_login(login=f" {hr.username.upper()} ") == hr
    assert user_by_login(login="tidak-ada") is None
