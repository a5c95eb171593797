"""Assigning modules: HR within their units, trainers anywhere, to a unit subtree or a pasted list of NIPs."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Assignment
from courses.selectors import assignable_units, assigned_modules, assignments_visible_to
from courses.services import AssignmentRejected, assignment_create, split_nips
from people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

CREATE = "/admin/pembelajaran/penugasan/baru/"
INDEX = "/admin/pembelajaran/penugasan/"


def due(days=14) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def tree(db):
    """Ministry → SDA → SDA-1, and Ministry → BM (outside the HR officer's scope)."""
    ministry = factories.UnitFactory(code="PU", name="Kementerian", kind="ministry")
    sda = factories.UnitFactory(code="SDA", name="Sumber Daya Air", parent=ministry)
    sda1 = factories.UnitFactory(code="SDA-1", name="Balai Wilayah Sungai", parent=sda)
    bm = factories.UnitFactory(code="BM", name="Bina Marga", parent=ministry)
    units = {"ministry": ministry, "sda": sda, "sda1": sda1, "bm": bm}
    for unit in units.values():
        unit.refresh_from_db()  # siblings are kept in name order, so adding Bina Marga moved SDA's path
    return units


@pytest.fixture
def hr(tree):
    return factories.hr_user(units=[tree["sda"]])


@pytest.fixture
def trainer(tree):
    return factories.UserFactory(nip=None, username="pengajar-uji", role=Role.TRAINER, is_staff=True, unit=tree["bm"])


@pytest.fixture
def module():
    return factories.module(title="Modul Wajib", lessons=1)


@pytest.fixture
def staff(tree):
    return {
        "sda": factories.UserFactory(unit=tree["sda"], full_name="Ani SDA"),
        "sda1": factories.UserFactory(unit=tree["sda1"], full_name="Budi SDA-1"),
        "bm": factories.UserFactory(unit=tree["bm"], full_name="Citra BM"),
    }


# --- the NIP list ---------------------------------------------------------------------------------------


def test_nips_are_split_by_lines_commas_and_semicolons_and_kept_once():
    text = "198503122010012002\n19850312 201001 2 002, 199001012015031001;\r\n  \n198503122010012002"
    assert split_nips(text) == ["198503122010012002", "199001012015031001"]


# --- the service: units -----------------------------------------------------------------------------------


def test_hr_assigns_a_unit_in_scope_and_its_sub_units_get_it(hr, tree, module, staff):
    result = assignment_create(assigned_by=hr, module=module, due_date=due(), unit=tree["sda"])

    assert (result.created, result.updated) == (1, 0)
    row = Assignment.objects.get()
    assert (row.unit, row.user, row.assigned_by, row.due_date) == (tree["sda"], None, hr, due())
    assert [item.module.pk for item in assigned_modules(user=staff["sda"])] == [module.pk]
    assert [item.module.pk for item in assigned_modules(user=staff["sda1"])] == [module.pk]
    assert assigned_modules(user=staff["bm"]) == []


def test_hr_cannot_assign_a_unit_outside_their_scope(hr, tree, module):
    with pytest.raises(PermissionDenied):
        assignment_create(assigned_by=hr, module=module, due_date=due(), unit=tree["bm"])
    with pytest.raises(PermissionDenied):
        assignment_create(assigned_by=hr, module=module, due_date=due(), unit=tree["ministry"])
    assert not Assignment.objects.exists()


def test_a_trainer_may_assign_any_unit(trainer, tree, module):
    assignment_create(assigned_by=trainer, module=module, due_date=due(), unit=tree["sda1"])
    assert Assignment.objects.get().unit == tree["sda1"]


def test_someone_with_both_roles_is_held_to_the_hr_scope(hr, tree, module):
    from django.contrib.auth.models import Group

    hr.groups.add(Group.objects.get(name=Role.TRAINER))
    assert set(assignable_units(user=hr)) == {tree["sda"], tree["sda1"]}


def test_a_learner_may_not_assign(staff, tree, module):
    with pytest.raises(PermissionDenied):
        assignment_create(assigned_by=staff["sda"], module=module, due_date=due(), unit=tree["sda"])


def test_assigning_again_moves_the_due_date_instead_of_adding_a_row(hr, tree, module):
    assignment_create(assigned_by=hr, module=module, due_date=due(10), unit=tree["sda"])
    result = assignment_create(assigned_by=hr, module=module, due_date=due(30), unit=tree["sda"])

    assert (result.created, result.updated) == (0, 1)
    assert Assignment.objects.get().due_date == due(30)


def test_a_due_date_in_the_past_is_refused_and_today_is_fine(hr, tree, module):
    with pytest.raises(ValidationError):
        assignment_create(assigned_by=hr, module=module, due_date=due(-1), unit=tree["sda"])
    assignment_create(assigned_by=hr, module=module, due_date=due(0), unit=tree["sda"])


def test_a_draft_module_cannot_be_assigned(hr, tree, module):
    module.unpublish()
    with pytest.raises(ValidationError):
        assignment_create(assigned_by=hr, module=module, due_date=due(), unit=tree["sda"])


def test_exactly_one_target_is_needed(hr, tree, module, staff):
    with pytest.raises(ValidationError):
        assignment_create(assigned_by=hr, module=module, due_date=due())
    with pytest.raises(ValidationError):
        assignment_create(assigned_by=hr, module=module, due_date=due(), unit=tree["sda"], nips=[staff["sda"].nip])


@pytest.mark.parametrize("target", ["both", "neither"])
def test_the_database_refuses_a_row_without_exactly_one_target(hr, tree, module, staff, target):
    values = {"user": staff["sda"], "unit": tree["sda"]} if target == "both" else {}
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(module=module, due_date=due(), assigned_by=hr, **values)


def test_the_database_keeps_one_row_per_module_and_person(hr, module, staff):
    Assignment.objects.create(module=module, user=staff["sda"], due_date=due(), assigned_by=hr)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(module=module, user=staff["sda"], due_date=due(3), assigned_by=hr)


# --- the service: NIP lists -------------------------------------------------------------------------------


def test_hr_assigns_a_list_of_nips_in_scope(hr, module, staff):
    result = assignment_create(
        assigned_by=hr, module=module, due_date=due(), nips=[staff["sda"].nip, staff["sda1"].nip]
    )
    assert (result.created, result.updated, result.skipped) == (2, 0, [])
    assert set(Assignment.objects.values_list("user_id", flat=True)) == {staff["sda"].pk, staff["sda1"].pk}


def test_a_list_with_bad_nips_is_refused_whole_with_a_reason_for_each(hr, module, staff):
    inactive = factories.UserFactory(unit=staff["sda"].unit, is_active=False)
    unknown = "198001012005011001"
    nips = [staff["sda"].nip, "12345", unknown, staff["bm"].nip, inactive.nip, "198013452005011001"]

    with pytest.raises(AssignmentRejected) as rejected, translation.override("en"):
        assignment_create(assigned_by=hr, module=module, due_date=due(), nips=nips)

    problems = rejected.value.problems
    assert [problem.nip for problem in problems] == nips[1:]
    reasons = [problem.reason for problem in problems]
    assert "18 digits" in reasons[0]
    assert reasons[1] == "No account has this NIP."
    assert reasons[2] == "This person works outside the units you may assign to."
    assert reasons[3] == "This account is deactivated."
    assert "birth date" in reasons[4]
    assert rejected.value.valid_count == 1
    assert not Assignment.objects.exists()


def test_with_partial_the_valid_nips_are_assigned_and_the_others_reported(hr, module, staff):
    result = assignment_create(
        assigned_by=hr, module=module, due_date=due(), nips=[staff["sda"].nip, staff["bm"].nip], partial=True
    )
    assert (result.created, result.updated) == (1, 0)
    assert [problem.nip for problem in result.skipped] == [staff["bm"].nip]
    assert Assignment.objects.get().user == staff["sda"]


def test_assigning_a_person_again_moves_their_due_date(hr, module, staff):
    assignment_create(assigned_by=hr, module=module, due_date=due(5), nips=[staff["sda"].nip])
    result = assignment_create(
        assigned_by=hr, module=module, due_date=due(9), nips=[staff["sda"].nip, staff["sda1"].nip]
    )
    assert (result.created, result.updated) == (1, 1)
    assert Assignment.objects.get(user=staff["sda"]).due_date == due(9)


def test_a_trainer_may_assign_people_anywhere(trainer, module, staff):
    result = assignment_create(
        assigned_by=trainer, module=module, due_date=due(), nips=[staff["bm"].nip, staff["sda"].nip]
    )
    assert result.created == 2


# --- what a learner is assigned -----------------------------------------------------------------------------


def test_the_earliest_due_date_counts_when_a_module_is_assigned_twice(hr, tree, module, staff):
    assignment_create(assigned_by=hr, module=module, due_date=due(30), unit=tree["sda"])
    assignment_create(assigned_by=hr, module=module, due_date=due(7), nips=[staff["sda1"].nip])
    [item] = assigned_modules(user=staff["sda1"])
    assert item.due_date == due(7)
    assert assigned_modules(user=staff["sda"])[0].due_date == due(30)


def test_someone_who_joins_the_unit_later_is_assigned_too(hr, tree, module):
    assignment_create(assigned_by=hr, module=module, due_date=due(), unit=tree["sda"])
    newcomer = factories.UserFactory(unit=tree["sda1"])
    assert [item.module.pk for item in assigned_modules(user=newcomer)] == [module.pk]


def test_an_assignment_to_a_unpublished_module_is_not_shown(hr, tree, module, staff):
    assignment_create(assigned_by=hr, module=module, due_date=due(), unit=tree["sda"])
    module.unpublish()
    assert assigned_modules(user=staff["sda"]) == []


def test_a_past_due_date_is_overdue(hr, module, staff):
    Assignment.objects.create(module=module, user=staff["sda"], due_date=due(-2), assigned_by=hr)
    [item] = assigned_modules(user=staff["sda"])
    assert item.overdue and item.days_left == -2


def test_hr_lists_only_assignments_in_their_units(hr, trainer, tree, module, staff):
    assignment_create(assigned_by=trainer, module=module, due_date=due(), unit=tree["bm"])
    assignment_create(assigned_by=trainer, module=module, due_date=due(), nips=[staff["bm"].nip])
    mine = assignment_create(assigned_by=hr, module=module, due_date=due(), nips=[staff["sda1"].nip])
    assert mine.created == 1
    assert [row.user for row in assignments_visible_to(user=hr)] == [staff["sda1"]]
    assert assignments_visible_to(user=trainer).count() == 3


# --- the admin view ---------------------------------------------------------------------------------------


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_admin_urls():
    assert reverse("courses_assignment_create") == CREATE
    assert reverse("courses_assignments") == INDEX


def test_hr_sees_the_learning_menu_and_the_form_offers_only_their_units(english, hr, tree, module):
    english.force_login(hr)
    home = english.get("/admin/").content.decode()
    assert "Learning" in home and CREATE in home

    response = english.get(CREATE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sumber Daya Air (SDA)" in html and "Balai Wilayah Sungai (SDA-1)" in html
    assert "Bina Marga" not in html
    assert "Modul Wajib" in html
    assert 'class="w-breadcrumbs' in html or "breadcrumb" in html


def test_a_learner_gets_neither_the_menu_nor_the_form(client, staff):
    client.force_login(staff["sda"])
    assert client.get(CREATE).status_code in (302, 403)
    assert client.get(INDEX).status_code in (302, 403)


def test_an_admin_user_without_the_permission_is_refused(client, tree):
    from django.contrib.auth.models import Permission

    editor = factories.UserFactory(nip=None, username="editor-uji", is_staff=True, unit=tree["sda"])
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(CREATE)
    # Wagtail's admin turns PermissionDenied into a redirect home with an error message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.post(CREATE, {"target": "unit", "unit": tree["sda"].pk}).status_code == 302
    assert not Assignment.objects.exists()
    assert "Assign a module" not in client.get("/admin/").content.decode()


def form_data(module, **values):
    data = {"module": module.pk, "target": "unit", "unit": "", "nips": "", "due_date": due().isoformat()}
    data.update(values)
    return data


def test_posting_a_unit_assigns_it_and_shows_it_in_the_list(english, hr, tree, module):
    english.force_login(hr)
    response = english.post(CREATE, form_data(module, unit=tree["sda1"].pk))

    assert response.status_code == 302 and response["Location"] == INDEX
    assert Assignment.objects.get().unit == tree["sda1"]
    listing = english.get(INDEX).content.decode()
    assert "Balai Wilayah Sungai (SDA-1) and its sub-units" in listing
    assert "Modul Wajib" in listing


def test_posting_a_unit_outside_the_scope_is_refused_with_a_message(english, hr, tree, module):
    english.force_login(hr)
    response = english.post(CREATE, form_data(module, unit=tree["bm"].pk))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_pasted_list_with_a_problem_is_shown_back_with_every_reason_and_the_text_kept(english, hr, module, staff):
    english.force_login(hr)
    pasted = f"{staff['sda'].nip}\n{staff['bm'].nip}\n198001012005011001"
    response = english.post(CREATE, form_data(module, target="people", nips=pasted))

    html = response.content.decode()
    assert response.status_code == 400
    assert "2 NIPs cannot be assigned" in html
    assert f"<td>{staff['bm'].nip}</td><td>This person works outside the units you may assign to.</td>" in html
    assert "<td>198001012005011001</td><td>No account has this NIP.</td>" in html
    assert staff["sda"].nip in html.split("<textarea", 1)[1].split("</textarea>", 1)[0]
    assert not Assignment.objects.exists()


def test_a_pasted_list_with_partial_assigns_the_valid_ones_and_warns(english, hr, module, staff):
    english.force_login(hr)
    pasted = f"{staff['sda'].nip}, {staff['bm'].nip}"
    response = english.post(CREATE, form_data(module, target="people", nips=pasted, partial="on"), follow=True)

    html = response.content.decode()
    assert Assignment.objects.get().user == staff["sda"]
    assert "1 new, 0 with a new due date" in html
    assert f"Skipped, not assigned: {staff['bm'].nip}" in html


@pytest.mark.parametrize(
    "values,field_error",
    [
        ({"unit": ""}, "Choose the unit to assign the module to."),
        ({"target": "people", "nips": " \n "}, "Paste at least one NIP."),
        ({"due_date": "2000-01-01"}, "The due date cannot be in the past."),
    ],
)
def test_form_mistakes_get_a_clear_message(english, hr, module, values, field_error):
    english.force_login(hr)
    response = english.post(CREATE, form_data(module, **values))
    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert not Assignment.objects.exists()
