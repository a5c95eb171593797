"""Module catalogue, modules and lessons as Wagtail pages."""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import LessonStreamBlock
from ..values import CoreValue
from .values import BerAkhlakValue


class CataloguePage(Page):
    """The list of modules an ASN can take."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.ModulePage", "courses.WorkshopPage"]
    max_count_per_parent = 1
    template = "courses/catalogue_page.html"

    class Meta:
        verbose_name = _("module catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        modules = ModulePage.objects.child_of(self).live().public().prefetch_related("values")
        value = request.GET.get("nilai", "")
        if value in CoreValue.values:
            modules = modules.filter(values__code=value)
        context.update(modules=modules, values=CoreValue.choices, selected_value=value)
        from ..selectors import catalogue_workshops  # konsinyasi workshops beside the modules

        context["workshops"] = catalogue_workshops(catalogue=self, format=request.GET.get("format", ""))
        return context


class ModulePage(Page):
    """A Ber-AKHLAK module: lessons below it, a quiz attached, JP credited on completion."""

    summary = models.TextField(_("summary"), max_length=1000)
    jp = models.PositiveSmallIntegerField(
        _("JP"), help_text=_("Learning hours (jam pelajaran) credited on completion.")
    )
    values = ParentalManyToManyField(BerAkhlakValue, verbose_name=_("Ber-AKHLAK values"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("jp"),
        FieldPanel("estimated_minutes"),
        FieldPanel("values", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CataloguePage"]
    subpage_types = ["courses.LessonPage"]
    template = "courses/module_page.html"

    class Meta:
        verbose_name = _("module")
        constraints = [models.CheckConstraint(condition=models.Q(jp__lte=200), name="courses_module_jp_sane")]

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import module_progress

        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = self.lessons()
        if request.user.is_authenticated:
            context["progress"] = module_progress(user=request.user, module=self)
        return context


class LessonPage(Page):
    """One lesson; reading it needs a sign-in so progress can be kept."""

    body = StreamField(LessonStreamBlock(), verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def module(self) -> "ModulePage":
        """The module this lesson sits in; asked several times per request, so fetched once."""
        return ModulePage.objects.get(pk=self.get_parent().pk)

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not getattr(request, "is_preview", False):
            # An editor previewing a lesson is not learning it.
            from ..services import lesson_visit

            lesson_visit(user=request.user, lesson=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import lesson_neighbours, module_progress
        from .learning import LessonProgress

        context = super().get_context(request, *args, **kwargs)
        module = self.module
        context.update(
            module=module,
            progress=module_progress(user=request.user, module=module),
            done=LessonProgress.objects.filter(user=request.user, lesson=self).exists(),
            **lesson_neighbours(lesson=self, module=module),
        )
        return context
