"""Where pages may go, and that every page type is routable, renderable and previewable (Wagtail's own checks)."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import (
    CataloguePage,
    ContentPage,
    LessonPage,
    ModulePage,
    UnitSectionPage,
    ValuePage,
    WorkshopPage,
)
from tests import factories
from tests.courses import factories as course_factories

ALL_TYPES = [CataloguePage, UnitSectionPage, ModulePage, LessonPage, ValuePage, ContentPage]


@pytest.mark.django_db
class TestPageTree(WagtailPageTestCase):
    def setUp(self):
        super().setUp()
        self.learner = factories.UserFactory()
        self.editor = self.create_superuser("previewer")
        self.catalogue = factories.catalogue()
        self.section = course_factories.section()
        self.module = factories.module(lessons=1, parent=self.section)
        self.lesson = self.module.lessons().first().specific
        self.value_page = course_factories.value_page()
        self.content_page = course_factories.content_page()

    def test_the_catalogue_sits_only_at_the_top_and_once(self):
        self.assertAllowedParentPageTypes(CataloguePage, {Page})
        self.assertFalse(CataloguePage.can_create_at(Page.get_first_root_node()))

    def test_below_the_catalogue_go_sections_modules_workshops_value_pages_and_content_pages(self):
        self.assertAllowedSubpageTypes(
            CataloguePage, {UnitSectionPage, ModulePage, WorkshopPage, ValuePage, ContentPage}
        )

    def test_a_section_holds_only_modules_and_sits_only_under_the_catalogue(self):
        self.assertAllowedSubpageTypes(UnitSectionPage, {ModulePage})
        self.assertAllowedParentPageTypes(UnitSectionPage, {CataloguePage})

    def test_a_module_goes_in_the_catalogue_or_a_section_and_holds_only_lessons(self):
        self.assertAllowedParentPageTypes(ModulePage, {CataloguePage, UnitSectionPage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})
        self.assertCanCreateAt(UnitSectionPage, ModulePage)
        for parent in (ModulePage, LessonPage, ValuePage, ContentPage):
            self.assertCanNotCreateAt(parent, ModulePage)

    def test_a_lesson_goes_only_in_a_module_and_has_no_children(self):
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        for parent in (CataloguePage, UnitSectionPage, LessonPage, ValuePage, ContentPage):
            self.assertCanNotCreateAt(parent, LessonPage)

    def test_value_pages_go_only_in_the_catalogue_and_are_leaves(self):
        self.assertAllowedParentPageTypes(ValuePage, {CataloguePage})
        self.assertAllowedSubpageTypes(ValuePage, set())

    def test_content_pages_nest_under_the_catalogue_or_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {CataloguePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})

    def test_the_real_tree_allows_what_the_rules_say(self):
        assert ModulePage.can_create_at(self.catalogue)
        assert ModulePage.can_create_at(self.section)
        assert not ModulePage.can_create_at(Page.get_first_root_node())
        assert LessonPage.can_create_at(self.module)
        assert not LessonPage.can_create_at(self.section)
        assert not UnitSectionPage.can_create_at(self.section)

    def test_every_page_type_is_routable(self):
        for page in (self.catalogue, self.section, self.module, self.lesson, self.value_page, self.content_page):
            self.assertPageIsRoutable(page)

    def test_every_public_page_type_renders_for_anyone(self):
        for page in (self.catalogue, self.section, self.module, self.value_page, self.content_page):
            self.assertPageIsRenderable(page)

    def test_a_lesson_renders_for_a_signed_in_learner_and_redirects_anonymous_visitors(self):
        self.assertPageIsRenderable(self.lesson, user=self.learner)
        self.assertPageIsRenderable(self.lesson, accept_redirect=True)

    def preview_data(self, page, streams: dict) -> dict:
        """The edit form's fields as the browser would post them; StreamFields are built by JavaScript there."""
        from django.urls import reverse
        from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

        self.client.force_login(self.editor)
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        data = querydict_from_html(html, form_id="page-edit-form")
        data.update(nested_form_data(streams))
        self.client.logout()
        return data

    def test_every_page_type_is_previewable(self):
        from wagtail.test.utils.form_data import rich_text, streamfield

        for page in (self.catalogue, self.section, self.module):
            self.assertPageIsPreviewable(page, user=self.editor)
        text = streamfield([("text", rich_text("<p>Pratinjau.</p>"))])
        behaviour = streamfield([("behaviour", {"name": "Ramah", "description": "Menyapa."})])
        self.assertPageIsPreviewable(
            self.lesson, post_data=self.preview_data(self.lesson, {"body": text}), user=self.editor
        )
        self.assertPageIsPreviewable(
            self.content_page, post_data=self.preview_data(self.content_page, {"body": text}), user=self.editor
        )
        self.assertPageIsPreviewable(
            self.value_page, post_data=self.preview_data(self.value_page, {"behaviours": behaviour}), user=self.editor
        )

    def test_a_lesson_knows_its_module(self):
        assert isinstance(self.lesson.module, ModulePage)
        assert self.lesson.module.pk == self.module.pk

    def test_a_second_section_for_the_same_unit_is_refused(self):
        from django.core.exceptions import ValidationError

        duplicate = UnitSectionPage(title="Lagi", slug="lagi", unit=self.section.unit)
        self.catalogue.add_child(instance=duplicate)
        with pytest.raises(ValidationError):
            duplicate.full_clean()

    def test_a_second_page_for_the_same_value_is_refused(self):
        from django.core.exceptions import ValidationError

        duplicate = ValuePage(title="Lagi", slug="lagi", value=self.value_page.value, summary="x")
        with pytest.raises(ValidationError):
            duplicate.full_clean()
