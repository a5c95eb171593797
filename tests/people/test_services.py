"""Writes about people: role groups from code, ASN accounts keyed by NIP, staff accounts, units."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError

from people.models import Role, Unit, UnitScope, User
from people.roles import ROLE_PERMISSIONS
from people.services import person_create, roles_sync, staff_create, unit_create
from tests import factories

pytestmark = pytest.mark.django_db

NIP = "198503302010121002"


def group_permissions(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_every_permission_named_in_roles_exists():
    """roles_sync skips unknown codenames silently, so a typo in roles.py must be caught here."""
    for role, dotted_names in ROLE_PERMISSIONS.items():
        for dotted in dotted_names:
            app_label, codename = dotted.split(".", 1)
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), (
                role,
                dotted,
            )


def test_roles_sync_creates_the_five_role_groups():
    Group.objects.all().delete()
    roles_sync()
    assert set(Group.objects.values_list("name", flat=True)) == {
        "peserta",
        "pengajar",
        "pengajar_utama",
        "kepegawaian",
        "admin",
    }


@pytest.mark.parametrize("role", list(Role))
def test_roles_sync_gives_each_group_exactly_the_permissions_in_roles_py(role):
    Group.objects.all().delete()
    roles_sync()
    assert group_permissions(role.value) == set(ROLE_PERMISSIONS[role])


def test_learners_get_no_permissions_and_hr_may_see_unit_records():
    roles_sync()
    assert group_permissions(Role.LEARNER) == set()
    assert "records.view_unit_records" in group_permissions(Role.HR)
    assert "wagtailadmin.access_admin" in group_permissions(Role.TRAINER)


def test_roles_sync_is_idempotent():
    roles_sync()
    first = {role: group_permissions(role) for role in Role}
    roles_sync()
    assert Group.objects.filter(name__in=list(Role.values)).count() == len(Role)
    assert {role: group_permissions(role) for role in Role} == first


def test_roles_sync_removes_a_permission_granted_by_hand():
    roles_sync()
    hr = Group.objects.get(name=Role.HR)
    hr.permissions.add(Permission.objects.get(codename="delete_user"))
    roles_sync()
    assert "people.delete_user" not in group_permissions(Role.HR)


def test_person_create_creates_an_account_whose_username_is_the_nip(unit):
    user = person_create(nip=NIP, full_name="Siti Rahmawati, S.Sos.", password="Rahasia#2026", unit=unit)
    assert user.pk is not None
    assert user.nip == NIP
    assert user.username == NIP
    assert user.full_name == "Siti Rahmawati, S.Sos."
    assert user.unit == unit
    assert user.check_password("Rahasia#2026")
    assert user.has_role(Role.LEARNER)
    assert not user.is_staff


def test_person_create_normalises_a_spaced_nip(unit):
    user = person_create(nip="19850330 201012 1 002", full_name="Siti", password=None, unit=unit)
    assert user.nip == NIP
    assert user.username == NIP


def test_person_create_without_a_password_gives_an_unusable_one(unit):
    user = person_create(nip=NIP, full_name="Siti", password=None, unit=unit)
    assert not user.has_usable_password()


def test_person_create_updates_the_account_with_the_same_nip(unit):
    first = person_create(nip=NIP, full_name="Siti", password="Rahasia#2026", unit=unit, position="Analis")
    other_unit = factories.UnitFactory()
    second = person_create(
        nip=NIP, full_name="Dr. Siti, M.Si.", password=None, unit=other_unit, position="Analis Ahli Muda"
    )
    assert second.pk == first.pk
    assert User.objects.filter(nip=NIP).count() == 1
    second.refresh_from_db()
    assert second.full_name == "Dr. Siti, M.Si."
    assert second.unit == other_unit
    assert second.position == "Analis Ahli Muda"
    assert second.check_password("Rahasia#2026"), "no password given: keep the one they have"


def test_person_create_refuses_a_bad_nip_and_creates_nothing(unit):
    with pytest.raises(ValidationError) as caught:
        person_create(nip="198513322010121002", full_name="Siti", password=None, unit=unit)
    assert caught.value.code == "nip_birth_date"
    assert not User.objects.filter(full_name="Siti").exists()


def test_person_create_gives_the_requested_role(unit):
    user = person_create(nip=NIP, full_name="Budi", password=None, unit=unit, role=Role.TRAINER)
    assert user.has_role(Role.TRAINER)


def test_staff_create_makes_an_hr_officer_with_a_unit_scope(unit):
    child = factories.UnitFactory(parent=unit)
    user = staff_create(username="hr.sda", full_name="Ani", password="Rahasia#2026", role=Role.HR, scope=[unit])
    assert user.nip is None
    assert user.is_staff and not user.is_superuser
    assert user.has_role(Role.HR)
    assert user.check_password("Rahasia#2026")
    assert set(UnitScope.objects.filter(user=user).values_list("unit", flat=True)) == {unit.pk}
    from people.selectors import units_in_scope

    assert set(units_in_scope(user=user)) == {unit, child}


def test_staff_create_makes_an_admin_a_superuser():
    user = staff_create(username="admin", full_name="Admin", password="Rahasia#2026", role=Role.ADMIN)
    assert user.is_staff and user.is_superuser


def test_staff_create_makes_a_trainer_staff_but_not_superuser():
    user = staff_create(username="pengajar", full_name="Guru", password="Rahasia#2026", role=Role.TRAINER)
    assert user.is_staff and not user.is_superuser
    assert user.has_role(Role.TRAINER)


def test_staff_create_is_idempotent_for_the_same_username(unit):
    first = staff_create(username="hr.sda", full_name="Ani", password="Rahasia#2026", role=Role.HR, scope=[unit])
    second = staff_create(username="hr.sda", full_name="Ani S.", password="Baru#2027x", role=Role.HR, scope=[unit])
    assert first.pk == second.pk
    assert User.objects.filter(username="hr.sda").count() == 1
    assert UnitScope.objects.filter(user=second).count() == 1
    second.refresh_from_db()
    assert second.full_name == "Ani S."
    assert second.check_password("Baru#2027x")


def test_unit_create_adds_a_child_under_its_parent():
    root = unit_create(code="KEM", name="Kementerian", kind=Unit.Kind.MINISTRY)
    child = unit_create(code="SDA", name="Ditjen SDA", parent=root, kind=Unit.Kind.ORGANISATION)
    assert child.get_parent() == root
    assert root.is_root()


def test_unit_create_is_idempotent_by_code_and_updates_the_name():
    first = unit_create(code="SDA", name="Sumber Daya Air")
    second = unit_create(code="SDA", name="Ditjen Sumber Daya Air", kind=Unit.Kind.ORGANISATION)
    assert first.pk == second.pk
    assert Unit.objects.filter(code="SDA").count() == 1
    second.refresh_from_db()
    assert second.name == "Ditjen Sumber Daya Air"
    assert second.kind == Unit.Kind.ORGANISATION
