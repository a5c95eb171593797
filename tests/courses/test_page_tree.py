"""Where pages may go: catalogue → module → lesson, nothing else."""

import pytest
from wagtail.models import Page

from courses.models import CataloguePage, LessonPage, ModulePage, WorkshopPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    module = factories.module(lessons=1)
    return {
        "root": Page.get_first_root_node(),
        "catalogue": factories.catalogue(),
        "module": module,
        "lesson": module.lessons().first(),
    }


def test_a_module_can_be_created_under_the_catalogue(tree):
    assert ModulePage.can_exist_under(tree["catalogue"])
    assert ModulePage.can_create_at(tree["catalogue"])


@pytest.mark.parametrize("parent", ["root", "module", "lesson"])
def test_a_module_cannot_be_created_anywhere_else(tree, parent):
    assert not ModulePage.can_create_at(tree[parent])


def test_a_lesson_can_be_created_under_a_module(tree):
    assert LessonPage.can_exist_under(tree["module"])
    assert LessonPage.can_create_at(tree["module"])


@pytest.mark.parametrize("parent", ["root", "catalogue", "lesson"])
def test_a_lesson_cannot_be_created_anywhere_else(tree, parent):
    assert not LessonPage.can_exist_under(tree[parent])
    assert not LessonPage.can_create_at(tree[parent])


def test_a_lesson_has_no_children():
    assert LessonPage.allowed_subpage_models() == []


def test_only_modules_and_workshops_go_under_the_catalogue_and_only_lessons_under_a_module():
    assert CataloguePage.allowed_subpage_models() == [ModulePage, WorkshopPage]
    assert ModulePage.allowed_subpage_models() == [LessonPage]


def test_there_is_only_one_catalogue_per_parent(tree):
    assert not CataloguePage.can_create_at(tree["root"])


def test_a_lesson_knows_its_module(tree):
    module = tree["lesson"].module
    assert isinstance(module, ModulePage)
    assert module.pk == tree["module"].pk
